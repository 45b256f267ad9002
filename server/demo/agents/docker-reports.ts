import type { DockerContainerReport, DockerReport } from '../../agents/reports.ts';
import { DAY, HOUR, MINUTE } from '../model/clock.ts';
import { clamp, hex, keyOf, makeWave, unit, wander, waveBytes } from '../model/noise.ts';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const seed = 8_202;

/** How a demo container behaves, beyond "up and healthy". */
type Trouble = 'restarting' | 'unhealthy' | 'exited' | 'completed';

interface DemoContainer {
  name: string;
  image: string;
  project: string;
  /** Typical CPU in percent of one core. */
  cpu: number;
  memoryMiB: number;
  limitMiB?: number;
  ports?: [number, number?][];
  healthcheck?: boolean;
  trouble?: Trouble;
  /** Network throughput in bytes per second. */
  rate: number;
}

interface DemoDockerHost {
  agentId: string;
  hostname: string;
  cpuCount: number;
  memoryGiB: number;
  uptimeDays: number;
  containers: DemoContainer[];
}

const c = (
  name: string,
  image: string,
  project: string,
  cpu: number,
  memoryMiB: number,
  extra: Partial<DemoContainer> = {},
): DemoContainer => ({ name, image, project, cpu, memoryMiB, rate: 40_000, ...extra });

/** Two Docker machines: media and apps on one, the monitoring stack and home automation on the other. */
export const demoDockerHosts: DemoDockerHost[] = [
  {
    agentId: 'demo-agent-docker-01',
    hostname: 'docker-01',
    cpuCount: 8,
    memoryGiB: 32,
    uptimeDays: 12,
    containers: [
      c('traefik', 'traefik:v3.2', 'proxy', 3, 90, {
        ports: [
          [80, 80],
          [443, 443],
        ],
        rate: 900_000,
      }),
      c('jellyfin', 'jellyfin/jellyfin:10.10.3', 'media', 45, 1_900, {
        ports: [[8096, 8096]],
        rate: 4_000_000,
        healthcheck: true,
      }),
      c('sonarr', 'lscr.io/linuxserver/sonarr:4.0.11', 'media', 2, 310, { ports: [[8989, 8989]] }),
      c('radarr', 'lscr.io/linuxserver/radarr:5.15.1', 'media', 2, 290, { ports: [[7878, 7878]] }),
      c('qbittorrent', 'lscr.io/linuxserver/qbittorrent:5.0.2', 'media', 12, 640, {
        ports: [[8080, 8081]],
        rate: 2_500_000,
      }),
      c('nextcloud', 'nextcloud:30.0.2-apache', 'cloud', 6, 780, {
        ports: [[80, 8443]],
        healthcheck: true,
        trouble: 'unhealthy',
      }),
      c('nextcloud-db', 'postgres:16.6', 'cloud', 4, 420, { healthcheck: true }),
      c('nextcloud-redis', 'redis:7.4-alpine', 'cloud', 1, 35, { healthcheck: true }),
      c('paperless', 'ghcr.io/paperless-ngx/paperless-ngx:2.13', 'docs', 3, 690, {
        ports: [[8000, 8010]],
      }),
      c('paperless-worker', 'ghcr.io/paperless-ngx/paperless-ngx:2.13', 'docs', 0, 0, {
        trouble: 'restarting',
      }),
      c('vaultwarden', 'vaultwarden/server:1.32.5', 'security', 1, 60, {
        ports: [[80, 8222]],
        healthcheck: true,
      }),
      c('certbot', 'certbot/certbot:v3.0.1', 'proxy', 0, 0, { trouble: 'exited' }),
    ],
  },
  {
    agentId: 'demo-agent-docker-02',
    hostname: 'docker-02',
    cpuCount: 4,
    memoryGiB: 16,
    uptimeDays: 40,
    containers: [
      c('prometheus', 'prom/prometheus:v3.0.1', 'monitoring', 9, 1_300, {
        ports: [[9090, 9090]],
        rate: 600_000,
      }),
      c('grafana', 'grafana/grafana:11.4.0', 'monitoring', 2, 210, {
        ports: [[3000, 3000]],
        healthcheck: true,
      }),
      c('loki', 'grafana/loki:3.3.1', 'monitoring', 5, 520, { ports: [[3100, 3100]] }),
      c('promtail', 'grafana/promtail:3.3.1', 'monitoring', 2, 80, { limitMiB: 256 }),
      c('alertmanager', 'prom/alertmanager:v0.27.0', 'monitoring', 1, 40, {
        ports: [[9093, 9093]],
      }),
      c('node-exporter', 'prom/node-exporter:v1.8.2', 'monitoring', 1, 25, { limitMiB: 128 }),
      c('homeassistant', 'ghcr.io/home-assistant/home-assistant:2024.12', 'home', 6, 610, {
        ports: [[8123, 8123]],
        healthcheck: true,
      }),
      c('mosquitto', 'eclipse-mosquitto:2.0.20', 'home', 1, 12, { ports: [[1883, 1883]] }),
      c('zigbee2mqtt', 'koenkk/zigbee2mqtt:1.42.0', 'home', 2, 140, { ports: [[8080, 8088]] }),
      c('uptime-kuma', 'louislam/uptime-kuma:1.23.16', 'monitoring', 3, 160, {
        ports: [[3001, 3001]],
        healthcheck: true,
      }),
      c('pihole', 'pihole/pihole:2024.07.0', 'dns', 2, 95, {
        ports: [
          [53, 53],
          [80, 8053],
        ],
        healthcheck: true,
      }),
      c('restic-backup', 'restic/restic:0.17.3', 'backup', 0, 0, { trouble: 'completed' }),
    ],
  },
];

function containerReport(
  host: DemoDockerHost,
  ct: DemoContainer,
  at: number,
  startedAt: number,
): DockerContainerReport {
  const key = keyOf(seed, host.agentId, ct.name);
  const id = Array.from({ length: 8 }, (_, i) => hex(keyOf(key, 'id', i)))
    .join('')
    .toLowerCase();
  const createdAt = startedAt - (2 + 20 * unit(key, 1)) * DAY;
  const common = {
    id,
    name: ct.name,
    image: ct.image,
    createdAt: new Date(createdAt).toISOString(),
    labels: { 'com.docker.compose.project': ct.project, 'com.docker.compose.service': ct.name },
    ports: (ct.ports ?? []).map(([privatePort, publicPort]) => ({
      privatePort,
      ...(publicPort !== undefined && { publicPort, ip: '0.0.0.0' }),
      protocol: privatePort === 53 ? 'udp' : 'tcp',
    })),
  };
  if (ct.trouble === 'exited' || ct.trouble === 'completed') {
    const exitCode = ct.trouble === 'exited' ? 1 : 0;
    const hoursAgo = 1 + Math.floor(10 * unit(key, 2));
    return {
      ...common,
      state: 'exited',
      status: `Exited (${exitCode}) ${hoursAgo} hours ago`,
      exitCode,
      restartCount: 0,
    };
  }
  if (ct.trouble === 'restarting') {
    // Crashes every couple of minutes since the demo started.
    const restarts = 3 + Math.floor((at - startedAt) / (2 * MINUTE));
    return {
      ...common,
      state: 'restarting',
      status: 'Restarting (1) 8 seconds ago',
      exitCode: 1,
      restartCount: restarts,
    };
  }
  const upSince = Math.max(createdAt, startedAt - host.uptimeDays * DAY + 40_000);
  const cpu = clamp(ct.cpu * (0.3 + 1.4 * wander(key, at, 10 * MINUTE)), 0.05, 100 * host.cpuCount);
  const memory = ct.memoryMiB * MiB * (0.85 + 0.3 * wander(keyOf(key, 'mem'), at, HOUR));
  const health = ct.healthcheck
    ? ct.trouble === 'unhealthy'
      ? 'unhealthy'
      : 'healthy'
    : undefined;
  const upHours = Math.floor((at - upSince) / HOUR);
  const sec = (ms: number) => ms / 1000;
  return {
    ...common,
    state: 'running',
    status: `Up ${upHours >= 48 ? `${Math.floor(upHours / 24)} days` : `${upHours} hours`}${health ? ` (${health})` : ''}`,
    ...(health && { health }),
    cpuPercent: Number(cpu.toFixed(2)),
    memoryUsageBytes: Math.round(memory),
    memoryLimitBytes: (ct.limitMiB ?? host.memoryGiB * 1024) * MiB,
    uptimeSeconds: Math.floor(sec(at - upSince)),
    restartCount: 0,
    networkRxBytes: Math.round(
      waveBytes(makeWave(keyOf(key, 'rx'), ct.rate), sec(upSince), sec(at)),
    ),
    networkTxBytes: Math.round(
      waveBytes(makeWave(keyOf(key, 'tx'), ct.rate * 0.3), sec(upSince), sec(at)),
    ),
    blockIo: {
      readBytes: Math.round(waveBytes(makeWave(keyOf(key, 'r'), 20_000), sec(upSince), sec(at))),
      writeBytes: Math.round(waveBytes(makeWave(keyOf(key, 'w'), 35_000), sec(upSince), sec(at))),
    },
  };
}

export function dockerReport(host: DemoDockerHost, at: number, startedAt: number): DockerReport {
  return {
    agent: {
      id: host.agentId,
      version: '5.1.0',
      type: 'unified',
      intervalSeconds: 20,
      hostname: host.hostname,
    },
    host: {
      hostname: host.hostname,
      machineId: hex(keyOf(seed, host.agentId), 8).toLowerCase().repeat(4),
      os: 'Debian GNU/Linux 12 (bookworm)',
      runtime: 'docker',
      runtimeVersion: '27.4.0',
      dockerVersion: '27.4.0',
      kernelVersion: '6.1.0-28-amd64',
      architecture: 'x86_64',
      totalCpu: host.cpuCount,
      totalMemoryBytes: host.memoryGiB * GiB,
      uptimeSeconds: Math.floor((at - (startedAt - host.uptimeDays * DAY)) / 1000),
    },
    containers: host.containers.map((ct) => containerReport(host, ct, at, startedAt)),
    timestamp: new Date(at).toISOString(),
  };
}
