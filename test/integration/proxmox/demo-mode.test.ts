import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

describe('the demo estate on a first run', () => {
  let running: RunningApp;
  let lab: TestEstate;

  beforeAll(async () => {
    lab = await startTestEstate();
    running = await startApp({ PULSE_MOCK_MODE: 'auto' });
  });
  afterAll(async () => {
    await running.stop();
    await lab.estate.stop();
  });

  const sources = () => new Set(running.app.store.all().map((r) => r.source));

  it('runs while no node is configured, polled like real nodes', async () => {
    expect(running.app.sourceManager.demoRunning).toBe(true);
    await Promise.all(
      ['demo-pve', 'demo-pbs', 'demo-pmg'].map((id) => running.app.scheduler.pollNow(id)),
    );
    const agents = /^(host|docker|k8s)-agent:/;
    const proxmox = [...sources()].filter((source) => !agents.test(source));
    expect(new Set(proxmox)).toEqual(new Set(['demo-pve', 'demo-pbs', 'demo-pmg']));
    // …and its simulated agents: three hosts (one on pve1), two Docker machines, a cluster.
    expect(sources().size - proxmox.length).toBe(6);
    expect(running.app.services.sources.demoActive(systemActor)).toBe(true);
  });

  it('goes away, with all its resources, when a real node is added', async () => {
    const credentials = lab.pve.credentials;
    if (credentials.kind !== 'token') throw new Error('expected a token');
    const node = await running.app.services.nodes.add(systemActor, {
      type: 'pve',
      name: 'homelab',
      host: lab.pve.host,
      tokenId: credentials.tokenId,
      tokenValue: credentials.secret,
      fingerprint: lab.pve.fingerprint,
    });
    await running.app.sourceManager.sync();
    expect(running.app.sourceManager.demoRunning).toBe(false);
    await running.app.scheduler.pollNow(node.id);
    expect(sources()).toEqual(new Set([node.id]));

    // Removing the last real node brings the demo back.
    await running.app.services.nodes.remove(systemActor, node.id);
    await running.app.sourceManager.sync();
    expect(running.app.sourceManager.demoRunning).toBe(true);
  });
});
