import { afterEach, describe, expect, it } from 'vitest';
import {
  PbsClient,
  PmgClient,
  ProxmoxError,
  PveClient,
} from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  failure,
  ok,
  PVE_TOKEN,
  startFakeServer,
} from './fake-server.ts';

const VERSION = { version: '8.4.1', release: '8.4', repoid: '2a5fa54a' };
let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('API token authentication', () => {
  it('sends PVEAPIToken with "=" before the secret', async () => {
    server = await startFakeServer(() => ok(VERSION));
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    await client.version();
    await client.close();
    const seen = server.requests[0];
    expect(seen?.headers.authorization).toBe(
      'PVEAPIToken=monitor@pve!pulse=8f1c6d1e-2b7a-4c1e-9d55-0e5c3a9b7f21',
    );
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.path).toBe('/version');
  });

  it('sends PBSAPIToken with ":" before the secret', async () => {
    server = await startFakeServer(() => ok({ version: '3.4', release: '1', repoid: 'x' }));
    const client = new PbsClient(endpointOf(server), {
      kind: 'token',
      tokenId: 'monitor@pbs!pulse',
      secret: '0b6a-secret',
    });
    expect(await client.version()).toEqual({ version: '3.4', release: '1', repoid: 'x' });
    await client.close();
    expect(server.requests[0]?.headers.authorization).toBe(
      'PBSAPIToken=monitor@pbs!pulse:0b6a-secret',
    );
  });

  it('refuses to build a PMG client from a token, saying PMG needs a user and password', () => {
    const build = () =>
      new PmgClient({ baseUrl: 'https://pmg:8006', tls: { verify: false } }, PVE_TOKEN);
    expect(build).toThrow(ProxmoxError);
    expect(build).toThrow(/does not support API tokens; use a user name and password/);
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'auth', product: 'pmg', status: null });
    }
  });

  it('rejects a malformed token id or user name before any request, without echoing the secret', () => {
    const endpoint = { baseUrl: 'https://pve:8006', tls: { verify: false } };
    const badId = () => new PveClient(endpoint, { ...PVE_TOKEN, tokenId: 'monitor-pulse' });
    expect(badId).toThrow(/user@realm!tokenname/);
    const badSecret = () => new PveClient(endpoint, { ...PVE_TOKEN, secret: 'two words' });
    expect(badSecret).toThrow(/secret is empty or contains spaces/);
    try {
      badSecret();
    } catch (error) {
      expect(String(error)).not.toContain('two words');
    }
    const noRealm = () =>
      new PveClient(endpoint, { kind: 'password', username: 'root', password: 'x' });
    expect(noRealm).toThrow(/must include the realm, e.g. root@pam/);
  });

  it('maps a revoked token (401, empty body) to kind auth without retrying', async () => {
    server = await startFakeServer(() => ({ status: 401, reason: 'Authentication failed!' }));
    const client = new PveClient(endpointOf(server), PVE_TOKEN);
    const error = await failure(client.nodes());
    await client.close();
    expect(error).toBeInstanceOf(ProxmoxError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, path: '/nodes', product: 'pve' });
    expect((error as Error).message).toContain('Authentication failed!');
    expect((error as Error).message).not.toContain(PVE_TOKEN.secret);
    expect(server.requests).toHaveLength(1);
  });
});
