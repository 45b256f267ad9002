import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import type { Resource } from '../../../server/resources/model.ts';
import {
  dockerReport,
  hostReport,
  kubernetesReport,
  mintToken,
  postReport,
} from '../../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

const GiB = 1024 ** 3;
let running: RunningApp;

beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running?.stop());

const resourcesOf = (source: string): Resource[] =>
  running.app.store.all().filter((r) => r.source === source);

describe('agent reports become resources', () => {
  it('turns a host report into a host resource and answers with the agent and its config', async () => {
    const { token } = await mintToken(running, ['agent:report']);
    const response = await postReport(running, 'host', token, hostReport());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      agentId: 'agent-web-01',
      config: { commandsEnabled: false, intervalSeconds: null },
    });
    const [host, ...others] = resourcesOf('host-agent:agent-web-01');
    expect(others).toEqual([]);
    expect(host).toMatchObject({
      id: 'host-agent:agent-web-01/host',
      type: 'host',
      name: 'Web 01',
      status: 'online',
      parentId: null,
      cpu: 0.25,
      memory: { usedBytes: 4 * GiB, totalBytes: 16 * GiB },
      // tmpfs holds nothing of its own: only / counts.
      disk: { usedBytes: 40 * GiB, totalBytes: 100 * GiB },
      // The first report has no earlier counters to compare with.
      network: null,
      diskIo: null,
      uptimeSeconds: 86_400,
      tags: ['web'],
      details: {
        agentId: 'agent-web-01',
        agentVersion: '5.1.0',
        intervalSeconds: 30,
        hostname: 'web-01',
        osName: 'Debian GNU/Linux',
        cpuCount: 8,
        loadAverage: [0.5, 0.4, 0.3],
        swap: { usedBytes: 0.5 * GiB, totalBytes: 2 * GiB },
        temperatures: [{ sensor: 'coretemp package', celsius: 54 }],
        reportIp: '10.0.0.21',
      },
    });
    expect(host?.type === 'host' && host.details.interfaces[0]).toMatchObject({
      name: 'eth0',
      rxBytesPerSecond: null,
    });
  });

  it('takes rates from the counters of two consecutive reports', async () => {
    const { token } = await mintToken(running, ['agent:report']);
    const at = Date.parse('2026-11-23T11:00:00Z');
    const first = hostReport({ agentId: 'agent-rates', at, rx: 1_000_000, tx: 500_000 });
    expect((await postReport(running, 'agent', token, first)).status).toBe(200);
    const second = hostReport({
      agentId: 'agent-rates',
      at: at + 30_000,
      rx: 1_000_000 + 30 * 200_000,
      tx: 500_000 + 30 * 50_000,
    });
    second.diskIO = [{ device: 'sda', readBytes: 1_000_000 + 30 * 4_096, writeBytes: 2_000_000 }];
    expect((await postReport(running, 'agent', token, second)).status).toBe(200);
    const host = running.app.store.get('host-agent:agent-rates/host');
    expect(host).toMatchObject({
      network: { inBytesPerSecond: 200_000, outBytesPerSecond: 50_000 },
      diskIo: { readBytesPerSecond: 4_096, writeBytesPerSecond: 0 },
    });
    expect(host?.type === 'host' && host.details.interfaces).toEqual([
      expect.objectContaining({
        name: 'eth0',
        rxBytesPerSecond: 200_000,
        txBytesPerSecond: 50_000,
      }),
      expect.objectContaining({ name: 'lo', rxBytesPerSecond: 0 }),
    ]);
    // History sees agent resources like any other: the sample went to the metrics store.
    const history = await graphql<{ metricsHistory: { points: { avg: number }[] }[] }>(
      running.url,
      `{ metricsHistory(resourceIds: ["host-agent:agent-rates/host"], metric: "netInBytesPerSecond", range: "1h") { points { avg } } }`,
    );
    expect(history.data?.metricsHistory[0]?.points.map((p) => p.avg)).toContain(200_000);
  });

  it('turns a Docker report into the engine and its containers, status by state', async () => {
    const { token } = await mintToken(running, ['docker:report']);
    const response = await postReport(running, 'docker', token, dockerReport());
    expect(response.status).toBe(200);
    const resources = resourcesOf('docker-agent:agent-docker-01');
    const engine = resources.find((r) => r.type === 'dockerHost');
    expect(engine).toMatchObject({
      id: 'docker-agent:agent-docker-01/host',
      name: 'docker-01',
      status: 'online',
      details: { runtime: 'docker', runtimeVersion: '27.4.0', containerCount: 4, runningCount: 1 },
    });
    const containers = Object.fromEntries(
      resources.filter((r) => r.type === 'dockerContainer').map((r) => [r.name, r]),
    );
    expect(Object.keys(containers).sort()).toEqual(['cache', 'flappy', 'job', 'web']);
    expect(containers.web).toMatchObject({
      id: `docker-agent:agent-docker-01/container/${'a'.repeat(64)}`,
      parentId: engine?.id,
      status: 'running',
      // 50% of one core on a 4-core machine.
      cpu: 0.125,
      memory: { usedBytes: 256 * 1024 ** 2, totalBytes: GiB },
      uptimeSeconds: 7_200,
      details: {
        containerId: 'a'.repeat(64),
        image: 'nginx:1.27',
        state: 'running',
        statusText: 'Up 2 hours (healthy)',
        health: 'healthy',
        composeProject: 'site',
        createdAt: Date.parse('2026-11-20T08:00:00Z'),
        ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' }],
      },
    });
    expect(containers.cache?.status).toBe('paused');
    expect(containers.job).toMatchObject({ status: 'stopped', details: { exitCode: 1 } });
    expect(containers.flappy).toMatchObject({ status: 'degraded', details: { restartCount: 9 } });
  });

  it('turns a Kubernetes report into the cluster with nodes, pods and deployments', async () => {
    const { token } = await mintToken(running, ['kubernetes:report']);
    const response = await postReport(running, 'kubernetes', token, kubernetesReport());
    expect(response.status).toBe(200);
    const source = 'k8s-agent:agent-k8s:cluster-uid-1';
    const byName = (type: Resource['type'], name: string) =>
      resourcesOf(source).find((r) => r.type === type && r.name === name);
    expect(byName('k8sCluster', 'lab')).toMatchObject({
      id: `${source}/cluster`,
      // One node is not ready.
      status: 'degraded',
      cpu: 1_000 / 8_000,
      details: {
        nodeCount: 2,
        podCount: 4,
        deploymentCount: 2,
        namespaceCount: 2,
        version: 'v1.31.3',
      },
    });
    expect(byName('k8sNode', 'node-a')).toMatchObject({
      status: 'online',
      parentId: `${source}/cluster`,
      cpu: 0.25,
      memory: { usedBytes: 2 * GiB, totalBytes: 8 * GiB },
      details: { cluster: 'lab', ready: true, roles: ['control-plane'], podCapacity: 110 },
    });
    expect(byName('k8sNode', 'node-b')?.status).toBe('offline');
    expect(byName('k8sPod', 'web-1')?.status).toBe('running');
    expect(byName('k8sPod', 'api-1')).toMatchObject({
      status: 'degraded',
      details: { reason: 'CrashLoopBackOff', restarts: 12, namespace: 'apps', nodeName: 'node-a' },
    });
    expect(byName('k8sPod', 'job-1')?.status).toBe('stopped');
    expect(byName('k8sPod', 'pending-1')?.status).toBe('unknown');
    expect(byName('k8sDeployment', 'web')?.status).toBe('running');
    expect(byName('k8sDeployment', 'api')).toMatchObject({
      status: 'degraded',
      details: { desiredReplicas: 3, readyReplicas: 2 },
    });
  });

  it('shows agent resources through GraphQL like any other, and lists the agents', async () => {
    const result = await graphql<{
      resources: { id: string; agentId?: string }[];
      agents: { id: string; kinds: string[]; hostname: string; version: string; status: string }[];
    }>(
      running.url,
      `{ resources(filter: { types: [HOST, DOCKER_CONTAINER, K8S_POD] }) { id ... on Host { agentId } }
         agents { id kinds hostname version status lastReportAt } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.resources).toContainEqual({
      id: 'host-agent:agent-web-01/host',
      agentId: 'agent-web-01',
    });
    expect(result.data?.agents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'agent-web-01',
          kinds: ['HOST'],
          hostname: 'web-01',
          status: 'ONLINE',
        }),
        expect.objectContaining({
          id: 'agent-docker-01',
          kinds: ['DOCKER'],
          hostname: 'docker-01',
        }),
        expect.objectContaining({ id: 'agent-k8s', kinds: ['KUBERNETES'], version: '5.1.0' }),
      ]),
    );
  });

  it('keeps one agent sending host and Docker reports as one agent with two kinds', async () => {
    // One agent, one token: pulse-agent sends every kind with the token it was installed with.
    const { token: hostToken } = await mintToken(running, ['agent:report', 'docker:report']);
    const dockerToken = hostToken;
    expect(
      (
        await postReport(
          running,
          'host',
          hostToken,
          hostReport({ agentId: 'both', hostname: 'both-01' }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await postReport(running, 'docker', dockerToken, dockerReport({ agentId: 'both' }))).status,
    ).toBe(200);
    const agents = await running.app.services.agents.list(systemActor);
    const agent = agents.find((a) => a.id === 'both');
    expect(agent).toMatchObject({ kinds: ['docker', 'host'], hostname: 'both-01' });
  });
});
