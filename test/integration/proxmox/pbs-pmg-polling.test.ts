import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log/logger.ts';
import type { ResourceOf } from '../../../server/resources/model.ts';
import { PbsClient, PmgClient } from '../../../server/sources/proxmox/client/index.ts';
import { PbsSource } from '../../../server/sources/proxmox/pbs-source.ts';
import { PmgSource } from '../../../server/sources/proxmox/pmg-source.ts';
import type { SourceSnapshot } from '../../../server/sources/source.ts';
import { startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

const log = createLogger('silent');
const signal = new AbortController().signal;
let lab: TestEstate;

beforeAll(async () => {
  lab = await startTestEstate();
});
afterAll(async () => {
  await lab.estate.stop();
});

const endpoint = (node: TestEstate['pbs']) => ({
  baseUrl: node.host,
  tls: { verify: true, fingerprint: node.fingerprint },
});

describe('polling a Proxmox Backup Server', () => {
  let snapshot: SourceSnapshot;
  let truth: PbsClient;
  let source: PbsSource;

  beforeAll(async () => {
    source = new PbsSource(lab.pbs, 60_000, 5_000, log);
    truth = new PbsClient(endpoint(lab.pbs), lab.pbs.credentials);
    snapshot = await source.poll(signal);
  });
  afterAll(async () => {
    await source.close();
    await truth.close();
  });

  it('collects the server with its version and load', async () => {
    const [server] = snapshot.resources.filter((r) => r.type === 'pbs') as ResourceOf<'pbs'>[];
    const [version, status] = await Promise.all([truth.version(), truth.nodeStatus()]);
    expect(server?.details.version).toContain(version.version ?? '');
    expect(server?.cpu).toBe(status.cpu);
    expect(server?.memory).toEqual({
      usedBytes: status.memory?.used,
      totalBytes: status.memory?.total,
    });
    expect(server?.uptimeSeconds).toBe(status.uptime);
  });

  it('collects each datastore with usage, deduplication and counts', async () => {
    const datastores = snapshot.resources.filter(
      (r) => r.type === 'pbsDatastore',
    ) as ResourceOf<'pbsDatastore'>[];
    const usage = await truth.datastoreUsage();
    expect(datastores.map((d) => d.name).sort()).toEqual(usage.map((u) => u.store).sort());
    for (const u of usage) {
      const store = datastores.find((d) => d.name === u.store);
      const status = await truth.datastoreStatus(u.store);
      const gc = status.gcStatus ?? u.gcStatus;
      expect(store?.disk).toEqual({ usedBytes: u.used, totalBytes: u.total });
      const dedup = (gc?.indexDataBytes ?? 0) / (gc?.diskBytes ?? 1);
      expect(store?.details.deduplicationFactor).toBeCloseTo(dedup, 1);
      const snapshots = Object.values(status.counts).reduce(
        (sum, c) => sum + (c.snapshots ?? 0),
        0,
      );
      expect(store?.details.snapshotCount).toBe(snapshots);
    }
  });

  it('lists every backup snapshot with size, owner, protection and verification', async () => {
    const backups = snapshot.records?.backups ?? [];
    for (const store of ['main', 'archive']) {
      const served = await truth.snapshots(store);
      const mine = backups.filter((b) => b.storage === store);
      expect(mine).toHaveLength(served.length);
      for (const s of served.slice(0, 20)) {
        const b = mine.find(
          (x) => x.createdAt === s.backupTime * 1000 && x.volid.includes(`/${s.backupId}/`),
        );
        expect(b).toMatchObject({ sizeBytes: s.size, owner: s.owner, protected: s.protected });
        expect(b?.verification).toBe(s.verification?.state ?? null);
      }
    }
    expect(backups.some((b) => b.verification === 'failed')).toBe(true);
  });

  it('reports verify, sync, prune and garbage-collection jobs with their last result', async () => {
    const jobs = snapshot.records?.jobs ?? [];
    const verify = await truth.verifyJobs();
    for (const job of verify) {
      const mine = jobs.find((j) => j.id.endsWith(`/verify/${job.id}`));
      expect(mine?.lastRunState).toBe(job.lastRunState === 'OK' ? 'ok' : 'error');
    }
    expect(jobs.some((j) => j.kind === 'verify' && j.lastRunState === 'error')).toBe(true);
    expect(jobs.filter((j) => j.kind === 'sync')).toHaveLength((await truth.syncJobs()).length);
    expect(jobs.filter((j) => j.kind === 'prune')).toHaveLength((await truth.pruneJobs()).length);
    expect(jobs.filter((j) => j.kind === 'gc').length).toBeGreaterThan(0);
  });
});

describe('polling a Proxmox Mail Gateway (ticket login; PMG has no tokens)', () => {
  it('collects mail counts, queue lengths and quarantine sizes as served', async () => {
    const source = new PmgSource(lab.pmg, 60_000, 5_000, log);
    const truth = new PmgClient(endpoint(lab.pmg), lab.pmg.credentials);
    try {
      const snapshot = await source.poll(signal);
      const [gateway] = snapshot.resources as ResourceOf<'pmg'>[];
      const [mail, spam, virus, members] = await Promise.all([
        truth.mailStatistics(),
        truth.quarantineStatus('spam'),
        truth.quarantineStatus('virus'),
        truth.clusterStatus(),
      ]);
      const node = members[0]?.name ?? '';
      expect(gateway?.details.mail).toMatchObject({
        total: mail.count,
        incoming: mail.countIn,
        outgoing: mail.countOut,
        spamIncoming: mail.spamcountIn,
        virusIncoming: mail.viruscountIn,
        bytesIncoming: mail.bytesIn,
      });
      expect(gateway?.details.quarantine).toEqual({
        spamCount: spam.count,
        spamMegabytes: spam.mbytes,
        virusCount: virus.count,
        virusMegabytes: virus.mbytes,
      });
      expect(gateway?.details.queues).toEqual({
        active: await truth.queueLength(node, 'active'),
        deferred: await truth.queueLength(node, 'deferred'),
        hold: await truth.queueLength(node, 'hold'),
        incoming: await truth.queueLength(node, 'incoming'),
      });
      expect(gateway?.details.queues?.deferred).toBeGreaterThan(0);
    } finally {
      await source.close();
      await truth.close();
    }
  });
});
