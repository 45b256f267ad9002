import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import { demoHosts, hostReport } from '../../../server/demo/agents/host-reports.ts';
import { cpuTemperature, type Resource, type ResourceOf } from '../../../server/resources/model.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ PULSE_DEMO_MODE: 'on' });
});
afterAll(() => running?.stop());

const ofType = <T extends Resource['type']>(type: T): ResourceOf<T>[] =>
  running.app.store.all().filter((r) => r.type === type) as ResourceOf<T>[];

describe('the demo estate with agents', () => {
  it('has hosts, Docker machines and a Kubernetes cluster on the first look', () => {
    expect(
      ofType('host')
        .map((h) => h.name)
        .sort(),
    ).toEqual(['atlas', 'edge-gw', 'pve1']);
    // Two reports an interval apart on start: rates show at once.
    for (const host of ofType('host')) {
      expect(host).toMatchObject({ status: 'online', network: expect.any(Object) });
      expect(host.details.filesystems.length).toBeGreaterThan(0);
    }

    const engines = ofType('dockerHost');
    expect(engines.map((e) => e.name).sort()).toEqual(['docker-01', 'docker-02']);
    const containers = ofType('dockerContainer');
    expect(containers.length).toBeGreaterThanOrEqual(20);
    for (const engine of engines) {
      expect(containers.filter((c) => c.parentId === engine.id).length).toBeGreaterThanOrEqual(10);
    }
    const states = containers.map((c) => c.details.state);
    expect(states).toContain('restarting');
    expect(states).toContain('exited');
    expect(containers.some((c) => c.details.health === 'unhealthy')).toBe(true);

    expect(ofType('k8sCluster')).toHaveLength(1);
    expect(ofType('k8sNode')).toHaveLength(3);
    const pods = ofType('k8sPod');
    expect(pods.length).toBeGreaterThanOrEqual(25);
    const crashing = pods.find((p) => p.details.reason === 'CrashLoopBackOff');
    expect(crashing?.details.restarts).toBeGreaterThan(0);
    expect(crashing?.status).toBe('degraded');
    expect(ofType('k8sDeployment').find((d) => d.name === 'api')).toMatchObject({
      status: 'degraded',
      details: { desiredReplicas: 3, readyReplicas: 2 },
    });
  });

  it('links the agent on pve1 to that node once the node is polled, giving it a temperature', async () => {
    const node = await vi.waitFor(() => {
      const found = ofType('node').find((n) => n.name === 'pve1');
      if (!found) throw new Error('pve1 not polled yet');
      return found;
    });
    // The agent's next report (sent now rather than waited for) finds the node by name.
    const [, , onNode] = demoHosts;
    if (!onNode) throw new Error('the demo has no agent on pve1');
    await running.app.services.agents.report(
      systemActor,
      'host',
      hostReport(onNode, Date.now(), Date.now()),
    );
    const host = ofType('host').find((h) => h.name === 'pve1');
    expect(host?.details.linkedNodeId).toBe(node.id);
    expect(cpuTemperature(host?.details.temperatures ?? [])).toBeGreaterThan(40);
  });

  it('lists the simulated agents, and they go when the demo does', async () => {
    const agents = await running.app.services.agents.list(systemActor);
    expect(agents.map((a) => a.id).sort()).toEqual([
      'demo-agent-atlas',
      'demo-agent-docker-01',
      'demo-agent-docker-02',
      'demo-agent-edge',
      'demo-agent-k3s',
      'demo-agent-pve1',
    ]);
    await running.app.sourceManager.stop();
    expect(await running.app.services.agents.list(systemActor)).toEqual([]);
    expect(ofType('host')).toEqual([]);
    expect(ofType('k8sPod')).toEqual([]);
  });
});
