import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import type { Resource } from '../../../server/resources/model.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { addLabNode, startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

let lab: TestEstate;
let running: RunningApp;
let pveId: string;
let pbsId: string;

const poll = (id: string) => running.app.scheduler.pollNow(id);
const health = (id: string) => running.app.scheduler.health().find((h) => h.id === id);
const resource = (id: string): Resource | undefined => running.app.store.get(id);
const guestsOn = (node: string) =>
  running.app.store
    .all()
    .filter((r) => (r.type === 'vm' || r.type === 'container') && r.details.node === node);

async function serverIsUp(): Promise<void> {
  const response = await running.fetch(`/api/health`);
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  lab = await startTestEstate();
  running = await startApp({ CONNECTION_TIMEOUT: '1' });
  pveId = await addLabNode(running, lab.pve);
  pbsId = await addLabNode(running, lab.pbs);
  await poll(pveId);
  await poll(pbsId);
});

afterEach(async () => {
  lab.estate.clearFault();
  // A node brought back by clearing its fault has rebooted; let its guests start again.
  lab.advance(10 * 60_000);
  await poll(pveId);
  expect(health(pveId)?.consecutiveFailures).toBe(0);
});

afterAll(async () => {
  await running.stop();
  await lab.estate.stop();
});

describe('fault switches, seen through the real clients and scheduler', () => {
  it('starts healthy, with guests running', () => {
    expect(health(pveId)).toMatchObject({ consecutiveFailures: 0, breaker: 'closed' });
    expect(guestsOn('pve3').some((g) => g.status === 'running')).toBe(true);
  });

  it('a node offline: the node shows offline and its guests unknown, never running; then recovers', async () => {
    lab.estate.setFault({ kind: 'node-offline', node: 'pve3' });
    await poll(pveId);
    expect(resource(`${pveId}/node/pve3`)?.status).toBe('offline');
    expect(guestsOn('pve3').length).toBeGreaterThan(0);
    expect(guestsOn('pve3').every((g) => g.status === 'unknown' && g.cpu === null)).toBe(true);
    expect(resource(`${pveId}/node/pve1`)?.status).toBe('online');
    await serverIsUp();

    lab.estate.clearFault();
    // Back from a reboot, the guests start within a few minutes.
    lab.advance(5 * 60_000);
    await poll(pveId);
    expect(resource(`${pveId}/node/pve3`)?.status).toBe('online');
    expect(guestsOn('pve3').some((g) => g.status === 'running')).toBe(true);
  });

  it('the configured member offline: polling fails over to another member', async () => {
    lab.estate.setFault({ kind: 'node-offline', node: 'pve1' });
    await poll(pveId);
    expect(health(pveId)?.consecutiveFailures).toBe(0);
    expect(resource(`${pveId}/node/pve1`)?.status).toBe('offline');
    expect(resource(`${pveId}/node/pve2`)?.status).toBe('online');
    const pve2 = lab.estate.pve[1]?.name ?? 'pve2';
    const before = lab.estate.requestCount(pve2);
    await poll(pveId);
    expect(lab.estate.requestCount(pve2)).toBeGreaterThan(before);
  });

  it('HTTP 500s: the error is recorded, resources go unknown after missed polls, and recover', async () => {
    lab.estate.setFault({
      kind: 'http-error',
      product: 'pve',
      path: /^\/cluster\/resources/,
      status: 500,
      message: 'internal error while reading the cluster state',
    });
    for (let i = 0; i < 3; i += 1) await poll(pveId);
    expect(health(pveId)).toMatchObject({ consecutiveFailures: 3, stale: true });
    expect(health(pveId)?.lastError).toContain('internal error while reading the cluster state');
    expect(guestsOn('pve1').every((g) => g.status === 'unknown')).toBe(true);
    await serverIsUp();

    lab.estate.clearFault();
    await poll(pveId);
    expect(health(pveId)).toMatchObject({ consecutiveFailures: 0, stale: false });
    expect(guestsOn('pve1').some((g) => g.status === 'running')).toBe(true);
  });

  it('malformed JSON: the poll fails with a clear error, the server stays up', async () => {
    lab.estate.setFault({
      kind: 'malformed',
      product: 'pve',
      path: /^\/cluster\/resources/,
      body: 'truncated',
    });
    await poll(pveId);
    expect(health(pveId)?.consecutiveFailures).toBe(1);
    expect(health(pveId)?.lastError).toMatch(/JSON|malformed|shape/i);
    await serverIsUp();
  });

  it('slow responses beyond the timeout: a timeout error, then recovery', async () => {
    lab.estate.setFault({
      kind: 'slow',
      product: 'pve',
      path: /^\/cluster\/resources/,
      delayMs: 3_000,
    });
    await poll(pveId);
    expect(health(pveId)?.consecutiveFailures).toBe(1);
    expect(health(pveId)?.lastError).toMatch(/did not answer|timed? ?out/i);
    await serverIsUp();
  });

  it('a revoked token: a credentials error, without trying every member', async () => {
    lab.estate.setFault({ kind: 'revoke-token', product: 'pve' });
    const counts = () => lab.estate.pve.map((m) => lab.estate.requestCount(m.name));
    const before = counts();
    await poll(pveId);
    expect(health(pveId)?.lastError).toMatch(/credentials|authentication|token/i);
    // Bad credentials fail on every member alike: only the member in use was asked.
    const asked = counts().filter((count, i) => count > (before[i] ?? 0));
    expect(asked).toHaveLength(1);
    await serverIsUp();
  });

  it('a missing privilege on node status degrades the picture instead of failing the poll', async () => {
    lab.estate.setFault({
      kind: 'deny',
      product: 'pve',
      path: /^\/nodes\/pve2\/status/,
      privilege: 'Sys.Audit',
    });
    await poll(pveId);
    expect(health(pveId)?.consecutiveFailures).toBe(0);
    const pve2 = resource(`${pveId}/node/pve2`);
    expect(pve2?.status).toBe('online');
    expect(pve2?.memory).not.toBeNull();
  });

  it('a PBS fault leaves PVE polling alone', async () => {
    lab.estate.setFault({ kind: 'revoke-token', product: 'pbs' });
    await poll(pbsId);
    await poll(pveId);
    expect(health(pbsId)?.consecutiveFailures).toBe(1);
    expect(health(pveId)?.consecutiveFailures).toBe(0);
    lab.estate.clearFault();
    await poll(pbsId);
    expect(health(pbsId)?.consecutiveFailures).toBe(0);
  });

  it('a changed certificate: the pinned connection refuses it; trusting the new one recovers', async () => {
    lab.estate.setFault({ kind: 'cert-change', product: 'pbs' });
    await poll(pbsId);
    expect(health(pbsId)?.lastError).toMatch(/fingerprint|certificate/i);
    await serverIsUp();

    await running.app.services.nodes.update(systemActor, pbsId, {
      fingerprint: lab.estate.pbs.fingerprint,
    });
    await running.app.sourceManager.sync();
    await poll(pbsId);
    expect(health(pbsId)?.consecutiveFailures).toBe(0);
    expect(resource(`${pbsId}/server`)?.status).toBe('online');
  });
});
