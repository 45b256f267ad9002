import { type Client, createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { login } from '../../fixtures/auth.ts';
import { makeNode } from '../../fixtures/resources.ts';

let app: RunningApp;
let client: Client | null = null;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await client?.dispose();
  client = null;
  await app.stop();
});

/** Subscribes to resource deltas and records how the socket closed. */
async function subscribeAs(options: {
  connectionParams?: Record<string, unknown>;
  webSocketImpl: unknown;
}): Promise<{ closeCodes: number[]; errors: unknown[]; versions: number[] }> {
  const closeCodes: number[] = [];
  const errors: unknown[] = [];
  const versions: number[] = [];
  client = createClient({
    url: app.graphqlWsUrl,
    retryAttempts: 0,
    lazy: false,
    // The close is the expected outcome; recorded below rather than logged.
    onNonLazyError: () => undefined,
    ...options,
    on: {
      closed: (event) => {
        closeCodes.push((event as { code: number }).code);
      },
    },
  });
  client.subscribe(
    { query: 'subscription { resourcesChanged { version } }' },
    {
      next: (result) => {
        const delta = result.data?.resourcesChanged as { version: number } | undefined;
        if (delta) versions.push(delta.version);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  await vi.waitFor(() => expect(app.app.bus.subscriberCount('resources.changed')).toBe(1));
  return { closeCodes, errors, versions };
}

/** ws, sending a Cookie header on the upgrade, as a browser does for its own origin. */
function withCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

describe('revoking a credential closes its live subscriptions', () => {
  it('closes a token subscription with 4401 when the token is revoked', async () => {
    const created = await app.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'dashboard tv', scopes: ['monitoring:read'] }),
    });
    const { token, record } = (await created.json()) as { token: string; record: { id: string } };
    const socket = await subscribeAs({ connectionParams: { token }, webSocketImpl: WebSocket });
    expect(socket.closeCodes).toEqual([]);

    const revoked = await app.fetch(`/api/security/tokens/${record.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    await vi.waitFor(() => expect(socket.closeCodes).toEqual([4401]));
    await vi.waitFor(() => expect(app.app.bus.subscriberCount('resources.changed')).toBe(0));
  });

  it('closes a session subscription with 4401 at logout', async () => {
    const session = await login(app.url);
    const socket = await subscribeAs({ webSocketImpl: withCookie(session.cookie) });
    expect(socket.closeCodes).toEqual([]);

    const out = await fetch(`${app.url}/api/logout`, { method: 'POST', headers: session.headers });
    expect(out.status).toBe(200);
    await vi.waitFor(() => expect(socket.closeCodes).toEqual([4401]));
    await vi.waitFor(() => expect(app.app.bus.subscriberCount('resources.changed')).toBe(0));
  });

  it('leaves other credentials’ subscriptions open', async () => {
    const session = await login(app.url);
    const socket = await subscribeAs({ webSocketImpl: withCookie(session.cookie) });
    const other = await login(app.url);
    const out = await fetch(`${app.url}/api/logout`, { method: 'POST', headers: other.headers });
    expect(out.status).toBe(200);
    // Still subscribed: a change made after the other logout arrives.
    app.app.store.apply('pve-a', [makeNode('pve1')]);
    await vi.waitFor(() => expect(socket.versions).toEqual([1]));
    expect(socket.closeCodes).toEqual([]);
    expect(socket.errors).toEqual([]);
  });
});
