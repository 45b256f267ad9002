import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoEstate } from '../../../server/demo/index.ts';
import {
  call,
  data,
  first,
  type Json,
  pve1,
  pveToken,
  resources,
  startManualEstate,
} from '../../fixtures/demo-https.ts';

describe('demo estate: PVE answers', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startManualEstate();
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
