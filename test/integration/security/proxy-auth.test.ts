import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

const secret = 'proxy-shared-secret-0123456789';
let app: RunningApp;
beforeAll(async () => {
  app = await startApp(
    {
      PROXY_AUTH_SECRET: secret,
      PROXY_AUTH_USER_HEADER: 'X-Remote-User',
      PROXY_AUTH_ROLE_HEADER: 'X-Remote-Roles',
    },
    { auth: 'none' },
  );
});
afterAll(() => app.stop());

const asProxy = (user: string, roles: string, proxySecret = secret) => ({
  'x-proxy-secret': proxySecret,
  'x-remote-user': user,
  'x-remote-roles': roles,
});
const status = (path: string, headers: Record<string, string>) =>
  fetch(`${app.url}${path}`, { headers }).then((r) => r.status);

describe('proxy authentication', () => {
  it('ignores the user header without the shared secret', async () => {
    expect(
      await status('/api/state', { 'x-remote-user': 'mallory', 'x-remote-roles': 'admin' }),
    ).toBe(401);
    expect(await status('/api/state', asProxy('mallory', 'admin', 'not-the-secret-at-all'))).toBe(
      401,
    );
    expect(await status('/api/security/tokens', asProxy('', 'admin'))).toBe(401);
  });

  it('makes a user an admin only when the role header lists the admin role', async () => {
    const admin = asProxy('alice', 'admin|x');
    expect(await status('/api/security/tokens', admin)).toBe(200);
    const me = await graphql(app.url, '{ me { name kind role method canManage } }', {}, admin);
    expect(me.data?.me).toEqual({
      name: 'alice',
      kind: 'user',
      role: 'admin',
      method: 'proxy',
      canManage: true,
    });
  });

  it('lets a viewer read and nothing more', async () => {
    const viewer = asProxy('bob', 'viewer');
    expect(await status('/api/state', viewer)).toBe(200);
    expect(await status('/api/alerts/active', viewer)).toBe(200);
    expect(await status('/api/security/tokens', viewer)).toBe(403);
    expect(await status('/api/notifications/email', viewer)).toBe(403);
    const write = await fetch(`${app.url}/api/config/system`, {
      method: 'POST',
      headers: { ...viewer, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'nope' }),
    });
    expect(write.status).toBe(403);
    // Without a listed role, a user is a viewer too.
    expect(await status('/api/security/tokens', asProxy('carol', 'staff'))).toBe(403);
    expect(await status('/api/state', asProxy('carol', 'staff'))).toBe(200);
  });

  it('lets an operator acknowledge alerts, and change nothing else', async () => {
    const operator = asProxy('dave', 'operator');
    const post = (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { ...operator, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    // No such alert: past the access check, to the lookup.
    expect(await post('/api/alerts/acknowledge', { id: 'no-such-alert' })).toBe(404);
    expect(await post('/api/config/system', { displayName: 'nope' })).toBe(403);
    expect(await post('/api/notifications/thresholds', {})).toBe(403);
  });
});
