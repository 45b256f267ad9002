import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoEstate } from '../../../server/demo/index.ts';
import {
  call,
  data,
  first,
  type Json,
  pbsToken,
  pmgCookie,
  pve1,
  pveToken,
  resources,
  START,
  startManualEstate,
} from '../../fixtures/demo-https.ts';

describe('demo estate: fault switches', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startManualEstate({ staleAfterMs: 60_000 });
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
