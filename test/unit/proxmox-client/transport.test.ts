import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxmoxError, PveClient } from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  failure,
  ok,
  PVE_TOKEN,
  startFakeServer,
} from './fake-server.ts';

let server: FakeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('transport', () => {
  it('times out a request that gets no answer', async () => {
    server = await startFakeServer(() => ({ hang: true }));
    const client = new PveClient(endpointOf(server, 150), PVE_TOKEN);
    const error = await failure(client.nodeStatus('pve1'));
    await client.close();
    expect(error).toBeInstanceOf(ProxmoxError);
    expect(error).toMatchObject({ kind: 'timeout', status: null, path: '/nodes/pve1/status' });
    expect((error as Error).message).toContain('within 150 ms');
  });

  it('lets a call override the timeout', async () => {
    server = await startFakeServer(() => ({ hang: true }));
    const client = new PveClient(endpointOf(server, 60_000), PVE_TOKEN);
    const error = await failure(client.storageContent('pve1', 'pbs', {}, { timeoutMs: 100 }));
    await client.close();
    expect(error).toMatchObject({ kind: 'timeout', path: '/nodes/pve1/storage/pbs/content' });
  });

  it('rejects with the caller signal reason when aborted, not a ProxmoxError', async () => {
    server = await startFakeServer(() => ({ hang: true }));
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    const controller = new AbortController();
    const pending = failure(client.nodes({ signal: controller.signal }));
    controller.abort(new Error('poll cancelled'));
    const error = await pending;
    await client.close();
    expect(error).not.toBeInstanceOf(ProxmoxError);
    expect((error as Error).message).toBe('poll cancelled');
  });

  it('decodes gzip bodies and asks for them', async () => {
    server = await startFakeServer(() => ({
      ...ok([{ node: 'pve1', status: 'online', cpu: 0.5 }]),
      gzip: true,
    }));
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    const nodes = await client.nodes();
    await client.close();
    expect(nodes[0]).toMatchObject({ node: 'pve1', cpu: 0.5 });
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip');
  });

  it('maps a refused connection to unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new PveClient(
      { baseUrl: `https://127.0.0.1:${port}`, tls: { verify: false } },
      PVE_TOKEN,
    );
    const error = await failure(client.version());
    await client.close();
    expect(error).toMatchObject({ kind: 'unreachable', status: null, path: '/version' });
    expect((error as Error).message).toBe(
      `Cannot reach PVE at 127.0.0.1:${port}: connection refused.`,
    );
  });

  it('retries a GET once when the connection drops before the answer', async () => {
    let calls = 0;
    server = await startFakeServer(() => {
      calls += 1;
      return calls === 1 ? { destroy: true } : ok({ version: '8.4.1' });
    });
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    expect((await client.version()).version).toBe('8.4.1');
    await client.close();
    expect(calls).toBe(2);
  });

  it('reports a connection that keeps dropping as unreachable', async () => {
    server = await startFakeServer(() => ({ destroy: true }));
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    const error = await failure(client.version());
    await client.close();
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect(server.requests).toHaveLength(2);
  });

  it('builds the URL below /api2/json with encoded segments and query', async () => {
    server = await startFakeServer(() => ok([], { total: 0 }));
    const client = new PveClient(
      { baseUrl: `${server.baseUrl}/api2/json/`, tls: { verify: false } },
      PVE_TOKEN,
    );
    await client.tasks('pve 1', { typefilter: 'vzdump', source: 'all', limit: 500, errors: true });
    await client.close();
    const seen = server.requests[0];
    expect(seen?.path).toBe('/nodes/pve%201/tasks');
    expect(Object.fromEntries(seen?.query ?? [])).toEqual({
      typefilter: 'vzdump',
      source: 'all',
      limit: '500',
      errors: '1',
    });
  });
});
