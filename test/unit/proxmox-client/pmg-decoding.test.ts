import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmgClient } from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  ok,
  type Reply,
  type SeenRequest,
  startFakeServer,
} from './fake-server.ts';

function route(req: SeenRequest): Reply {
  if (req.path === '/access/ticket') {
    return ok({ ticket: 'PMG:admin@pmg:1::sig', CSRFPreventionToken: 'c', role: 'admin' });
  }
  switch (req.path) {
    case '/config/cluster/status':
      return ok(
        req.query.get('list_single_node') === '1'
          ? [
              {
                cid: 1,
                name: 'pmg1',
                ip: '10.0.0.5',
                type: 'master',
                insync: 1,
                uptime: 100,
                loadavg: ['0.10', '0.20', '0.30'],
                memory: { total: 10, used: 4, free: 6 },
              },
              {
                cid: 2,
                name: 'pmg2',
                ip: '10.0.0.6',
                type: 'node',
                conn_error: 'connection refused',
              },
            ]
          : [],
      );
    case '/nodes/pmg1/status':
      return ok({
        time: 1717170000,
        insync: 0,
        loadavg: ['1.00', '0.50', '0.25'],
        pmgversion: 'pmg-api/8.2.3/abc',
        rootfs: { total: 100, used: 10, avail: 90, free: 90 },
      });
    case '/statistics/mail':
      return ok({
        count: 1200,
        count_in: 1000,
        count_out: '200',
        spamcount_in: 50,
        bytes_in: 12345678,
        avptime: 0.8,
        junk_in: 70,
      });
    case '/statistics/mailcount':
      return ok([
        { index: 0, time: 1717167600, count: 10, count_in: 8, count_out: 2 },
        { index: 1 },
      ]);
    case '/statistics/spamscores':
      return ok([
        { level: 0, count: 900, ratio: 0.9 },
        { level: 5, count: '100', ratio: '0.1' },
      ]);
    case '/quarantine/spamstatus':
      return ok({
        count: '12',
        mbytes: '0.04687500000000000000',
        avgbytes: '4096.0000000000000000',
        avgspam: '7.2500000000000000',
      });
    case '/quarantine/virusstatus':
      return ok({ count: 0, mbytes: 0, avgbytes: 0 });
    case '/nodes/pmg1/postfix/queue/deferred':
      return ok([{ queue_name: 'deferred', queue_id: 'ABC', arrival_time: 1, message_size: 2 }], {
        total: 37,
      });
    case '/nodes/pmg1/postfix/queue/active':
      return ok([]);
    case '/nodes/pmg1/postfix/qshape':
      return ok([
        { domain: 'TOTAL', total: '12', '5m': '3', '10m': '0', '20m': '1', '1280m+': '0' },
        { domain: 'example.net', total: '2', '5m': '2' },
      ]);
    case '/nodes/pmg1/backup':
      return ok([
        { filename: 'pmg-backup_2025_06_01_683BB2F0.tgz', size: 1024, timestamp: 1748736000 },
      ]);
    default:
      return { status: 501, reason: 'not implemented' };
  }
}

let server: FakeServer;
let pmg: PmgClient;

beforeAll(async () => {
  server = await startFakeServer(route);
  pmg = new PmgClient(endpointOf(server), {
    kind: 'password',
    username: 'admin@pmg',
    password: 'pw',
  });
});

afterAll(async () => {
  await pmg.close();
  await server.close();
});

describe('PMG decoding', () => {
  it('asks for single-node cluster status and keeps unreachable members', async () => {
    const [master, peer] = await pmg.clusterStatus();
    expect(master).toMatchObject({
      cid: 1,
      type: 'master',
      inSync: true,
      loadAvg: [0.1, 0.2, 0.3],
      connError: null,
    });
    expect(master?.memory).toEqual({ total: 10, used: 4, free: 6, available: null });
    expect(peer).toMatchObject({
      name: 'pmg2',
      connError: 'connection refused',
      uptime: null,
      memory: null,
    });
  });

  it('reads node status', async () => {
    expect(await pmg.nodeStatus('pmg1')).toMatchObject({
      inSync: false,
      loadAvg: [1, 0.5, 0.25],
      pmgVersion: 'pmg-api/8.2.3/abc',
      rootfs: { avail: 90 },
      cpu: null,
    });
  });

  it('reads mail statistics with the time range, leaving absent counters null', async () => {
    const stats = await pmg.mailStatistics({ starttime: 1717080000, endtime: 1717166400 });
    expect(Object.fromEntries(server.requests.at(-1)?.query ?? [])).toEqual({
      starttime: '1717080000',
      endtime: '1717166400',
    });
    expect(stats).toMatchObject({
      count: 1200,
      countIn: 1000,
      countOut: 200,
      spamcountIn: 50,
      viruscountIn: null,
      bytesIn: 12345678,
      avpTime: 0.8,
      junkIn: 70,
      rblRejects: null,
    });
  });

  it('reads mail count buckets and spam scores', async () => {
    const buckets = await pmg.mailCount(3600);
    expect(server.requests.at(-1)?.query.get('timespan')).toBe('3600');
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ index: 0, time: 1717167600, countIn: 8, bouncesIn: null });
    expect(await pmg.spamScores()).toEqual([
      { level: 0, count: 900, ratio: 0.9 },
      { level: 5, count: 100, ratio: 0.1 },
    ]);
  });

  it('turns quarantine decimal strings into numbers', async () => {
    expect(await pmg.quarantineStatus('spam')).toEqual({
      count: 12,
      mbytes: 0.046875,
      avgBytes: 4096,
      avgSpam: 7.25,
    });
    expect(await pmg.quarantineStatus('virus')).toEqual({
      count: 0,
      mbytes: 0,
      avgBytes: 0,
      avgSpam: null,
    });
  });

  it('reads a queue length from total with one row requested, 0 when absent', async () => {
    expect(await pmg.queueLength('pmg1', 'deferred')).toBe(37);
    expect(Object.fromEntries(server.requests.at(-1)?.query ?? [])).toEqual({
      start: '0',
      limit: '1',
    });
    expect(await pmg.queueLength('pmg1', 'active')).toBe(0);
  });

  it('reads qshape rows with ordered string buckets as numbers', async () => {
    const [total, domain] = await pmg.qshape('pmg1', 'deferred');
    expect(server.requests.at(-1)?.query.get('queue')).toBe('deferred');
    expect(total).toEqual({
      domain: 'TOTAL',
      total: 12,
      buckets: [
        { bucket: '5m', count: 3 },
        { bucket: '10m', count: 0 },
        { bucket: '20m', count: 1 },
        { bucket: '1280m+', count: 0 },
      ],
    });
    expect(domain).toMatchObject({ domain: 'example.net', total: 2 });
  });

  it('reads backups', async () => {
    expect(await pmg.backups('pmg1')).toEqual([
      { filename: 'pmg-backup_2025_06_01_683BB2F0.tgz', size: 1024, timestamp: 1748736000 },
    ]);
  });
});
