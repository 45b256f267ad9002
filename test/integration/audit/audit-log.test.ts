import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../server/access/actor.ts';
import { ForbiddenError } from '../../../server/errors.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { api, auditEvents, token } from './helpers.ts';

const firstSecret = '6f1e2d3c-aaaa-bbbb-cccc-0123456789ab';
const secondSecret = '9a8b7c6d-dddd-eeee-ffff-ba9876543210';

describe('the audit log records node and settings changes', () => {
  let running: RunningApp;
  let nodeId: string;

  beforeAll(async () => {
    running = await startApp({ API_TOKEN: token });
    const created = await api(running, 'POST', '/api/config/nodes', {
      type: 'pve',
      name: 'lab',
      host: '127.0.0.1:1',
      tokenName: 'monitor@pve!pulse',
      tokenValue: firstSecret,
      verifySSL: false,
    });
    expect(created.status).toBe(201);
    nodeId = (created.body as { id: string }).id;
    const updated = await api(running, 'PUT', `/api/config/nodes/${nodeId}`, {
      host: '127.0.0.1:2',
      tokenValue: secondSecret,
    });
    expect(updated.status).toBe(200);
    expect((await api(running, 'POST', '/api/config/system', { displayName: 'Lab' })).status).toBe(
      200,
    );
    expect((await api(running, 'DELETE', `/api/config/nodes/${nodeId}`)).status).toBe(204);
  });
  afterAll(async () => {
    await running.stop();
  });

  it('lists the events newest first in Pulse shape, with who, where and what', async () => {
    const list = await auditEvents(running);
    expect(list.total).toBe(4);
    expect(list.persistentLogging).toBe(true);
    expect(list.events.map((e) => e.event)).toEqual([
      'node_removed',
      'settings_changed',
      'node_updated',
      'node_added',
    ]);
    expect(list.events.map((e) => e.sequence)).toEqual([4, 3, 2, 1]);
    const [removed, settings, updated, added] = list.events;
    for (const event of list.events) {
      expect(event).toMatchObject({ user: 'api-token', success: true });
      expect(event.ip).toMatch(/127\.0\.0\.1$/);
      expect(event.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(60_000);
    }
    expect(added?.path).toBe('/api/config/nodes');
    expect(JSON.parse(added?.details ?? '')).toEqual({
      id: nodeId,
      name: 'lab',
      type: 'pve',
      host: 'https://127.0.0.1:1',
    });
    expect(updated?.path).toBe(`/api/config/nodes/${nodeId}`);
    expect(JSON.parse(updated?.details ?? '')).toMatchObject({
      host: 'https://127.0.0.1:2',
      changed: ['credentials', 'host'],
    });
    expect(JSON.parse(settings?.details ?? '')).toEqual({ changed: ['displayName'] });
    expect(settings?.path).toBe('/api/config/system');
    expect(JSON.parse(removed?.details ?? '')).toMatchObject({ id: nodeId, name: 'lab' });
  });

  it('stores no secret anywhere in the audit table', async () => {
    const list = await api(running, 'GET', '/api/audit');
    expect(list.text).not.toContain(firstSecret);
    expect(list.text).not.toContain(secondSecret);
    const db = new Database(join(running.dataDir, 'pulse.db'), { readonly: true });
    try {
      const rows = db.prepare('select * from audit_events order by sequence').all();
      expect(rows).toHaveLength(4);
      const raw = JSON.stringify(rows);
      expect(raw).not.toContain(firstSecret);
      expect(raw).not.toContain(secondSecret);
      expect(raw).not.toContain(token);
    } finally {
      db.close();
    }
  });

  it('filters by event, user, success, time and limit', async () => {
    const count = async (query: string) => (await auditEvents(running, query)).events.length;
    expect(await count('?event=node_added')).toBe(1);
    expect(await count('?event=login')).toBe(0);
    expect(await count('?user=api-token')).toBe(4);
    expect(await count('?user=someone')).toBe(0);
    expect(await count('?success=true')).toBe(4);
    expect(await count('?success=false')).toBe(0);
    expect(await count('?startTime=2000-01-01T00:00:00Z&endTime=2999-01-01T00:00:00Z')).toBe(4);
    expect(await count('?startTime=2999-01-01T00:00:00Z')).toBe(0);
    expect(await count('?endTime=2000-01-01T00:00:00Z')).toBe(0);
    expect(await count('?event=&user=&success=')).toBe(4);
    const limited = await auditEvents(running, '?limit=2');
    expect(limited.events.map((e) => e.sequence)).toEqual([4, 3]);
    expect(limited.total).toBe(4);
  });

  it('answers a bad filter with 400 naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /limit/],
      ['limit=1001', /limit/],
      ['limit=ten', /limit/],
      ['success=maybe', /success/],
      ['event=nope', /event must be one of/],
      ['startTime=yesterday', /startTime/],
      ['endTime=2024-13-45T00:00:00Z', /endTime/],
      ['startTime=2024-02-01T00:00:00Z&endTime=2024-01-01T00:00:00Z', /not be after/],
    ];
    for (const [query, message] of cases) {
      const result = await api(running, 'GET', `/api/audit?${query}`);
      expect(result.status, query).toBe(400);
      expect((result.body as { error: string }).error).toMatch(message);
    }
  });

  it('verifies untouched events, and 404s an unknown id', async () => {
    for (const event of (await auditEvents(running)).events) {
      const result = await api(running, 'GET', `/api/audit/${event.id}/verify`);
      expect(result.body).toEqual({
        available: true,
        verified: true,
        message: 'Event signature verified',
        id: event.id,
        sequence: event.sequence,
        valid: true,
        chainValid: true,
        reason: null,
      });
    }
    const unknown = await api(running, 'GET', '/api/audit/no-such-event/verify');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: expect.stringContaining('no audit event') });
  });

  it('answers the same over GraphQL', async () => {
    const headers = { 'x-api-token': token };
    const result = await graphql<{
      auditEvents: { data: { total: number; events: { event: string; details: unknown }[] } };
      verifyAuditLog: { data: { ok: boolean; checked: number } };
    }>(
      running.url,
      `{
        auditEvents(filter: { event: "settings_changed" }) {
          ... on QueryAuditEventsSuccess { data { total events { event details } } }
        }
        verifyAuditLog { ... on QueryVerifyAuditLogSuccess { data { ok checked } } }
      }`,
      {},
      headers,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.auditEvents.data).toEqual({
      total: 1,
      events: [{ event: 'settings_changed', details: { changed: ['displayName'] } }],
    });
    expect(result.data?.verifyAuditLog.data).toEqual({ ok: true, checked: 4 });
  });

  it('refuses anonymous callers and non-admins', async () => {
    const list = await api(running, 'GET', '/api/audit', undefined, { anonymous: true });
    expect(list.status).toBe(401);
    expect(list.body).toEqual({ error: expect.any(String) });
    const [first] = (await auditEvents(running)).events;
    const verify = await api(running, 'GET', `/api/audit/${first?.id}/verify`, undefined, {
      anonymous: true,
    });
    expect(verify.status).toBe(401);
    const gql = await graphql<{ auditEvents: { __typename: string } }>(
      running.url,
      '{ auditEvents { __typename } }',
      {},
      {},
    );
    expect(gql.data?.auditEvents.__typename).toBe('UnauthenticatedError');
    // No viewer credential exists yet; the service refuses a viewer actor directly.
    const viewer = makeActor({ kind: 'user', name: 'viewer', role: 'viewer', method: 'session' });
    await expect(running.app.services.audit.list(viewer)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
