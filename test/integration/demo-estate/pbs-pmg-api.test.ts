import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoEstate } from '../../../server/demo/index.ts';
import {
  call,
  data,
  first,
  type Json,
  pbsToken,
  pmgCookie,
  startManualEstate,
} from '../../fixtures/demo-https.ts';

describe('demo estate: PBS and PMG answers', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startManualEstate();
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
