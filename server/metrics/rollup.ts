import type Database from 'better-sqlite3';
import { blockSeconds } from './block.ts';
import type { TierProgress } from './progress.ts';
import type { Tier } from './tiers.ts';

/** About how many source rows one step reads, so a step stays a few milliseconds. */
const rowsPerStep = 4_000;
/** Series whose expired rows one prune step deletes (a seek per series and table). */
const seriesPerPrune = 500;
const pruneEverySeconds = 3_600;

const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * Rolls the minute tier up into hours and hours into days, one bucket window and a slice of
 * series per step; and prunes every tier (and raw blocks) past its retention once an hour.
 */
export class Rollup {
  readonly #db: Database.Database;
  readonly #tiers: readonly Tier[];
  readonly #progress: TierProgress;
  /** Per tier, the last series rolled up in the window in progress. */
  readonly #cursor = new Map<string, number>();
  #prune: { table: number; afterSeries: number } | null = null;
  #nextPruneAt = 0;

  constructor(db: Database.Database, tiers: readonly Tier[], progress: TierProgress) {
    this.#db = db;
    this.#tiers = tiers;
    this.#progress = progress;
  }

  step(nowMs: number): boolean {
    return this.#rollupStep(nowMs) || this.#pruneStep(nowMs);
  }

  #rollupStep(nowMs: number): boolean {
    // The minute tier is written when raw windows are sealed; rollups start from it.
    for (const [i, tier] of this.#tiers.entries()) {
      const source = this.#tiers[i - 1];
      if (i < 2 || !source) continue;
      const bucket = sec(tier.bucketMs);
      const sourceDone = this.#progress.doneUntil(source.name);
      if (sourceDone === null) continue;
      const until = Math.floor(Math.min(sec(nowMs), sourceDone) / bucket) * bucket;
      const done = this.#progress.doneUntil(tier.name) ?? this.#start(tier, source, bucket);
      if (done === null || done >= until) continue;
      this.#rollupSlice(tier, source, done, bucket);
      return true;
    }
    return false;
  }

  #rollupSlice(tier: Tier, source: Tier, from: number, bucket: number): void {
    const perSeries = Math.max(1, bucket / sec(source.bucketMs));
    const chunk = Math.max(1, Math.floor(rowsPerStep / perSeries));
    const after = this.#cursor.get(tier.name) ?? 0;
    const ids = this.#db
      .prepare('select id from series where id > ? order by id limit ?')
      .pluck()
      .all(after, chunk) as number[];
    const firstId = ids[0];
    const lastId = ids.at(-1);
    this.#db.transaction(() => {
      if (firstId !== undefined && lastId !== undefined) {
        this.#db
          .prepare(
            `insert or replace into ${tier.table}
             select series_id, ?, min(min), max(max), sum(avg * count) / sum(count), sum(count)
               from series join ${source.table} on series_id = series.id and ts >= ? and ts < ?
              where series.id between ? and ?
              group by series_id`,
          )
          .run(from, from, from + bucket, firstId, lastId);
      }
      // The window is done only when its last slice of series is in.
      if (ids.length < chunk) this.#progress.set(tier.name, from + bucket);
    })();
    if (ids.length < chunk) this.#cursor.delete(tier.name);
    else this.#cursor.set(tier.name, lastId ?? after);
  }

  /**
   * Before any rollup: the bucket of the source tier's oldest row. Found by a full scan, so it
   * is recorded at once rather than looked up again on every step.
   */
  #start(tier: Tier, source: Tier, bucket: number): number | null {
    const first = this.#db.prepare(`select min(ts) from ${source.table}`).pluck().get() as
      | number
      | null;
    if (first === null) return null;
    const start = Math.floor(first / bucket) * bucket;
    this.#db.transaction(() => this.#progress.set(tier.name, start))();
    return start;
  }

  #pruneStep(nowMs: number): boolean {
    if (!this.#prune) {
      if (nowMs < this.#nextPruneAt) return false;
      this.#prune = { table: 0, afterSeries: 0 };
    }
    const prune = this.#prune;
    const tier = this.#tiers[prune.table];
    if (!tier) {
      this.#prune = null;
      this.#nextPruneAt = nowMs + pruneEverySeconds * 1000;
      return false;
    }
    const cutoff = sec(nowMs - tier.retentionMs);
    const ids = this.#db
      .prepare('select id from series where id > ? order by id limit ?')
      .pluck()
      .all(prune.afterSeries, seriesPerPrune) as number[];
    const [first, last] = [ids[0], ids.at(-1)];
    if (first !== undefined && last !== undefined) {
      // Raw blocks go when their whole window has expired.
      const [table, column, limit] =
        tier.bucketMs === 0
          ? ['raw_block', 'start_ts', cutoff - blockSeconds + 1]
          : [tier.table, 'ts', cutoff];
      this.#db
        .prepare(`delete from ${table} where series_id between ? and ? and ${column} < ?`)
        .run(first, last, limit);
    }
    if (ids.length < seriesPerPrune) this.#prune = { table: prune.table + 1, afterSeries: 0 };
    else prune.afterSeries = last ?? prune.afterSeries;
    return true;
  }
}
