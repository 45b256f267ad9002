import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';

const secret = '6f1e2d3c-aaaa-bbbb-cccc-0123456789ab';
const unreachable = 'https://127.0.0.1:1';

async function api(running: RunningApp, method: string, path: string, body?: unknown) {
  const response = await running.fetch(`${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    text,
  };
}

describe('node configuration over REST and GraphQL', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('adds a node, never returning or storing its secret in the clear', async () => {
    const created = await api(running, 'POST', '/api/config/nodes', {
      type: 'pve',
      name: 'lab',
      host: '127.0.0.1:1',
      tokenName: 'monitor@pve!pulse',
      tokenValue: secret,
      verifySSL: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'pve',
      name: 'lab',
      host: unreachable,
      tokenName: 'monitor@pve!pulse',
      hasToken: true,
      hasPassword: false,
      verifySSL: false,
      monitorVMs: true,
    });
    expect(created.text).not.toContain(secret);

    const list = await api(running, 'GET', '/api/config/nodes');
    expect(list.text).not.toContain(secret);
    expect((list.body as unknown as unknown[]).length).toBe(1);

    const db = readFileSync(join(running.dataDir, 'pulse.db'));
    expect(db.includes(Buffer.from(secret))).toBe(false);

    const gql = await graphql<{ nodeConnections: Record<string, unknown>[] }>(
      running.url,
      '{ nodeConnections { name type tokenId authKind host health { name kind } } }',
    );
    expect(gql.data?.nodeConnections).toEqual([
      {
        name: 'lab',
        type: 'PVE',
        tokenId: 'monitor@pve!pulse',
        authKind: 'token',
        host: unreachable,
        health: { name: 'lab', kind: 'pve' },
      },
    ]);
  });

  it('rejects bad input with 400 and the field, saving nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ type: 'pve', name: 'x', host: 'http://pve:8006', user: 'root', password: 'p' }, /https/],
      [{ type: 'esx', name: 'x', host: 'pve', user: 'root', password: 'p' }, /type must be/],
      [
        { type: 'pmg', name: 'x', host: 'pmg', tokenName: 'a@pmg!b', tokenValue: 'v' },
        /no API tokens/,
      ],
      [{ type: 'pve', name: 'lab', host: 'pve2', user: 'root', password: 'p' }, /already exists/],
      [
        { type: 'pve', name: 'x', host: 'pve', user: 'root', password: 'p', fingerprint: 'AB' },
        /SHA-256/,
      ],
      [{ type: 'pve', name: 'x', host: 'pve', verifySSL: 'yes' }, /verifySSL must be a boolean/],
    ];
    for (const [body, message] of cases) {
      const result = await api(running, 'POST', '/api/config/nodes', body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(String(result.body?.error)).toMatch(message);
    }
    const list = await api(running, 'GET', '/api/config/nodes');
    expect((list.body as unknown as unknown[]).length).toBe(1);
  });

  it('updates a node keeping its secret, and removes it', async () => {
    const [node] = (await api(running, 'GET', '/api/config/nodes')).body as unknown as {
      id: string;
    }[];
    const id = node?.id ?? '';
    const updated = await api(running, 'PUT', `/api/config/nodes/${id}`, {
      name: 'lab-renamed',
      monitorBackups: false,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'lab-renamed',
      monitorBackups: false,
      hasToken: true,
    });

    expect((await api(running, 'PUT', '/api/config/nodes/nope', { name: 'x' })).status).toBe(404);
    expect((await api(running, 'DELETE', `/api/config/nodes/${id}`)).status).toBe(204);
    expect((await api(running, 'DELETE', `/api/config/nodes/${id}`)).status).toBe(404);
    expect((await api(running, 'GET', '/api/config/nodes')).body).toEqual([]);
  });

  it('reports an unreachable host from test-connection as 400 with the kind', async () => {
    const result = await api(running, 'POST', '/api/config/nodes/test-connection', {
      type: 'pve',
      host: '127.0.0.1:1',
      user: 'root@pam',
      password: 'secret',
      verifySSL: false,
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ kind: 'unreachable' });
    expect(String(result.body?.error)).not.toContain('secret');
  });

  it('answers the scheduler health route', async () => {
    const result = await api(running, 'GET', '/api/monitoring/scheduler/health');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ instances: [] });
  });
});
