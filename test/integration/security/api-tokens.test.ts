import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiToken } from '../../../server/auth/api-token.entity.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

interface Created {
  token: string;
  record: { id: string; name: string; hint: string; scopes: string[] };
}

async function create(
  body: Record<string, unknown>,
  headers: Record<string, string> = app.headers,
): Promise<Response> {
  return fetch(`${app.url}/api/security/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function mint(scopes: string[]): Promise<Created> {
  const response = await create({ name: `token ${scopes.join(' ')}`, scopes });
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers });

describe('API tokens', () => {
  it('are shown once, listed by hint, and stored only as their SHA-256', async () => {
    const response = await create({ name: 'grafana', scopes: ['monitoring:read'] });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(created.token).toMatch(/^[0-9a-f]{64}$/);
    expect(created.record).toMatchObject({
      name: 'grafana',
      scopes: ['monitoring:read'],
      hint: `${created.token.slice(0, 4)}…${created.token.slice(-4)}`,
    });

    const listed = await app.fetch('/api/security/tokens');
    const text = await listed.text();
    expect(text).not.toContain(created.token);
    const { tokens } = JSON.parse(text) as { tokens: { id: string; hint: string }[] };
    expect(tokens.find((t) => t.id === created.record.id)?.hint).toBe(created.record.hint);

    const rows = (await app.app.orm.em
      .fork()
      .getConnection()
      .execute('select * from api_tokens where id = ?', [created.record.id])) as {
      hash: string;
    }[];
    expect(rows[0]?.hash).toBe(sha256(created.token));
    expect(JSON.stringify(rows)).not.toContain(created.token);
  });

  it('are accepted in X-API-Token and Authorization: Bearer, not in ?token= on ordinary routes', async () => {
    const { token } = await mint(['monitoring:read']);
    expect((await get('/api/state', { 'x-api-token': token })).status).toBe(200);
    expect((await get('/api/state', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(`/api/state?token=${token}`)).status).toBe(401);
    expect((await get('/api/state', { 'x-api-token': 'f'.repeat(64) })).status).toBe(401);
  });

  it('do only what their scopes allow', async () => {
    const { token } = await mint(['monitoring:read']);
    const headers = { 'x-api-token': token };
    expect((await get('/api/state', headers)).status).toBe(200);
    expect((await get('/api/alerts/active', headers)).status).toBe(200);
    const write = await fetch(`${app.url}/api/config/system`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'nope' }),
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({ error: expect.any(String) });
    expect((await get('/api/security/tokens', headers)).status).toBe(403);
    expect((await get('/api/audit', headers)).status).toBe(403);
  });

  it('stop working when revoked or expired', async () => {
    const revoked = await mint(['monitoring:read']);
    const headers = { 'x-api-token': revoked.token };
    expect((await get('/api/state', headers)).status).toBe(200);
    const deleted = await app.fetch(`/api/security/tokens/${revoked.record.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await get('/api/state', headers)).status).toBe(401);

    const expiring = await mint(['monitoring:read']);
    expect((await get('/api/state', { 'x-api-token': expiring.token })).status).toBe(200);
    await app.app.orm.em
      .fork()
      .nativeUpdate(
        ApiToken,
        { id: expiring.record.id },
        { expiresAt: new Date(Date.now() - 1000) },
      );
    expect((await get('/api/state', { 'x-api-token': expiring.token })).status).toBe(401);
  });

  it('refuse unknown scopes by name, and "*" next to another scope', async () => {
    const unknown = await create({
      name: 'x',
      scopes: ['monitoring:read', 'monitoring:everything'],
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain(
      '"monitoring:everything"',
    );
    const mixed = await create({ name: 'x', scopes: ['*', 'monitoring:read'] });
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { error: string }).error).toContain('"*"');
  });

  it('made by a token carry no scope that token does not hold', async () => {
    const { token } = await mint(['settings:write']);
    const headers = { 'x-api-token': token };
    const same = await create({ name: 'same', scopes: ['settings:write'] }, headers);
    expect(same.status).toBe(201);
    for (const scopes of [['*'], [], ['audit:read'], ['settings:write', 'monitoring:read']]) {
      const wider = await create({ name: 'wider', scopes }, headers);
      expect(wider.status, JSON.stringify(scopes)).toBe(403);
    }
    const regenerated = await fetch(`${app.url}/api/security/regenerate-token`, {
      method: 'POST',
      headers,
    });
    expect(regenerated.status).toBe(403);
    // The refusal happened before anything was replaced: the token still works.
    expect((await get('/api/security/tokens', headers)).status).toBe(200);
  });
});
