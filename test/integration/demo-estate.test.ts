import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEndpoint, type DemoEstate, startDemoEstate } from '../../server/demo/index.ts';

// A fixed start keeps every reading reproducible: 2026-06-03 10:00 UTC, a Wednesday.
const START = Date.UTC(2026, 5, 3, 10, 0, 0);

interface Reply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
  fingerprint: string;
}

interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  json?: Record<string, string>;
}

/** One HTTPS request without connection reuse; the demo's certificates are self-signed. */
function call(endpoint: DemoEndpoint, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (options.json) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint.baseUrl}/api2/json${path}`,
      { method: options.method ?? 'GET', headers, rejectUnauthorized: false, agent: false },
      (res) => {
        const socket = res.socket as TLSSocket;
        const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: text,
            fingerprint,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function data<T>(reply: Reply): T {
  return (JSON.parse(reply.body) as { data: T }).data;
}

type Json = Record<string, unknown>;

function pveToken(estate: DemoEstate): Record<string, string> {
  const { tokenId, tokenSecret } = estate.credentials.pve;
  return { Authorization: `PVEAPIToken=${tokenId}=${tokenSecret}` };
}

function pbsToken(estate: DemoEstate): Record<string, string> {
  const { tokenId, tokenSecret } = estate.credentials.pbs;
  return { Authorization: `PBSAPIToken=${tokenId}:${tokenSecret}` };
}

async function pmgCookie(estate: DemoEstate): Promise<Record<string, string>> {
  const { username, password } = estate.credentials.pmg;
  const login = await call(estate.pmg, '/access/ticket', {
    method: 'POST',
    form: { username, password },
  });
  const { ticket } = data<{ ticket: string }>(login);
  return { Cookie: `PMGAuthCookie=${encodeURIComponent(ticket)}` };
}

function first<T>(list: T[]): T {
  const item = list[0];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function pve1(estate: DemoEstate): DemoEndpoint {
  return first(estate.pve);
}

async function resources(estate: DemoEstate, endpoint = pve1(estate)): Promise<Json[]> {
  return data<Json[]>(await call(endpoint, '/cluster/resources', { headers: pveToken(estate) }));
}

describe('demo estate: authentication', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startDemoEstate({ clock: 'manual', startAt: START });
  });
  afterAll(() => estate.stop());

  it('accepts the PVE API token and rejects a wrong one with an empty 401', async () => {
    const ok = await call(pve1(estate), '/version', { headers: pveToken(estate) });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(data<Json>(ok)).toMatchObject({
      version: expect.any(String),
      release: expect.any(String),
    });

    const bad = await call(pve1(estate), '/version', {
      headers: { Authorization: `PVEAPIToken=${estate.credentials.pve.tokenId}=not-the-secret` },
    });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('Authentication failed!');
    expect(bad.body).toBe('');

    const none = await call(pve1(estate), '/version');
    expect(none.status).toBe(401);
    expect(none.statusText).toBe('No ticket');
    expect(none.body).toBe('');
  });

  it('accepts the PBS token only in its colon form, and answers failures in plain text', async () => {
    const ok = await call(estate.pbs, '/version', { headers: pbsToken(estate) });
    expect(ok.status).toBe(200);
    const { tokenId, tokenSecret } = estate.credentials.pbs;
    const pveStyle = await call(estate.pbs, '/version', {
      headers: { Authorization: `PBSAPIToken=${tokenId}=${tokenSecret}` },
    });
    expect(pveStyle.status).toBe(401);
    expect(pveStyle.body).toBe('authentication failed');
  });

  it('has no API tokens on PMG: a token gets 401, a ticket works', async () => {
    const token = await call(estate.pmg, '/version', {
      headers: { Authorization: 'PMGAPIToken=pulse-monitor@pmg!pulse=whatever' },
    });
    expect(token.status).toBe(401);
    expect(token.statusText).toBe('No ticket');
    const ok = await call(estate.pmg, '/version', { headers: await pmgCookie(estate) });
    expect(ok.status).toBe(200);
  });

  it('issues PVE tickets, requires CSRF on writes, renews, and expires them after 2 h', async () => {
    const { username, password } = estate.credentials.pve;
    const bad = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      form: { username, password: 'wrong' },
    });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('authentication failure');
    expect(JSON.parse(bad.body)).toEqual({ data: null, message: 'authentication failure\n' });

    const login = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      json: { username, password },
    });
    const session = data<{ ticket: string; CSRFPreventionToken: string; clustername: string }>(
      login,
    );
    expect(session.ticket).toMatch(/^PVE:pulse-monitor@pve:[0-9A-F]{8}::/);
    expect(session.clustername).toBe('demo-cluster');
    const cookie = { Cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}` };

    const read = await call(pve1(estate), '/cluster/status', { headers: cookie });
    expect(read.status).toBe(200);
    const noCsrf = await call(pve1(estate), '/nodes/pve1/qemu/100/agent/ping', {
      method: 'POST',
      headers: cookie,
    });
    expect(noCsrf.status).toBe(401);
    expect(noCsrf.statusText).toBe('Permission denied - invalid csrf token');
    const withCsrf = await call(pve1(estate), '/nodes/pve1/qemu/100/agent/ping', {
      method: 'POST',
      headers: { ...cookie, CSRFPreventionToken: session.CSRFPreventionToken },
    });
    expect(withCsrf.status).toBe(200);
    expect(data<Json>(withCsrf)).toEqual({ result: {} });

    estate.advance(90 * 60_000);
    const renewal = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      form: { username, password: session.ticket },
    });
    expect(renewal.status).toBe(200);
    const renewed = data<{ ticket: string }>(renewal).ticket;
    expect(renewed).not.toBe(session.ticket);

    estate.advance(31 * 60_000);
    const expired = await call(pve1(estate), '/version', { headers: cookie });
    expect(expired.status).toBe(401);
    expect(expired.statusText).toBe('Authentication failed!');
    const fresh = await call(pve1(estate), '/version', {
      headers: { Cookie: `PVEAuthCookie=${encodeURIComponent(renewed)}` },
    });
    expect(fresh.status).toBe(200);
  });
});

describe('demo estate: PVE answers', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startDemoEstate({ clock: 'manual', startAt: START });
  });
  afterAll(() => estate.stop());

  it('lists the cluster with Perl types: int01 flags, tags strings, QEMU disk 0', async () => {
    const list = await resources(estate);
    const guests = list.filter((r) => r.type === 'qemu' || r.type === 'lxc');
    expect(guests.length).toBeGreaterThanOrEqual(12);
    for (const g of guests) {
      expect([0, 1]).toContain(g.template);
      if (g.tags !== undefined) expect(typeof g.tags).toBe('string');
      if (g.type === 'qemu') expect(g.disk).toBe(0);
    }
    expect(guests.find((g) => g.vmid === 100)?.tags).toBe('prod;web');
    expect(guests.filter((g) => g.status === 'stopped').length).toBeGreaterThanOrEqual(2);
    expect(guests.some((g) => g.template === 1)).toBe(true);
    expect(guests.some((g) => g.hastate === 'started')).toBe(true);
    expect(list.filter((r) => r.type === 'node')).toHaveLength(3);
    const storages = list.filter((r) => r.type === 'storage' && r.storage === 'ceph-vm');
    expect(storages.map((s) => s.node)).toEqual(['pve1', 'pve2', 'pve3']);
    expect(storages.every((s) => s.shared === 1)).toBe(true);
  });

  it('grows cumulative counters as the clock moves', async () => {
    const before = await resources(estate);
    estate.advance(5 * 60_000);
    const after = await resources(estate);
    const running = before.filter(
      (r) => (r.type === 'qemu' || r.type === 'lxc') && r.status === 'running',
    );
    expect(running.length).toBeGreaterThan(8);
    for (const b of running) {
      const a = after.find((r) => r.id === b.id);
      if (!a) throw new Error(`${String(b.id)} vanished`);
      // A guest restart resets its counters; then uptime drops too.
      if (Number(a.uptime) < Number(b.uptime)) continue;
      expect(Number(a.uptime)).toBe(Number(b.uptime) + 300);
      for (const key of ['netin', 'netout', 'diskread', 'diskwrite']) {
        expect(Number(a[key])).toBeGreaterThan(Number(b[key]));
      }
    }
  });

  it('exposes every member with its port and fingerprint for failover', async () => {
    const status = data<Json[]>(
      await call(pve1(estate), '/cluster/status', { headers: pveToken(estate) }),
    );
    expect(first(status)).toMatchObject({
      type: 'cluster',
      name: 'demo-cluster',
      nodes: 3,
      quorate: 1,
    });
    const nodes = data<Json[]>(await call(pve1(estate), '/nodes', { headers: pveToken(estate) }));
    for (const member of estate.pve) {
      const entry = status.find((s) => s.name === member.name);
      expect(entry).toMatchObject({
        ip: '127.0.0.1',
        online: 1,
        local: member.name === 'pve1' ? 1 : 0,
      });
      expect(`https://127.0.0.1:${String(entry?.port)}`).toBe(member.baseUrl);
      expect(nodes.find((n) => n.node === member.name)?.ssl_fingerprint).toBe(member.fingerprint);
      expect(member.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
    const served = await call(first(estate.pve.slice(1)), '/version', {
      headers: pveToken(estate),
    });
    expect(served.fingerprint).toBe(first(estate.pve.slice(1)).fingerprint);
  });

  it('pages tasks with a total and knows failed backups', async () => {
    const reply = await call(pve1(estate), '/nodes/pve2/tasks?typefilter=vzdump&limit=2', {
      headers: pveToken(estate),
    });
    const body = JSON.parse(reply.body) as { data: Json[]; total: number };
    expect(body.data).toHaveLength(2);
    expect(body.total).toBeGreaterThan(2);
    const task = first(body.data);
    expect(task.upid).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzdump::root@pam:$/);
    // nextcloud (105, on pve2) has been failing its backups.
    expect(task.status).toBe('job errors');
    const log = await call(
      pve1(estate),
      `/nodes/pve2/tasks/${encodeURIComponent(String(task.upid))}/log?limit=0`,
      {
        headers: pveToken(estate),
      },
    );
    expect(log.body).toContain('ERROR: Backup of VM 105 failed');
  });

  it('serves guest detail, agent data and snapshots with "current" last', async () => {
    const headers = pveToken(estate);
    const status = data<Json>(
      await call(pve1(estate), '/nodes/pve1/qemu/100/status/current', { headers }),
    );
    expect(status).toMatchObject({
      status: 'running',
      qmpstatus: 'running',
      agent: 1,
      ha: { managed: 1 },
    });
    const os = data<{ result: Json }>(
      await call(pve1(estate), '/nodes/pve1/qemu/100/agent/get-osinfo', { headers }),
    );
    expect(os.result.id).toBe('debian');
    const down = await call(pve1(estate), '/nodes/pve1/qemu/109/agent/get-fsinfo', { headers });
    expect(down.status).toBe(500);
    expect(down.statusText).toBe('QEMU guest agent is not running');
    const snaps = data<Json[]>(
      await call(pve1(estate), '/nodes/pve1/qemu/102/snapshot', { headers }),
    );
    expect(snaps.at(-1)).toMatchObject({ name: 'current', running: 1 });
    expect(snaps.length).toBe(3);
  });

  it('shows PBS-backed backups with verification, and answers unknown paths with 501', async () => {
    const headers = pveToken(estate);
    const content = data<Json[]>(
      await call(pve1(estate), '/nodes/pve1/storage/pbs-main/content?vmid=104', { headers }),
    );
    expect(content.length).toBeGreaterThan(3);
    expect(first(content).volid).toMatch(
      /^pbs-main:backup\/ct\/104\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(content.some((c) => (c.verification as Json | undefined)?.state === 'failed')).toBe(
      true,
    );
    const missing = await call(pve1(estate), '/cluster/ceph/df', { headers });
    expect(missing.status).toBe(501);
    expect(missing.statusText).toBe("Method 'GET /cluster/ceph/df' not implemented");
  });
});

describe('demo estate: PBS and PMG answers', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startDemoEstate({ clock: 'manual', startAt: START });
  });
  afterAll(() => estate.stop());

  it('lists PBS snapshots in kebab-case with real booleans and verification', async () => {
    const reply = await call(
      estate.pbs,
      '/admin/datastore/main/snapshots?backup-type=vm&backup-id=102',
      {
        headers: pbsToken(estate),
      },
    );
    const snaps = data<Json[]>(reply);
    expect(snaps.length).toBeGreaterThanOrEqual(7);
    for (const s of snaps) {
      expect(s).toMatchObject({
        'backup-type': 'vm',
        'backup-id': '102',
        'backup-time': expect.any(Number),
      });
      expect(typeof s.protected).toBe('boolean');
    }
    expect(snaps.some((s) => s.protected === true)).toBe(true);
    expect(snaps.some((s) => (s.verification as Json | undefined)?.state === 'ok')).toBe(true);
  });

  it('reports datastore usage with a dedup factor and plain-text 404s', async () => {
    const usage = data<Json[]>(
      await call(estate.pbs, '/status/datastore-usage', { headers: pbsToken(estate) }),
    );
    const main = usage.find((u) => u.store === 'main');
    const gc = main?.['gc-status'] as Json;
    expect(Number(gc['index-data-bytes']) / Number(gc['disk-bytes'])).toBeGreaterThan(2.5);
    const tasks = JSON.parse(
      (await call(estate.pbs, '/nodes/localhost/tasks?limit=3', { headers: pbsToken(estate) }))
        .body,
    ) as { data: Json[]; total: number };
    expect(first(tasks.data)).toHaveProperty('worker_type');
    expect(tasks.total).toBeGreaterThan(3);
    const missing = await call(estate.pbs, '/nope', { headers: pbsToken(estate) });
    expect(missing.status).toBe(404);
    expect(missing.body).toBe("Path '/api2/json/nope' not found.");
  });

  it('gives PMG queue lengths as totals and Perl-style strings', async () => {
    const headers = await pmgCookie(estate);
    const queue = JSON.parse(
      (await call(estate.pmg, '/nodes/pmg1/postfix/queue/deferred?start=0&limit=1', { headers }))
        .body,
    ) as { data: Json[]; total: number };
    expect(queue.data.length).toBeLessThanOrEqual(1);
    expect(queue.total).toBeGreaterThan(0);
    const shape = data<Json[]>(
      await call(estate.pmg, '/nodes/pmg1/postfix/qshape?queue=deferred', { headers }),
    );
    expect(first(shape)).toMatchObject({ domain: 'TOTAL', total: String(queue.total) });
    const spam = data<Json>(await call(estate.pmg, '/quarantine/spamstatus', { headers }));
    expect(spam.mbytes).toMatch(/^\d+\.\d{20}$/);
    const mail = data<Json>(await call(estate.pmg, '/statistics/mail', { headers }));
    expect(Number(mail.count_in)).toBeGreaterThan(Number(mail.spamcount_in));
    const cluster = data<Json[]>(
      await call(estate.pmg, '/config/cluster/status?list_single_node=1', { headers }),
    );
    expect(first(cluster)).toMatchObject({
      name: 'pmg1',
      type: '-',
      fingerprint: estate.pmg.fingerprint,
    });
  });
});

describe('demo estate: fault switches', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startDemoEstate({ clock: 'manual', startAt: START, staleAfterMs: 60_000 });
  });
  afterEach(() => estate.clearFault());
  afterAll(() => estate.stop());

  it('takes a node offline: refused listener, 595 when proxied, guests unknown after expiry', async () => {
    const pve2 = first(estate.pve.filter((e) => e.name === 'pve2'));
    const id = estate.setFault({ kind: 'node-offline', node: 'pve2' });
    await expect(call(pve2, '/version', { headers: pveToken(estate) })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    const proxied = await call(pve1(estate), '/nodes/pve2/status', { headers: pveToken(estate) });
    expect(proxied.status).toBe(595);
    expect(proxied.statusText).toBe('No route to host');
    expect(proxied.body).toBe('');
    const status = data<Json[]>(
      await call(pve1(estate), '/cluster/status', { headers: pveToken(estate) }),
    );
    expect(status.find((s) => s.name === 'pve2')).toMatchObject({ online: 0 });

    // Until pmxcfs expires them, the node's guests keep their last report.
    let list = await resources(estate);
    expect(list.find((r) => r.id === 'qemu/101')).toMatchObject({
      status: 'running',
      name: 'web-02',
    });
    expect(list.find((r) => r.id === 'node/pve2')).toMatchObject({ status: 'offline', maxcpu: 16 });
    expect(list.find((r) => r.id === 'node/pve2')).not.toHaveProperty('cpu');
    estate.advance(60_001);
    list = await resources(estate);
    expect(list.find((r) => r.id === 'qemu/101')).toEqual({
      id: 'qemu/101',
      type: 'qemu',
      vmid: 101,
      node: 'pve2',
      status: 'unknown',
    });
    const ceph = data<{ health: Json }>(
      await call(pve1(estate), '/cluster/ceph/status', { headers: pveToken(estate) }),
    );
    expect(ceph.health.status).toBe('HEALTH_WARN');

    estate.clearFault(id);
    const back = await call(pve2, '/version', { headers: pveToken(estate) });
    expect(back.status).toBe(200);
    list = await resources(estate);
    expect(list.find((r) => r.id === 'qemu/101')).toMatchObject({ status: 'running' });
  });

  it('says "Connection refused" for a node whose proxy is down', async () => {
    estate.setFault({ kind: 'node-offline', node: 'pve3', mode: 'refused' });
    const proxied = await call(pve1(estate), '/nodes/pve3/qemu', { headers: pveToken(estate) });
    expect(proxied.status).toBe(595);
    expect(proxied.statusText).toBe('Connection refused');
  });

  it('injects HTTP errors in each dialect', async () => {
    estate.setFault({
      kind: 'http-error',
      product: 'pve',
      path: /^\/cluster\/resources$/,
      status: 503,
      message: 'service busy',
    });
    estate.setFault({
      kind: 'http-error',
      product: 'pbs',
      path: /datastore-usage/,
      status: 500,
      message: 'datastore busy',
    });
    const pve = await call(pve1(estate), '/cluster/resources', { headers: pveToken(estate) });
    expect(pve.status).toBe(503);
    expect(pve.statusText).toBe('service busy');
    expect(JSON.parse(pve.body)).toEqual({ data: null, message: 'service busy\n' });
    const pbs = await call(estate.pbs, '/status/datastore-usage', { headers: pbsToken(estate) });
    expect(pbs.status).toBe(500);
    expect(pbs.body).toBe('datastore busy');
    const other = await call(pve1(estate), '/cluster/status', { headers: pveToken(estate) });
    expect(other.status).toBe(200);
  });

  it('serves malformed bodies on request', async () => {
    const headers = pveToken(estate);
    const id = estate.setFault({
      kind: 'malformed',
      product: 'pve',
      path: /\/cluster\/resources/,
      body: 'truncated',
    });
    const truncated = await call(pve1(estate), '/cluster/resources', { headers });
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.body)).toThrow();
    estate.clearFault(id);

    estate.setFault({ kind: 'malformed', product: 'pve', path: /\/version/, body: 'html' });
    estate.setFault({ kind: 'malformed', product: 'pve', path: /\/nodes$/, body: 'null-data' });
    estate.setFault({ kind: 'malformed', product: 'pve', path: /\/qemu$/, body: 'wrong-types' });
    const html = await call(pve1(estate), '/version', { headers });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html>');
    expect(JSON.parse((await call(pve1(estate), '/nodes', { headers })).body)).toEqual({
      data: null,
    });
    const wrong = data<Json[]>(await call(pve1(estate), '/nodes/pve1/qemu', { headers }));
    expect(typeof first(wrong).vmid).toBe('string');
  });

  it('revokes tokens while tickets keep working', async () => {
    estate.setFault({ kind: 'revoke-token', product: 'pve' });
    estate.setFault({ kind: 'revoke-token', product: 'pbs' });
    const pve = await call(pve1(estate), '/version', { headers: pveToken(estate) });
    expect(pve.status).toBe(401);
    expect(pve.statusText).toBe('Authentication failed!');
    expect(pve.body).toBe('');
    const pbs = await call(estate.pbs, '/version', { headers: pbsToken(estate) });
    expect(pbs.status).toBe(401);
    expect(pbs.body).toBe('authentication failed');
    const { username, password } = estate.credentials.pve;
    const login = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      form: { username, password },
    });
    const { ticket } = data<{ ticket: string }>(login);
    const viaTicket = await call(pve1(estate), '/version', {
      headers: { Cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}` },
    });
    expect(viaTicket.status).toBe(200);
  });

  it('denies a privilege with the product-specific 403', async () => {
    estate.setFault({
      kind: 'deny',
      product: 'pve',
      path: /^\/nodes\/[^/]+\/status$/,
      privilege: 'Sys.Audit',
    });
    estate.setFault({
      kind: 'deny',
      product: 'pbs',
      path: /^\/nodes\/localhost\/status$/,
      privilege: 'Sys.Audit',
    });
    const pve = await call(pve1(estate), '/nodes/pve1/status', { headers: pveToken(estate) });
    expect(pve.status).toBe(403);
    expect(pve.statusText).toBe('Permission check failed (/nodes/pve1, Sys.Audit)');
    expect(JSON.parse(pve.body)).toEqual({
      data: null,
      message: 'Permission check failed (/nodes/pve1, Sys.Audit)\n',
    });
    const pbs = await call(estate.pbs, '/nodes/localhost/status', { headers: pbsToken(estate) });
    expect(pbs.status).toBe(403);
    expect(pbs.body).toBe('permission check failed');
  });

  it('changes a certificate in place: same port, new fingerprint', async () => {
    const before = estate.pbs.fingerprint;
    const port = estate.pbs.baseUrl;
    estate.setFault({ kind: 'cert-change', product: 'pbs' });
    expect(estate.pbs.fingerprint).not.toBe(before);
    expect(estate.pbs.baseUrl).toBe(port);
    const served = await call(estate.pbs, '/version', { headers: pbsToken(estate) });
    expect(served.fingerprint).toBe(estate.pbs.fingerprint);

    const member = first(estate.pve.filter((e) => e.name === 'pve3'));
    const old = member.fingerprint;
    estate.setFault({ kind: 'cert-change', product: 'pve', node: 'pve3' });
    expect(member.fingerprint).not.toBe(old);
    const nodes = data<Json[]>(await call(pve1(estate), '/nodes', { headers: pveToken(estate) }));
    expect(nodes.find((n) => n.node === 'pve3')?.ssl_fingerprint).toBe(member.fingerprint);
  });

  it('delays matching requests', async () => {
    estate.setFault({ kind: 'slow', product: 'pmg', path: /\/version/, delayMs: 150 });
    const headers = await pmgCookie(estate);
    const started = performance.now();
    const reply = await call(estate.pmg, '/version', { headers });
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails the next backups of a guest: job errors, no new archive', async () => {
    const headers = pveToken(estate);
    const count = async () =>
      data<Json[]>(
        await call(pve1(estate), '/nodes/pve1/storage/pbs-main/content?vmid=100', { headers }),
      ).length;
    const before = await count();
    estate.setFault({ kind: 'backup-failure', vmid: 100 });
    // From 10:00 to 04:00 the next day: the 02:00 run has finished.
    estate.advance(18 * 3_600_000);
    const tasks = JSON.parse(
      (await call(pve1(estate), '/nodes/pve1/tasks?typefilter=vzdump&limit=1', { headers })).body,
    ) as { data: Json[] };
    expect(first(tasks.data).status).toBe('job errors');
    const content = data<Json[]>(
      await call(pve1(estate), '/nodes/pve1/storage/pbs-main/content?vmid=100', { headers }),
    );
    const newest = Math.max(...content.map((c) => Number(c.ctime)));
    expect(newest).toBeLessThan((START + 16 * 3_600_000) / 1000);
    expect(content.length).toBeLessThanOrEqual(before);
  });

  it('counts the requests each listener served', async () => {
    const before = estate.requestCount('pve3');
    await call(first(estate.pve.filter((e) => e.name === 'pve3')), '/version', {
      headers: pveToken(estate),
    });
    expect(estate.requestCount('pve3')).toBe(before + 1);
  });
});

describe('demo estate: determinism and size', () => {
  it('gives the same readings for the same seed and clock', async () => {
    const a = await startDemoEstate({ clock: 'manual', startAt: START, seed: 42 });
    const b = await startDemoEstate({ clock: 'manual', startAt: START, seed: 42 });
    try {
      a.advance(3_600_000);
      b.advance(3_600_000);
      expect(await resources(a)).toEqual(await resources(b));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('builds the large estate quickly and lists 2,000 guests', async () => {
    const started = performance.now();
    const estate = await startDemoEstate({ size: 'large', clock: 'manual', startAt: START });
    // About 0.3 s on a laptop; the bound leaves room for a loaded CI runner.
    expect(performance.now() - started).toBeLessThan(3_000);
    try {
      expect(estate.pve).toHaveLength(20);
      const list = await resources(estate);
      expect(list.filter((r) => r.type === 'qemu' || r.type === 'lxc')).toHaveLength(2_000);
      expect(list.filter((r) => r.type === 'node')).toHaveLength(20);
    } finally {
      await estate.stop();
    }
  });
});
