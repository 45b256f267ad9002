import { DAY, dayIndex, MINUTE, SECOND, STATUS_STEP_MS } from './clock.ts';
import type { EstateState } from './estate-state.ts';
import { keyOf, unit } from './noise.ts';
import type { BackupJobPlan, EstatePlan, GuestPlan } from './plan-types.ts';
import { pveUpid, taskPid } from './upid.ts';

export interface BackupItem {
  guest: GuestPlan;
  start: number;
  end: number;
  /** nfs: compressed archive file size; pbs: logical snapshot size. */
  sizeBytes: number;
  ok: boolean;
  error: string | null;
}

export interface BackupRun {
  job: BackupJobPlan;
  node: string;
  day: number;
  start: number;
  end: number;
  items: BackupItem[];
  upid: string;
  pid: number;
  pstart: number;
}

export interface Archive {
  run: BackupRun;
  item: BackupItem;
  protected: boolean;
  notes: string;
}

type Layout = Omit<BackupRun, 'items'> & { items: Omit<BackupItem, 'ok' | 'error'>[] };

/** Plan-relative "recent": the failing guest has failed since three nights before the start. */
const FAILING_SINCE_DAYS = 3;
const PROTECTED_LOOKBACK_DAYS = 28;

/**
 * Nightly vzdump runs, laid out from the plan: one task per job and node, guests backed up
 * one after another. Faults only decide which items fail, never when things happen.
 */
export class BackupSchedule {
  readonly #plan: EstatePlan;
  readonly #state: EstateState;
  readonly #layouts = new Map<string, Layout | null>();
  readonly #members = new Map<string, GuestPlan[]>();
  readonly #archiveCache = new Map<string, Archive[]>();
  readonly #startDay: number;

  constructor(plan: EstatePlan, state: EstateState) {
    this.#plan = plan;
    this.#state = state;
    this.#startDay = dayIndex(plan.startAt);
  }

  jobsFor(guest: GuestPlan): BackupJobPlan[] {
    return this.#plan.backupJobs.filter((job) => this.members(job, guest.node).includes(guest));
  }

  members(job: BackupJobPlan, node: string): GuestPlan[] {
    const key = `${job.id}:${node}`;
    let list = this.#members.get(key);
    if (!list) {
      list = this.#plan.guests
        .filter((g) => g.node === node)
        .filter((g) => (job.vmids ? job.vmids.includes(g.vmid) : !job.exclude.includes(g.vmid)))
        .sort((a, b) => a.vmid - b.vmid);
      this.#members.set(key, list);
    }
    return list;
  }

  /** The run of `job` on `node` that starts on `day`, or null if the node was down then. */
  run(job: BackupJobPlan, node: string, day: number): BackupRun | null {
    const layout = this.#layout(job, node, day);
    if (!layout || this.#state.wasOffline(node, layout.start)) return null;
    const items = layout.items.map((item) => {
      const failing =
        (item.guest.backup === 'failing' && day >= this.#startDay - FAILING_SINCE_DAYS) ||
        this.#state.backupFails(item.guest.vmid, item.start);
      return {
        ...item,
        ok: !failing,
        error: failing ? `VM ${item.guest.vmid} qmp command 'backup' failed - got timeout` : null,
      };
    });
    return { ...layout, items };
  }

  /** Runs of every job on `node` that started in [from, to]. */
  runs(node: string, from: number, to: number): BackupRun[] {
    const out: BackupRun[] = [];
    for (let day = dayIndex(from) - 1; day <= dayIndex(to); day++) {
      for (const job of this.#plan.backupJobs) {
        const run = this.run(job, node, day);
        if (run && run.start >= from && run.start <= to) out.push(run);
      }
    }
    return out;
  }

  /** Guests being backed up at `at` (they carry lock "backup"). */
  lockedAt(at: number): Set<number> {
    const locked = new Set<number>();
    const today = dayIndex(at);
    for (const node of this.#plan.nodes) {
      for (const job of this.#plan.backupJobs) {
        for (const day of [today - 1, today]) {
          const layout = this.#layout(job, node.name, day);
          if (!layout || at < layout.start || at >= layout.end) continue;
          if (this.#state.wasOffline(node.name, layout.start)) continue;
          for (const item of layout.items) {
            if (item.start <= at && at < item.end) locked.add(item.guest.vmid);
          }
        }
      }
    }
    return locked;
  }

  /** Archives on `storage` at `at`: the last `keep` runs of each job plus protected ones. */
  archives(storage: string, time: number): Archive[] {
    // Quantised like every other reading, so a cached answer is also the exact answer.
    const at = Math.floor(time / STATUS_STEP_MS) * STATUS_STEP_MS;
    const cacheKey = `${storage}:${at}:${this.#state.version}`;
    const cached = this.#archiveCache.get(cacheKey);
    if (cached) return cached;
    const out: Archive[] = [];
    for (const job of this.#plan.backupJobs) {
      if (job.storage !== storage) continue;
      for (const node of this.#plan.nodes) {
        const today = dayIndex(at);
        const guarded = this.members(job, node.name).some((g) => g.protectSundays);
        const perGuest = new Map<number, Archive[]>();
        for (let day = today - PROTECTED_LOOKBACK_DAYS; day <= today; day++) {
          // Beyond the recent window only protected (Sunday) archives can still exist.
          const old = day < today - job.keep - FAILING_SINCE_DAYS - 7;
          if (old && (!guarded || new Date(day * DAY).getUTCDay() !== 0)) continue;
          const run = this.run(job, node.name, day);
          if (!run || run.start > at) continue;
          for (const item of run.items) {
            if (!item.ok || item.end > at) continue;
            const list = perGuest.get(item.guest.vmid) ?? [];
            list.push(this.#archive(run, item));
            perGuest.set(item.guest.vmid, list);
          }
        }
        // vzdump prunes after each successful backup and never removes protected ones, so a
        // guest whose backups fail keeps its last `keep` archives.
        for (const list of perGuest.values()) {
          const unprotected = list.filter((a) => !a.protected);
          const keptFrom = unprotected.length - job.keep;
          for (const archive of list) {
            if (archive.protected || unprotected.indexOf(archive) >= keptFrom) out.push(archive);
          }
        }
      }
    }
    if (this.#archiveCache.size > 64) this.#archiveCache.clear();
    this.#archiveCache.set(cacheKey, out);
    return out;
  }

  #archive(run: BackupRun, item: BackupItem): Archive {
    const isProtected = item.guest.protectSundays && new Date(run.day * DAY).getUTCDay() === 0;
    return {
      run,
      item,
      protected: isProtected,
      notes: isProtected ? `${item.guest.name} (weekly, keep)` : item.guest.name,
    };
  }

  #layout(job: BackupJobPlan, node: string, day: number): Layout | null {
    const key = `${job.id}:${node}:${day}`;
    const cached = this.#layouts.get(key);
    if (cached !== undefined) return cached;
    const members = this.members(job, node);
    let layout: Layout | null = null;
    if (members.length > 0) {
      const runKey = keyOf(this.#plan.seed, 'vzdump', job.id, node, day);
      const start = day * DAY + (job.hour * 60 + job.minute) * MINUTE + (runKey % 4) * SECOND;
      let cursor = start + 4 * SECOND;
      const toPbs = job.storage === 'pbs-main';
      const items = members.map((guest) => {
        const jitter = 0.97 + 0.06 * unit(guest.key, day);
        const used = guest.diskBytes * guest.diskFill * jitter;
        // PBS backups of running VMs only send dirty blocks; file archives read everything.
        const rate = toPbs ? (guest.type === 'qemu' && guest.running ? 2.5e9 : 4e8) : 2.2e8;
        const seconds = Math.round(10 + used / rate + 6 * unit(guest.key, day + 1));
        const sizeBytes = toPbs
          ? Math.round(guest.type === 'qemu' ? guest.diskBytes + 1_900 : used)
          : Math.round(used * 0.45);
        const item = { guest, start: cursor, end: cursor + seconds * SECOND, sizeBytes };
        cursor = item.end + 2 * SECOND;
        return item;
      });
      const { pid, pstart } = taskPid(runKey);
      layout = {
        job,
        node,
        day,
        start,
        end: cursor + SECOND,
        items,
        pid,
        pstart,
        upid: pveUpid(node, runKey, Math.floor(start / 1000), 'vzdump', '', 'root@pam'),
      };
    }
    if (this.#layouts.size > 5_000) this.#layouts.clear();
    this.#layouts.set(key, layout);
    return layout;
  }
}
