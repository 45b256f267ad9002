import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { api, auditEvents, type PulseAuditEvent, token } from './helpers.ts';

interface Verification {
  verified: boolean;
  valid: boolean;
  chainValid: boolean;
  reason: string | null;
}

/** Edits the database file behind the app's back, as an attacker with disk access would. */
function tamper(running: RunningApp, sql: string, ...params: unknown[]): void {
  const db = new Database(join(running.dataDir, 'pulse.db'));
  try {
    expect(db.prepare(sql).run(...params).changes).toBe(1);
  } finally {
    db.close();
  }
}

describe('the audit log shows tampering', () => {
  let running: RunningApp;
  let events: PulseAuditEvent[];
  const verify = async (event: PulseAuditEvent | undefined) =>
    (await api(running, 'GET', `/api/audit/${event?.id}/verify`)).body as Verification;
  const bySequence = (n: number) => events.find((e) => e.sequence === n);

  beforeAll(async () => {
    running = await startApp({ API_TOKEN: token });
    for (const name of ['one', 'two', 'three', 'four', 'five']) {
      await api(running, 'POST', '/api/config/system', { displayName: name });
    }
    events = (await auditEvents(running)).events;
    expect(events.map((e) => e.sequence)).toEqual([5, 4, 3, 2, 1]);
  });
  afterAll(async () => {
    await running.stop();
  });

  it('reports an event whose details were edited as invalid, its chain intact', async () => {
    tamper(
      running,
      'update audit_events set details = ? where sequence = 2',
      JSON.stringify({ changed: ['nothing'] }),
    );
    expect(await verify(bySequence(2))).toMatchObject({
      verified: false,
      valid: false,
      chainValid: true,
      reason: expect.stringContaining('signature does not match'),
    });
    // The next event chained to the stored signature, which the edit did not touch.
    expect(await verify(bySequence(3))).toMatchObject({ verified: true });
  });

  it('reports the event after a deleted one as a broken chain', async () => {
    tamper(running, 'delete from audit_events where sequence = 4');
    expect(await verify(bySequence(5))).toMatchObject({
      verified: false,
      valid: true,
      chainValid: false,
      reason: expect.stringContaining('missing (sequence 4)'),
    });
  });

  it('reports a re-signed or swapped predecessor as a broken chain', async () => {
    tamper(running, 'update audit_events set signature = ? where sequence = 1', 'ab'.repeat(32));
    expect(await verify(bySequence(2))).toMatchObject({
      chainValid: false,
      reason: expect.stringContaining('not the one it was chained to'),
    });
  });

  it('walks the whole log and names the first broken event', async () => {
    const result = await graphql<{
      verifyAuditLog: { data: { ok: boolean; checked: number; firstBroken: { sequence: number } } };
    }>(
      running.url,
      `{ verifyAuditLog { ... on QueryVerifyAuditLogSuccess {
          data { ok checked firstBroken { sequence valid chainValid } } } } }`,
      {},
      { 'x-api-token': token },
    );
    expect(result.data?.verifyAuditLog.data).toEqual({
      ok: false,
      checked: 1,
      firstBroken: { sequence: 1, valid: false, chainValid: true },
    });
  });

  it('keeps chaining new events after the last one that remains', async () => {
    await api(running, 'POST', '/api/config/system', { displayName: 'six' });
    const [newest] = (await auditEvents(running, '?limit=1')).events;
    expect(newest?.sequence).toBe(6);
    expect(await verify(newest)).toMatchObject({ verified: true });
  });
});

describe('the audit chain under concurrent writes', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ API_TOKEN: token });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('never forks: simultaneous records get consecutive sequences and one chain', async () => {
    const { audit } = running.app.services;
    const recorded = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        audit.record({ event: 'login', user: `user${i}`, ip: '10.0.0.1', path: '/api/login' }),
      ),
    );
    expect(recorded.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(await audit.verifyAll(systemActor)).toEqual({
      ok: true,
      checked: 25,
      firstBroken: null,
    });
  });
});
