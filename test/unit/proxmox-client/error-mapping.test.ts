import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PbsClient,
  ProxmoxError,
  PveClient,
} from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  failure,
  ok,
  PVE_TOKEN,
  type Reply,
  startFakeServer,
} from './fake-server.ts';

/** Each test installs the reply the fake gives next. */
let next: Reply = ok(null);
let server: FakeServer;
let pve: PveClient;
let pbs: PbsClient;

beforeAll(async () => {
  server = await startFakeServer(() => next);
  pve = new PveClient(endpointOf(server), PVE_TOKEN);
  pbs = new PbsClient(endpointOf(server), {
    kind: 'token',
    tokenId: 'monitor@pbs!pulse',
    secret: 'secret',
  });
});

afterAll(async () => {
  await pve.close();
  await pbs.close();
  await server.close();
});

async function errorOf(call: () => Promise<unknown>, reply: Reply): Promise<ProxmoxError> {
  next = reply;
  const error = await failure(call());
  expect(error).toBeInstanceOf(ProxmoxError);
  return error as ProxmoxError;
}

describe('Perl (PVE/PMG) error conventions', () => {
  it('maps an empty-body 401 to auth', async () => {
    const error = await errorOf(() => pve.nodes(), { status: 401, reason: 'No ticket' });
    expect(error).toMatchObject({
      kind: 'auth',
      status: 401,
      privilege: null,
      reason: 'No ticket',
    });
  });

  it('reads the missing privilege from the 403 status line', async () => {
    const error = await errorOf(() => pve.nodeStatus('pve1'), {
      status: 403,
      reason: 'Permission check failed (/nodes/pve1, Sys.Audit)',
      body: { data: null, message: 'Permission check failed (/nodes/pve1, Sys.Audit)\n' },
    });
    expect(error).toMatchObject({
      kind: 'permission',
      status: 403,
      privilege: 'Sys.Audit',
      path: '/nodes/pve1/status',
      product: 'pve',
    });
    expect(error.message).toBe('Missing privilege Sys.Audit on /nodes/pve1 (PVE).');
  });

  it('reads the privilege from the status line even when the body is empty', async () => {
    const error = await errorOf(() => pve.qemuStatus('pve1', 101), {
      status: 403,
      reason: 'Permission check failed (/vms/101, VM.Audit)',
    });
    expect(error).toMatchObject({ kind: 'permission', privilege: 'VM.Audit' });
    expect(error.message).toBe('Missing privilege VM.Audit on /vms/101 (PVE).');
  });

  it('does not guess a privilege when a Perl 403 is about something else', async () => {
    const reason = "URI '/nodes/pve1/termproxy' not available with API token, need proper ticket.";
    const error = await errorOf(() => pve.nodeStatus('pve1'), { status: 403, reason });
    expect(error).toMatchObject({ kind: 'permission', privilege: null });
    expect(error.message).toContain('not available with API token');
  });

  it('treats 595 and 596 from a proxying node as unreachable', async () => {
    const refused = await errorOf(() => pve.nodeStatus('pve3'), {
      status: 595,
      reason: 'No route to host',
    });
    expect(refused).toMatchObject({ kind: 'unreachable', status: 595, reason: 'No route to host' });
    expect(refused.message).toContain('No route to host');
    const stalled = await errorOf(() => pve.nodeStatus('pve3'), {
      status: 596,
      reason: 'Connection timed out',
    });
    expect(stalled).toMatchObject({ kind: 'unreachable', status: 596 });
  });

  it('maps 501 not implemented and 404 to not-found', async () => {
    const error = await errorOf(() => pve.haStatus(), {
      status: 501,
      reason: "Method 'GET /cluster/ha/status/current' not implemented",
      body: { data: null, message: "Method 'GET /cluster/ha/status/current' not implemented" },
    });
    expect(error).toMatchObject({ kind: 'not-found', status: 501 });
    const missing = await errorOf(() => pve.haStatus(), { status: 404, reason: 'Not Found' });
    expect(missing.kind).toBe('not-found');
  });

  it('keeps parameter errors and handler failures as upstream with the message', async () => {
    const error = await errorOf(() => pve.qemuStatus('pve1', 101), {
      status: 400,
      reason: 'Parameter verification failed.',
      body: {
        data: null,
        errors: { vmid: 'invalid format - value does not look like a valid VM ID\n' },
        message: 'Parameter verification failed.\n',
      },
    });
    expect(error.kind).toBe('upstream');
    expect(error.message).toContain('vmid: invalid format');
    const agent = await errorOf(() => pve.agentOsInfo('pve1', 101), {
      status: 500,
      reason: 'QEMU guest agent is not running',
      body: { data: null, message: 'QEMU guest agent is not running\n' },
    });
    expect(agent).toMatchObject({
      kind: 'upstream',
      status: 500,
      reason: 'QEMU guest agent is not running',
    });
  });

  it('answers null for Ceph when it is not installed or not initialised', async () => {
    next = { status: 500, reason: 'binary not installed: /usr/bin/ceph-mon' };
    expect(await pve.cephStatus()).toBeNull();
    next = {
      status: 500,
      reason: 'pveceph configuration not initialized - missing /etc/pve/ceph.conf',
    };
    expect(await pve.cephStatus()).toBeNull();
    const other = await errorOf(() => pve.cephStatus(), { status: 500, reason: 'got timeout' });
    expect(other.kind).toBe('upstream');
  });
});

describe('bodies that are not the documented JSON', () => {
  it('flags truncated JSON as malformed', async () => {
    const error = await errorOf(() => pve.nodes(), { body: '{"data":[{"node":"pv' });
    expect(error).toMatchObject({ kind: 'malformed', status: 200, path: '/nodes' });
  });

  it('flags an HTML page answered with 200 as malformed', async () => {
    const error = await errorOf(() => pve.nodes(), {
      body: '<!DOCTYPE html><html><body>Login</body></html>',
      contentType: 'text/html',
    });
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('text/html');
  });

  it('flags {"data":null} where a list is expected as malformed', async () => {
    const error = await errorOf(() => pve.clusterResources(), ok(null));
    expect(error).toMatchObject({ kind: 'malformed', path: '/cluster/resources' });
  });

  it('flags JSON without the data envelope as malformed', async () => {
    const error = await errorOf(() => pve.nodes(), { body: [{ node: 'pve1' }] });
    expect(error.kind).toBe('malformed');
  });
});

describe('PBS (Rust) error conventions', () => {
  it('reads plain-text 400 bodies despite a JSON content type', async () => {
    const error = await errorOf(() => pbs.datastoreStatus('store9'), {
      status: 400,
      body: 'unable to open chunk store \'store9\' at "/mnt/store9/.chunks" - No such file or directory (os error 2)',
    });
    expect(error).toMatchObject({ kind: 'upstream', status: 400, product: 'pbs' });
    expect(error.message).toContain("unable to open chunk store 'store9'");
  });

  it('names the privilege of a bare 403 from the endpoint table', async () => {
    const node = await errorOf(() => pbs.nodeStatus(), {
      status: 403,
      body: 'permission check failed',
    });
    expect(node).toMatchObject({ kind: 'permission', privilege: 'Sys.Audit' });
    expect(node.message).toBe('Missing privilege Sys.Audit on /system/status (PBS).');
    const store = await errorOf(() => pbs.snapshots('store1', 'site-a'), {
      status: 403,
      body: 'permission check failed',
    });
    expect(store).toMatchObject({ kind: 'permission', privilege: 'Datastore.Audit' });
    expect(store.message).toBe(
      'Missing privilege Datastore.Audit on /datastore/store1/site-a (PBS).',
    );
  });

  it('maps a plain-text 401 to auth and 404 to not-found', async () => {
    const auth = await errorOf(() => pbs.datastores(), {
      status: 401,
      body: 'authentication failed',
    });
    expect(auth).toMatchObject({ kind: 'auth', reason: 'authentication failed' });
    const missing = await errorOf(() => pbs.namespaces('store1'), {
      status: 404,
      body: "Path '/api2/json/admin/datastore/store1/namespace' not found.",
    });
    expect(missing.kind).toBe('not-found');
  });
});
