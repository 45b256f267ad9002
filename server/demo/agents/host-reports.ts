import type { HostReport } from '../../agents/reports.ts';
import { DAY, HOUR, MINUTE } from '../model/clock.ts';
import { clamp, keyOf, makeWave, wander, waveBytes } from '../model/noise.ts';

const GiB = 1024 ** 3;
const seed = 8_201;

interface DemoFilesystem {
  device: string;
  mountpoint: string;
  filesystem: string;
  totalGiB: number;
  /** Fill around which usage drifts, 0..1. */
  fill: number;
}

interface DemoHost {
  agentId: string;
  hostname: string;
  osName: string;
  osVersion: string;
  kernelVersion: string;
  architecture: string;
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  swapGiB: number;
  /** Typical CPU use, 0..1. */
  cpuBase: number;
  memoryFill: number;
  uptimeDays: number;
  filesystems: DemoFilesystem[];
  interfaces: { name: string; mac: string; address: string; speedMbps: number; rate: number }[];
  disks: { device: string; readRate: number; writeRate: number }[];
  sensors: Record<string, number>;
  reportIp: string;
  tags: string[];
}

/**
 * Two standalone machines (a busy workstation-class server, a small ARM gateway) and an agent
 * on the demo's PVE node pve1, which Pulse links to that node by name: its CPU sensor becomes
 * the node's temperature.
 */
export const demoHosts: DemoHost[] = [
  {
    agentId: 'demo-agent-atlas',
    hostname: 'atlas',
    osName: 'Ubuntu',
    osVersion: '24.04.1 LTS',
    kernelVersion: '6.8.0-49-generic',
    architecture: 'x86_64',
    cpuModel: 'AMD Ryzen 9 5950X 16-Core Processor',
    cpuCount: 32,
    memoryGiB: 64,
    swapGiB: 8,
    cpuBase: 0.22,
    memoryFill: 0.58,
    uptimeDays: 23,
    filesystems: [
      { device: '/dev/nvme0n1p2', mountpoint: '/', filesystem: 'ext4', totalGiB: 915, fill: 0.41 },
      {
        device: '/dev/nvme0n1p1',
        mountpoint: '/boot/efi',
        filesystem: 'vfat',
        totalGiB: 1,
        fill: 0.06,
      },
      {
        device: 'tank/media',
        mountpoint: '/srv/media',
        filesystem: 'zfs',
        totalGiB: 14_000,
        fill: 0.78,
      },
    ],
    interfaces: [
      {
        name: 'enp5s0',
        mac: 'a8:a1:59:3c:10:2e',
        address: '192.168.10.20/24',
        speedMbps: 2500,
        rate: 6_000_000,
      },
      { name: 'lo', mac: '00:00:00:00:00:00', address: '127.0.0.1/8', speedMbps: 0, rate: 40_000 },
    ],
    disks: [
      { device: 'nvme0n1', readRate: 9_000_000, writeRate: 4_500_000 },
      { device: 'sda', readRate: 22_000_000, writeRate: 1_500_000 },
    ],
    sensors: { 'k10temp Tctl': 52, 'nvme0 Composite': 41 },
    reportIp: '192.168.10.20',
    tags: ['workstation', 'media'],
  },
  {
    agentId: 'demo-agent-edge',
    hostname: 'edge-gw',
    osName: 'Debian GNU/Linux',
    osVersion: '12 (bookworm)',
    kernelVersion: '6.6.51+rpt-rpi-2712',
    architecture: 'aarch64',
    cpuModel: 'Cortex-A76',
    cpuCount: 4,
    memoryGiB: 8,
    swapGiB: 0.5,
    cpuBase: 0.09,
    memoryFill: 0.34,
    uptimeDays: 61,
    filesystems: [
      { device: '/dev/mmcblk0p2', mountpoint: '/', filesystem: 'ext4', totalGiB: 58, fill: 0.29 },
    ],
    interfaces: [
      {
        name: 'eth0',
        mac: 'd8:3a:dd:41:7b:02',
        address: '192.168.10.2/24',
        speedMbps: 1000,
        rate: 1_800_000,
      },
      { name: 'wg0', mac: '', address: '10.8.0.1/24', speedMbps: 0, rate: 250_000 },
    ],
    disks: [{ device: 'mmcblk0', readRate: 120_000, writeRate: 260_000 }],
    sensors: { cpu_thermal: 47 },
    reportIp: '192.168.10.2',
    tags: ['network'],
  },
  {
    agentId: 'demo-agent-pve1',
    hostname: 'pve1',
    osName: 'Debian GNU/Linux',
    osVersion: '12 (bookworm)',
    kernelVersion: '6.8.12-4-pve',
    architecture: 'x86_64',
    cpuModel: 'AMD EPYC 7313P 16-Core Processor',
    cpuCount: 16,
    memoryGiB: 64,
    swapGiB: 8,
    cpuBase: 0.3,
    memoryFill: 0.62,
    uptimeDays: 41,
    filesystems: [
      { device: 'rpool/ROOT/pve-1', mountpoint: '/', filesystem: 'zfs', totalGiB: 420, fill: 0.12 },
    ],
    interfaces: [
      {
        name: 'vmbr0',
        mac: '3c:ec:ef:12:40:01',
        address: '192.168.10.11/24',
        speedMbps: 10000,
        rate: 9_000_000,
      },
    ],
    disks: [{ device: 'nvme0n1', readRate: 14_000_000, writeRate: 9_000_000 }],
    sensors: { 'k10temp Tctl': 61, 'nvme0 Composite': 44 },
    reportIp: '192.168.10.11',
    tags: ['proxmox'],
  },
];

/** A demo host's report at `at`; counters are integrals since boot, so rates come out right. */
export function hostReport(host: DemoHost, at: number, startedAt: number): HostReport {
  const key = keyOf(seed, host.agentId);
  const bootAt = startedAt - host.uptimeDays * DAY;
  const sec = (ms: number) => ms / 1000;
  const cpu = clamp(host.cpuBase * (0.4 + 1.3 * wander(key, at, 15 * MINUTE)), 0.01, 0.98);
  const memoryFill = clamp(
    host.memoryFill + 0.12 * (wander(keyOf(key, 'mem'), at, HOUR) - 0.5),
    0.05,
    0.97,
  );
  const totalMemory = host.memoryGiB * GiB;
  return {
    agent: {
      id: host.agentId,
      version: '5.1.0',
      type: 'unified',
      intervalSeconds: 15,
      hostname: host.hostname,
    },
    host: {
      id: host.agentId,
      hostname: host.hostname,
      platform: 'linux',
      osName: host.osName,
      osVersion: host.osVersion,
      kernelVersion: host.kernelVersion,
      architecture: host.architecture,
      cpuModel: host.cpuModel,
      cpuCount: host.cpuCount,
      uptimeSeconds: Math.floor(sec(at - bootAt)),
      loadAverage: [1, 5, 15].map((m, i) =>
        Number(
          (
            host.cpuCount *
            cpu *
            (1 - i * 0.08) *
            (0.8 + 0.4 * wander(keyOf(key, 'load', m), at, m * MINUTE))
          ).toFixed(2),
        ),
      ),
      reportIp: host.reportIp,
    },
    metrics: {
      cpuUsagePercent: Number((cpu * 100).toFixed(1)),
      memory: {
        totalBytes: totalMemory,
        usedBytes: Math.round(totalMemory * memoryFill),
        freeBytes: Math.round(totalMemory * (1 - memoryFill)),
        swapTotalBytes: Math.round(host.swapGiB * GiB),
        swapUsedBytes: Math.round(
          host.swapGiB * GiB * 0.05 * wander(keyOf(key, 'swap'), at, 6 * HOUR),
        ),
      },
    },
    disks: host.filesystems.map((f) => {
      const total = f.totalGiB * GiB;
      const fill = clamp(f.fill + 0.02 * wander(keyOf(key, f.mountpoint), at, DAY), 0, 0.99);
      return {
        device: f.device,
        mountpoint: f.mountpoint,
        filesystem: f.filesystem,
        totalBytes: total,
        usedBytes: Math.round(total * fill),
        freeBytes: Math.round(total * (1 - fill)),
      };
    }),
    diskIO: host.disks.map((d) => ({
      device: d.device,
      readBytes: Math.round(
        waveBytes(makeWave(keyOf(key, d.device, 'r'), d.readRate), sec(bootAt), sec(at)),
      ),
      writeBytes: Math.round(
        waveBytes(makeWave(keyOf(key, d.device, 'w'), d.writeRate), sec(bootAt), sec(at)),
      ),
    })),
    network: host.interfaces.map((n) => ({
      name: n.name,
      ...(n.mac && { mac: n.mac }),
      addresses: [n.address],
      rxBytes: Math.round(
        waveBytes(makeWave(keyOf(key, n.name, 'rx'), n.rate), sec(bootAt), sec(at)),
      ),
      txBytes: Math.round(
        waveBytes(makeWave(keyOf(key, n.name, 'tx'), n.rate * 0.4), sec(bootAt), sec(at)),
      ),
      ...(n.speedMbps > 0 && { speedMbps: n.speedMbps }),
    })),
    sensors: {
      temperatureCelsius: Object.fromEntries(
        Object.entries(host.sensors).map(([sensor, base]) => [
          sensor,
          Number(
            (base + 14 * cpu + 3 * (wander(keyOf(key, sensor), at, 10 * MINUTE) - 0.5)).toFixed(1),
          ),
        ]),
      ),
    },
    tags: host.tags,
    timestamp: new Date(at).toISOString(),
  };
}
