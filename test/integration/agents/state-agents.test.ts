// GET /api/state carries what the agents report (hosts, Docker engines with their containers, a
// Kubernetes cluster with nodes, pods and deployments) and the alerts, on the demo estate and
// its simulated agents, over HTTP as Pulse clients read it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostReport, mintToken, postReport } from '../../fixtures/agent-reports.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

interface PulseAlert {
  id: string;
  resourceId: string;
  startTime: string;
  resolvedTime: string | null;
}
interface Host {
  id: string;
  agentId: string;
  hostname: string;
  displayName: string;
  status: string;
  memory: { total: number; used: number; free: number; usage: number };
  disks: { mountpoint: string; device: string; total: number; usage: number }[];
  networkInterfaces: { name: string; addresses: string[] }[];
  lastSeen: string;
  intervalSeconds: number;
  linkedNodeId?: string;
}
interface Container {
  id: string;
  name: string;
  state: string;
  status: string | null;
  exitCode: number | null;
  restartCount: number;
}
interface DockerHost {
  id: string;
  agentId: string;
  hostname: string;
  runtime: string;
  status: string;
  lastSeen: string;
  containers: Container[];
}
interface Cluster {
  id: string;
  agentId: string;
  name: string;
  status: string;
  nodes: { uid: string; name: string; ready: boolean; roles: string[] }[];
  pods: { uid: string; name: string; namespace: string; reason?: string; restarts: number }[];
  deployments: { name: string; desiredReplicas: number; readyReplicas: number }[];
}
interface State {
  nodes: { id: string; name: string }[];
  hosts: Host[];
  dockerHosts: DockerHost[];
  kubernetesClusters: Cluster[];
  activeAlerts: PulseAlert[];
  recentlyResolved: PulseAlert[];
}
interface V6Resource {
  id: string;
  type: string;
  parentId: string;
  platformData: Record<string, unknown>;
}

let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ PULSE_DEMO_MODE: 'on' });
});
afterAll(() => running?.stop());

async function getJson<T>(path: string, headers: Record<string, string> = running.headers) {
  const response = await fetch(`${running.url}${path}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}
const state = (headers?: Record<string, string>) => getJson<State>('/api/state', headers);

/** The state once every simulated agent has reported. */
function agentsReported(headers?: Record<string, string>) {
  return vi.waitFor(
    async () => {
      const current = await state(headers);
      expect(current.hosts.length).toBeGreaterThanOrEqual(2);
      expect(current.dockerHosts.length).toBeGreaterThanOrEqual(2);
      expect(current.kubernetesClusters).toHaveLength(1);
      return current;
    },
    { timeout: 15_000, interval: 200 },
  );
}

const sortedIds = (alerts: { id: string }[]) => alerts.map((a) => a.id).sort();

describe('GET /api/state with agents', () => {
  it('lists the host agents with their machine figures', async () => {
    const { hosts } = await agentsReported();
    const demo = hosts.filter((h) => h.agentId.startsWith('demo-agent-'));
    expect(demo.map((h) => h.hostname).sort()).toEqual(['atlas', 'edge-gw', 'pve1']);
    for (const host of demo) {
      expect(host).toMatchObject({ status: 'online', displayName: host.hostname });
      expect(host.id).toBe(`host-agent:${host.agentId}/host`);
      expect(host.memory.total).toBeGreaterThan(0);
      expect(host.memory.used + host.memory.free).toBe(host.memory.total);
      expect(host.memory.usage).toBeGreaterThan(0);
      expect(host.disks.find((d) => d.mountpoint === '/')?.total).toBeGreaterThan(0);
      expect(host.networkInterfaces.length).toBeGreaterThan(0);
      expect(Date.now() - Date.parse(host.lastSeen)).toBeLessThan(60_000);
      expect(host.intervalSeconds).toBeGreaterThan(0);
    }
  });

  it('nests every Docker engine’s containers, as /api/resources has them', async () => {
    const { dockerHosts } = await agentsReported();
    const { resources } = await getJson<{ resources: V6Resource[] }>('/api/resources');
    const engines = resources.filter((r) => r.type === 'docker-host');
    expect(dockerHosts.map((h) => h.id).sort()).toEqual(engines.map((e) => e.id).sort());
    expect(dockerHosts.map((h) => h.hostname).sort()).toEqual(['docker-01', 'docker-02']);
    for (const host of dockerHosts) {
      const children = resources.filter(
        (r) => r.type === 'app-container' && r.parentId === host.id,
      );
      expect(host.containers.length).toBeGreaterThanOrEqual(10);
      expect(host.containers.map((c) => c.id).sort()).toEqual(
        children.map((c) => c.platformData.containerId).sort(),
      );
      expect(host).toMatchObject({ runtime: 'docker', status: 'online' });
    }
    const containers = dockerHosts.flatMap((h) => h.containers);
    const exited = containers.find((c) => c.state === 'exited' && c.exitCode !== 0);
    expect(exited).toMatchObject({ name: 'certbot', exitCode: 1 });
    expect(containers.find((c) => c.state === 'restarting')?.restartCount).toBeGreaterThan(0);
    expect(containers.find((c) => c.state === 'running')?.status).toMatch(/^Up /);
  });

  it('has the Kubernetes cluster with its nodes, pods and deployments', async () => {
    const [cluster] = (await agentsReported()).kubernetesClusters;
    const { resources } = await getJson<{ resources: V6Resource[] }>('/api/resources');
    const pods = resources.filter((r) => r.type === 'pod' && r.parentId === cluster?.id);
    expect(cluster).toMatchObject({ agentId: 'demo-agent-k3s', status: 'online' });
    expect(cluster?.nodes.map((n) => n.name).sort()).toEqual(['k3s-1', 'k3s-2', 'k3s-3']);
    expect(cluster?.nodes.every((n) => n.ready)).toBe(true);
    expect(cluster?.nodes.find((n) => n.name === 'k3s-1')?.roles).toContain('control-plane');
    expect(cluster?.pods.length).toBeGreaterThanOrEqual(25);
    expect(cluster?.pods).toHaveLength(pods.length);
    const crashing = cluster?.pods.find((p) => p.reason === 'CrashLoopBackOff');
    expect(crashing?.restarts).toBeGreaterThan(0);
    expect(crashing?.namespace).toBe('apps');
    expect(cluster?.deployments.find((d) => d.name === 'api')).toMatchObject({
      desiredReplicas: 3,
      readyReplicas: 2,
    });
  });

  it('has the active alerts of /api/alerts/active, and an alert that resolved', async () => {
    await vi.waitFor(
      async () => {
        const [current, active] = await Promise.all([
          state(),
          getJson<PulseAlert[]>('/api/alerts/active'),
        ]);
        // The demo estate has failed backups and jobs and a failing disk to alert on.
        expect(active.length).toBeGreaterThan(0);
        expect(sortedIds(current.activeAlerts)).toEqual(sortedIds(active));
      },
      { timeout: 20_000, interval: 200 },
    );

    // A host agent on a PVE node of the demo (linked to it on its first report) runs hot,
    // fires a CPU alert at once (no time threshold for hosts), then cools down.
    const node = await vi.waitFor(
      async () => {
        const [first] = (await state()).nodes;
        if (!first) throw new Error('no PVE node polled yet');
        return first;
      },
      { timeout: 15_000, interval: 200 },
    );
    const thresholds = await running.fetch('/api/notifications/thresholds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeThresholds: { byType: { host: 0 } } }),
    });
    expect(thresholds.status).toBe(200);
    const { token } = await mintToken(running, ['agent:report']);
    const report = (cpuUsagePercent: number) => {
      const body = hostReport({ agentId: 'state-probe', hostname: node.name });
      return { ...body, metrics: { ...body.metrics, cpuUsagePercent } };
    };
    expect((await postReport(running, 'host', token, report(99))).status).toBe(200);

    const firing = await vi.waitFor(
      async () => {
        const current = await state();
        const host = current.hosts.find((h) => h.agentId === 'state-probe');
        expect(host?.linkedNodeId).toBe(node.id);
        const alert = current.activeAlerts.find((a) => a.resourceId === host?.id);
        if (!alert) throw new Error('no CPU alert on the probe host yet');
        return alert;
      },
      { timeout: 15_000, interval: 200 },
    );

    expect((await postReport(running, 'host', token, report(5))).status).toBe(200);
    const resolved = await vi.waitFor(
      async () => {
        const current = await state();
        expect(current.activeAlerts.map((a) => a.id)).not.toContain(firing.id);
        const found = current.recentlyResolved.find((a) => a.id === firing.id);
        if (!found) throw new Error('not resolved yet');
        return found;
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(resolved.startTime).toBe(firing.startTime);
    expect(Date.now() - Date.parse(resolved.resolvedTime ?? '')).toBeLessThan(5 * 60_000);
  });

  it('shows the same to a read-only monitoring token', async () => {
    const { token } = await mintToken(running, ['monitoring:read']);
    const headers = { 'x-api-token': token };
    const viewed = await agentsReported(headers);
    const asAdmin = await state();
    const links = (s: State) => s.hosts.map((h) => `${h.id} → ${h.linkedNodeId}`).sort();
    expect(links(viewed)).toEqual(links(asAdmin));
    expect(viewed.dockerHosts.flatMap((h) => h.containers).length).toBe(
      asAdmin.dockerHosts.flatMap((h) => h.containers).length,
    );
    expect(viewed.kubernetesClusters[0]?.pods.length).toBe(
      asAdmin.kubernetesClusters[0]?.pods.length,
    );
    await vi.waitFor(
      async () => {
        const [current, active] = await Promise.all([
          state(headers),
          getJson<PulseAlert[]>('/api/alerts/active', headers),
        ]);
        expect(sortedIds(current.activeAlerts)).toEqual(sortedIds(active));
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(sortedIds(viewed.recentlyResolved)).toEqual(sortedIds(asAdmin.recentlyResolved));
  });
});
