import type { Archive } from './backups.ts';
import { DAY, dayIndex, epochSeconds, SECOND, STATUS_STEP_MS } from './clock.ts';
import type { EstateModel } from './live.ts';
import { keyOf, unit, wander } from './noise.ts';
import { ARCHIVE_KEEP_DAYS, PBS_JOBS, PBS_NODE, type PbsJob } from './pbs-jobs.ts';
import { GiB } from './plan-common.ts';
import type { GuestPlan } from './plan-types.ts';
import { firstRunFrom, lastCompleted, type Run, runsBetween } from './schedule.ts';
import { pbsUpid } from './upid.ts';

export const PBS_BACKUP_USER = 'pve-backup@pbs';

export interface PbsFile {
  filename: string;
  'crypt-mode': 'none';
  size: number;
}

export interface PbsSnapshot {
  store: string;
  guest: GuestPlan;
  type: 'vm' | 'ct';
  id: string;
  time: number;
  files: PbsFile[];
  size: number;
  protected: boolean;
  comment: string;
  verification: { state: 'ok' | 'failed'; upid: string } | null;
}

export interface PbsTask {
  upid: string;
  workerType: string;
  workerId: string;
  user: string;
  start: number;
  end: number;
  status: string;
}

const VERIFY_FAILED = 'verification failed - please check the log for details';

/**
 * The backup server behind `pbs-main`: its `main` datastore holds exactly the snapshots the
 * PVE jobs wrote; `archive` gets a nightly local sync of a few guests.
 */
export class PbsModel {
  readonly jobs: PbsJob[];
  readonly #model: EstateModel;
  readonly #synced: Set<number>;
  readonly #cache = new Map<string, unknown>();
  readonly #upids = new Map<string, string>();

  constructor(model: EstateModel) {
    this.#model = model;
    this.#synced = new Set(model.plan.pbs.syncedVmids);
    this.jobs = PBS_JOBS;
  }

  duration(job: PbsJob, day: number): number {
    const r = unit(keyOf(this.#model.plan.seed, 'pbs-job', job.id), day);
    const scale = this.#model.plan.size === 'large' ? 8 : 1;
    switch (job.kind) {
      case 'gc':
        return (120 + 300 * r) * scale;
      case 'verify':
        return (job.store === 'archive' ? 2_400 : 240 + 200 * r) * scale;
      case 'prune':
        return 3 + 6 * r;
      case 'sync':
        return (90 + 200 * r) * scale;
    }
  }

  runs(job: PbsJob, from: number, to: number): Run[] {
    return runsBetween(job.schedule, from, to, (day) => this.duration(job, day));
  }

  lastRun(job: PbsJob, at: number): Run | null {
    return lastCompleted(job.schedule, at, (day) => this.duration(job, day));
  }

  runUpid(job: PbsJob, run: Run): string {
    const cacheKey = `upid:${job.id}:${run.day}`;
    const known = this.#upids.get(cacheKey);
    if (known !== undefined) return known;
    const key = keyOf(this.#model.plan.seed, 'pbs-run', job.id, run.day);
    const upid = pbsUpid(
      PBS_NODE,
      key,
      epochSeconds(run.start),
      job.workerType,
      job.workerId,
      'root@pam',
    );
    if (this.#upids.size > 1_000) this.#upids.clear();
    this.#upids.set(cacheKey, upid);
    return upid;
  }

  /** Did this run end in error? Returns the task status text. */
  runStatus(job: PbsJob, run: Run, at: number): string {
    if (job.kind !== 'verify') return 'OK';
    if (job.store === 'archive') return this.#synced.size > 0 ? VERIFY_FAILED : 'OK';
    const failed = this.snapshots('main', at).some(
      (s) => s.verification?.state === 'failed' && s.verification.upid === this.runUpid(job, run),
    );
    return failed ? VERIFY_FAILED : 'OK';
  }

  job(kind: PbsJob['kind'], store: string): PbsJob | undefined {
    return this.jobs.find((j) => j.kind === kind && j.store === store);
  }

  /** Results are cached per 10-second step (and fault state), like the status they derive from. */
  #memo<T>(kind: string, store: string, at: number, compute: (step: number) => T): T {
    const step = Math.floor(at / STATUS_STEP_MS) * STATUS_STEP_MS;
    const key = `${kind}:${store}:${step}:${this.#model.state.version}`;
    if (this.#cache.has(key)) return this.#cache.get(key) as T;
    if (this.#cache.size > 256) this.#cache.clear();
    const value = compute(step);
    this.#cache.set(key, value);
    return value;
  }

  snapshots(store: string, at: number): PbsSnapshot[] {
    return this.#memo('snapshots', store, at, (step) => {
      if (store === 'main') {
        return this.#model.backups
          .archives('pbs-main', step)
          .map((a) => this.#mainSnapshot(a, step));
      }
      if (store === 'archive') return this.#archiveSnapshots(step);
      return [];
    });
  }

  /** Logical bytes referenced by the snapshots' indexes, and what dedup leaves on disk. */
  usage(
    store: string,
    at: number,
  ): { total: number; used: number; indexBytes: number; diskBytes: number } {
    const ds = this.#model.plan.pbs.datastores.find((d) => d.store === store);
    if (!ds) return { total: 0, used: 0, indexBytes: 0, diskBytes: 0 };
    let indexBytes = 0;
    for (const s of this.snapshots(store, at)) indexBytes += s.size;
    const diskBytes = Math.round(indexBytes / ds.dedup);
    const used = Math.min(ds.totalBytes, Math.round(diskBytes * 1.01 + 3 * GiB));
    return { total: ds.totalBytes, used, indexBytes, diskBytes };
  }

  gcStatus(store: string, at: number): Record<string, unknown> {
    const job = this.job('gc', store);
    const run = job ? this.lastRun(job, at) : null;
    if (!job || !run)
      return { 'index-file-count': 0, 'index-data-bytes': 0, 'disk-bytes': 0, 'disk-chunks': 0 };
    const snaps = this.snapshots(store, run.start);
    const { indexBytes, diskBytes } = this.usage(store, run.start);
    const r = unit(keyOf(this.#model.plan.seed, 'gc', store), run.day);
    const removed = Math.round(diskBytes * (0.01 + 0.02 * r));
    return {
      upid: this.runUpid(job, run),
      'index-file-count': snaps.reduce(
        (n, s) => n + s.files.filter((f) => /idx$/.test(f.filename)).length,
        0,
      ),
      'index-data-bytes': indexBytes,
      'disk-bytes': diskBytes,
      'disk-chunks': Math.round(diskBytes / 2_400_000),
      'removed-bytes': removed,
      'removed-chunks': Math.round(removed / 2_400_000),
      'pending-bytes': Math.round(removed * 0.3),
      'pending-chunks': Math.round((removed * 0.3) / 2_400_000),
      'removed-bad': 0,
      'still-bad': 0,
    };
  }

  /** Used fraction per day for the last month (oldest first), for datastore-usage history. */
  history(store: string, at: number): number[] {
    const { total, used } = this.usage(store, at);
    const key = keyOf(this.#model.plan.seed, 'pbs-history', store);
    const out: number[] = [];
    for (let i = 29; i >= 0; i--) {
      const fraction =
        (used / total) * (1 - 0.006 * i) + 0.004 * (wander(key, at - i * DAY, 3 * DAY) - 0.5);
      out.push(Math.max(0, Math.round(fraction * 1e6) / 1e6));
    }
    return out;
  }

  tasks(at: number): PbsTask[] {
    return this.#memo('tasks', '', at, (step) => this.#tasks(step));
  }

  #tasks(at: number): PbsTask[] {
    const windowMs = 7 * DAY;
    const from = at - windowMs;
    const out: PbsTask[] = [];
    for (const node of this.#model.plan.nodes) {
      for (const run of this.#model.backups.runs(node.name, from, at)) {
        if (run.job.storage !== 'pbs-main') continue;
        for (const item of run.items) {
          if (item.start > at) continue;
          const g = item.guest;
          const type = g.type === 'qemu' ? 'vm' : 'ct';
          out.push({
            upid: pbsUpid(
              PBS_NODE,
              keyOf(g.key, 'pbs-backup', run.day),
              epochSeconds(item.start + SECOND),
              'backup',
              `main:${type}/${g.vmid}`,
              PBS_BACKUP_USER,
            ),
            workerType: 'backup',
            workerId: `main:${type}/${g.vmid}`,
            user: PBS_BACKUP_USER,
            start: item.start + SECOND,
            end: item.end - SECOND,
            status: item.ok ? 'OK' : 'backup ended but finished flag is not set.',
          });
        }
      }
    }
    for (const job of this.jobs) {
      for (const run of this.runs(job, from, at)) {
        out.push({
          upid: this.runUpid(job, run),
          workerType: job.workerType,
          workerId: job.workerId,
          user: 'root@pam',
          start: run.start,
          end: run.end,
          status: run.end <= at ? this.runStatus(job, run, at) : 'OK',
        });
      }
    }
    return out.filter((t) => t.start <= at).sort((a, b) => b.start - a.start);
  }

  #files(guest: GuestPlan, sizeBytes: number): PbsFile[] {
    const f = (filename: string, size: number): PbsFile => ({
      filename,
      'crypt-mode': 'none',
      size,
    });
    if (guest.type === 'qemu') {
      return [
        f('index.json.blob', 612),
        f('qemu-server.conf.blob', 498),
        f('drive-scsi0.img.fidx', sizeBytes),
        f('client.log.blob', 1_433),
      ];
    }
    return [
      f('catalog.pcat1.didx', 1_800_000 + (guest.vmid % 97) * 10_000),
      f('index.json.blob', 540),
      f('pct.conf.blob', 312),
      f('root.pxar.didx', sizeBytes),
      f('client.log.blob', 1_021),
    ];
  }

  #mainSnapshot(a: Archive, at: number): PbsSnapshot {
    const g = a.item.guest;
    const files = this.#files(g, a.item.sizeBytes);
    const time = epochSeconds(a.item.start);
    const verify = this.job('verify', 'main');
    let verification: PbsSnapshot['verification'] = null;
    if (verify) {
      // ignore-verified: each snapshot is verified once, by the first run after it was written.
      const run = firstRunFrom(verify.schedule, a.item.end, (day) => this.duration(verify, day));
      if (run.end <= at) {
        const failed = g.verifyFails && dayIndex(a.item.start) % 4 === 0;
        verification = { state: failed ? 'failed' : 'ok', upid: this.runUpid(verify, run) };
      }
    }
    return {
      store: 'main',
      guest: g,
      type: g.type === 'qemu' ? 'vm' : 'ct',
      id: String(g.vmid),
      time,
      files,
      size: files.reduce((n, f) => n + f.size, 0),
      protected: a.protected,
      comment: a.notes,
      verification,
    };
  }

  #archiveSnapshots(at: number): PbsSnapshot[] {
    const sync = this.job('sync', 'archive');
    const lastSync = sync ? this.lastRun(sync, at) : null;
    if (!sync || !lastSync || this.#synced.size === 0) return [];
    const verify = this.job('verify', 'archive');
    const lastVerify = verify ? this.lastRun(verify, at) : null;
    const firstSynced = this.#model.plan.pbs.syncedVmids[0];
    const out: PbsSnapshot[] = [];
    const job = this.#model.plan.backupJobs.find((j) => j.storage === 'pbs-main');
    if (!job) return [];
    const today = dayIndex(at);
    for (const node of this.#model.plan.nodes) {
      if (!this.#model.backups.members(job, node.name).some((g) => this.#synced.has(g.vmid)))
        continue;
      for (let day = today - ARCHIVE_KEEP_DAYS; day <= today; day++) {
        const run = this.#model.backups.run(job, node.name, day);
        for (const item of run?.items ?? []) {
          if (!item.ok || !this.#synced.has(item.guest.vmid) || item.end > lastSync.start) continue;
          const g = item.guest;
          const files = this.#files(g, item.sizeBytes);
          const verified = verify && lastVerify && item.end < lastVerify.start;
          const failed = g.vmid === firstSynced && day % 3 === 0;
          out.push({
            store: 'archive',
            guest: g,
            type: g.type === 'qemu' ? 'vm' : 'ct',
            id: String(g.vmid),
            time: epochSeconds(item.start),
            files,
            size: files.reduce((n, f) => n + f.size, 0),
            protected: false,
            comment: g.name,
            verification: verified
              ? { state: failed ? 'failed' : 'ok', upid: this.runUpid(verify, lastVerify) }
              : null,
          });
        }
      }
    }
    return out;
  }
}
