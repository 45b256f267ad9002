import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { testToken } from '../fixtures/auth.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

interface Envelope {
  type: string;
  data: Record<string, unknown>;
  timestamp: number;
}

/** A /ws client that queues messages and hands them out in order as they arrive. */
function connect(url: string) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/ws?token=${testToken}`);
  const queue: Envelope[] = [];
  const waiting: ((m: Envelope) => void)[] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as Envelope;
    const next = waiting.shift();
    if (next) next(message);
    else queue.push(message);
  });
  const next = (type?: string): Promise<Envelope> =>
    new Promise((resolve) => {
      const take = (m: Envelope) => (type && m.type !== type ? waiting.unshift(take) : resolve(m));
      const queued = queue.shift();
      if (queued) take(queued);
      else waiting.push(take);
    });
  return { socket, next };
}

describe('the /ws compatibility stream', () => {
  let running: RunningApp;
  beforeEach(async () => {
    running = await startApp();
    running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(100)]);
  });
  afterEach(async () => {
    await running.stop();
  });

  it('sends welcome, then the full initial state in both shapes', async () => {
    const client = connect(running.url);
    expect((await client.next()).type).toBe('welcome');
    const initial = await client.next();
    expect(initial.type).toBe('initialState');
    expect(initial.data.nodes).toEqual([expect.objectContaining({ name: 'pve1', type: 'node' })]);
    expect(initial.data.vms).toEqual([
      expect.objectContaining({ vmid: 100, type: 'qemu', status: 'running' }),
    ]);
    expect(initial.data.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pve-a/qemu/100', type: 'vm', status: 'online' }),
      ]),
    );
    client.socket.close();
  });

  it('sends changes as rawData deltas with only changed keys and a resourceDelta', async () => {
    const client = connect(running.url);
    await client.next('initialState');
    running.app.store.apply('pve-a', [
      makeNode('pve1'),
      makeVm(100, { status: 'stopped' }),
      makeVm(101),
    ]);
    const delta = await client.next('rawData');
    expect(delta.data.vms).toHaveLength(2);
    expect(delta.data.nodes).toBeUndefined();
    const resourceDelta = delta.data.resourceDelta as {
      upserts: { id: string }[];
      removed: string[];
    };
    expect(resourceDelta.upserts.map((r) => r.id).sort()).toEqual([
      'pve-a/qemu/100',
      'pve-a/qemu/101',
    ]);
    expect(resourceDelta.removed).toEqual([]);

    running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(101)]);
    const removal = await client.next('rawData');
    expect((removal.data.resourceDelta as { removed: string[] }).removed).toEqual([
      'pve-a/qemu/100',
    ]);
    client.socket.close();
  });

  it('answers ping with pong and requestData with the full state', async () => {
    const client = connect(running.url);
    await client.next('initialState');
    client.socket.send(JSON.stringify({ type: 'ping' }));
    expect((await client.next()).type).toBe('pong');
    client.socket.send(JSON.stringify({ type: 'requestData' }));
    const full = await client.next('rawData');
    expect(full.data.vms).toHaveLength(1);
    expect(full.data.resources).toBeDefined();
    client.socket.close();
  });

  it('refuses an anonymous client when credentials are configured', async () => {
    await running.stop();
    running = await startApp({ API_TOKEN: 'ws-token-0123456789abcdef' });
    const refused = new WebSocket(`${running.url.replace('http', 'ws')}/ws`);
    const status = await new Promise<number>((resolve) =>
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
    const allowed = new WebSocket(
      `${running.url.replace('http', 'ws')}/ws?token=ws-token-0123456789abcdef`,
    );
    const first = await new Promise<string>((resolve) =>
      allowed.once('message', (raw) => resolve(String(raw))),
    );
    expect(JSON.parse(first).type).toBe('welcome');
    allowed.close();
  });
});
