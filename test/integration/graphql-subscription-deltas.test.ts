import { type Client, createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { testToken } from '../fixtures/auth.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const subscription = /* GraphQL */ `
  subscription ($filter: ResourceFilter) {
    resourcesChanged(filter: $filter) {
      version
      added { id type name status ... on VirtualMachine { vmid node } }
      updated { changedFields resource { id status cpu } }
      removed
    }
  }
`;

interface Delta {
  version: number;
  added: { id: string; type: string; name: string; status: string; vmid?: number }[];
  updated: { changedFields: string[]; resource: { id: string; status: string; cpu: number } }[];
  removed: string[];
}

/** Subscribes over a real WebSocket and hands out deltas as they arrive. */
function subscribe(client: Client, variables: Record<string, unknown> = {}) {
  const received: Delta[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<{ resourcesChanged: Delta }>(
    { query: subscription, variables },
    {
      next: (result) => {
        if (result.data) received.push(result.data.resourcesChanged);
        if (result.errors) errors.push(...result.errors);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return { received, errors, dispose };
}

describe('resourcesChanged over graphql-ws', () => {
  let running: RunningApp;
  let client: Client;

  beforeEach(async () => {
    running = await startApp();
    client = createClient({
      url: running.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: testToken },
    });
  });

  afterEach(async () => {
    await client.dispose();
    await running.stop();
  });

  const subscribed = (count: number) =>
    vi.waitFor(() => expect(running.app.bus.subscriberCount('resources.changed')).toBe(count));

  it('sends added, updated (with changed fields) and removed deltas as snapshots apply', async () => {
    const sub = subscribe(client);
    await subscribed(1);
    const { store } = running.app;

    store.apply('pve-a', [makeNode('pve1'), makeVm(100)]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(1));
    expect(sub.received[0]?.added.map((r) => [r.id, r.type])).toEqual([
      ['pve-a/node/pve1', 'NODE'],
      ['pve-a/qemu/100', 'VM'],
    ]);
    expect(sub.received[0]?.added[1]?.vmid).toBe(100);

    store.apply('pve-a', [makeNode('pve1'), makeVm(100, { status: 'stopped', cpu: 0 })]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(2));
    expect(sub.received[1]?.updated).toEqual([
      {
        changedFields: ['cpu', 'status'],
        resource: { id: 'pve-a/qemu/100', status: 'STOPPED', cpu: 0 },
      },
    ]);

    store.apply('pve-a', [makeNode('pve1')]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(3));
    expect(sub.received[2]?.removed).toEqual(['pve-a/qemu/100']);
    expect(sub.received.map((d) => d.version)).toEqual([1, 2, 3]);
    expect(sub.errors).toEqual([]);
  });

  it('sends nothing for an apply that changes nothing', async () => {
    const sub = subscribe(client);
    await subscribed(1);
    const { store } = running.app;
    store.apply('pve-a', [makeVm(100)]);
    store.apply('pve-a', [makeVm(100, { lastSeenAt: 9_999 })]);
    store.apply('pve-a', [makeVm(100, { cpu: 0.7 })]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(2));
    expect(sub.received.map((d) => d.version)).toEqual([1, 2]);
  });

  it('narrows deltas to the filter, and reports a resource leaving it as removed', async () => {
    const sub = subscribe(client, { filter: { statuses: ['RUNNING'] } });
    await subscribed(1);
    const { store } = running.app;
    store.apply('pve-a', [makeNode('pve1'), makeVm(100)]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(1));
    expect(sub.received[0]?.added.map((r) => r.id)).toEqual(['pve-a/qemu/100']);

    store.apply('pve-a', [makeNode('pve1'), makeVm(100, { status: 'stopped' })]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(2));
    expect(sub.received[1]).toMatchObject({ added: [], updated: [], removed: ['pve-a/qemu/100'] });
  });

  it('unsubscribes from the bus when the client stops listening', async () => {
    const sub = subscribe(client);
    await subscribed(1);
    sub.dispose();
    await subscribed(0);
  });
});

describe('resourcesChanged with authentication configured', () => {
  const token = 'integration-token-0123456789abcdef';
  let running: RunningApp;

  beforeEach(async () => {
    running = await startApp({ API_TOKEN: token });
  });

  afterEach(async () => {
    await running.stop();
  });

  it('refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    const client = createClient({
      url: running.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const sub = subscribe(client);
    await vi.waitFor(() => expect(sub.errors).toHaveLength(1));
    expect(JSON.stringify(sub.errors[0])).toContain('UNAUTHENTICATED');
    expect(running.app.bus.subscriberCount('resources.changed')).toBe(0);
    await client.dispose();
  });

  it('accepts a token sent in connection_init', async () => {
    const client = createClient({
      url: running.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token },
    });
    const sub = subscribe(client);
    await vi.waitFor(() => expect(running.app.bus.subscriberCount('resources.changed')).toBe(1));
    running.app.store.apply('pve-a', [makeVm(100)]);
    await vi.waitFor(() => expect(sub.received).toHaveLength(1));
    await client.dispose();
  });
});
