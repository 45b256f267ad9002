import Database from 'better-sqlite3';
import type { MetricName } from './metric-names.ts';
import { defaultTiers, maxPoints, plan, sparklinePoints, type Tier } from './tiers.ts';

export interface Point {
  /** Bucket start, epoch ms. */
  t: number;
  min: number;
  max: number;
  avg: number;
}

export interface StoreStats {
  series: number;
  rows: Record<Tier['name'], number>;
  bytesOnDisk: number;
  pendingSamples: number;
}

/** Buffered samples are written when this many are waiting, or on the flush timer. */
const batchSize = 5_000;
/** About how many source rows one rollup step reads, so a step stays a few milliseconds. */
const rowsPerStep = 10_000;
const pruneChunk = 5_000;
const rowsPerInsert = 100;

const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * The metrics history: its own SQLite file (WAL), one row per raw sample keyed by
 * (series, second) in a WITHOUT ROWID table, and min/max/avg/count buckets per coarser tier.
 * Writes are batched in one transaction; a crash loses at most the unflushed batch.
 */
export class MetricsStore {
  readonly #db: Database.Database;
  readonly #tiers: readonly Tier[];
  readonly #seriesIds = new Map<string, number>();
  /** Per tier, the last series rolled up in the window in progress. */
  readonly #seriesCursor = new Map<Tier['name'], number>();
  #pending: [number, number, number][] = [];
  readonly #insert: Database.Statement<[number, number, number]>;
  readonly #insertMany: Database.Statement<number[]>;
  readonly #findSeries: Database.Statement<[string, string], { id: number }>;
  readonly #addSeries: Database.Statement<[string, string]>;

  constructor(file: string, tiers: readonly Tier[] = defaultTiers) {
    this.#tiers = tiers;
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // Each poll appends to thousands of series at once: keep their tail pages in memory.
    this.#db.pragma('cache_size = -65536');
    this.#db.exec(`
      create table if not exists series (
        id integer primary key, resource_id text not null, metric text not null,
        unique (resource_id, metric));
      create table if not exists sample_raw (
        series_id integer not null, ts integer not null, value real not null,
        primary key (series_id, ts)) without rowid;
      create table if not exists rollup_state (tier text primary key, done_until integer not null);
    `);
    for (const tier of tiers.slice(1)) {
      this.#db.exec(`create table if not exists ${tier.table} (
        series_id integer not null, ts integer not null, min real not null, max real not null,
        avg real not null, count integer not null, primary key (series_id, ts)) without rowid`);
    }
    this.#insert = this.#db.prepare('insert or replace into sample_raw values (?, ?, ?)');
    // One statement per hundred rows: far fewer trips through the SQLite binding.
    this.#insertMany = this.#db.prepare(
      `insert or replace into sample_raw values ${Array(rowsPerInsert).fill('(?, ?, ?)').join(', ')}`,
    );
    this.#findSeries = this.#db.prepare(
      'select id from series where resource_id = ? and metric = ?',
    );
    this.#addSeries = this.#db.prepare(
      'insert or ignore into series (resource_id, metric) values (?, ?)',
    );
  }

  /** Queues one sample; written with the next batch. */
  record(resourceId: string, metric: MetricName, atMs: number, value: number): void {
    this.#pending.push([this.#seriesId(resourceId, metric), sec(atMs), value]);
    if (this.#pending.length >= batchSize) this.flush();
  }

  /** Writes every queued sample in one transaction. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#db.transaction(() => {
      let i = 0;
      for (; i + rowsPerInsert <= batch.length; i += rowsPerInsert) {
        this.#insertMany.run(...batch.slice(i, i + rowsPerInsert).flat());
      }
      for (; i < batch.length; i += 1) {
        const row = batch[i];
        if (row) this.#insert.run(...row);
      }
    })();
  }

  /**
   * Rolls complete buckets up into the coarser tiers, one small step at a time; returns true
   * while there is more to do, so callers can yield to the event loop between steps.
   */
  rollupStep(nowMs: number): boolean {
    for (const [i, tier] of this.#tiers.entries()) {
      const source = this.#tiers[i - 1];
      if (!source) continue;
      const bucket = sec(tier.bucketMs);
      const until = Math.floor(sec(nowMs) / bucket) * bucket;
      const done = this.#doneUntil(tier, source);
      if (done === null || done >= until) continue;
      // One bucket of time, for as many series as keep the step small; the window is marked
      // done only when its last series chunk is in (re-running a chunk is harmless).
      const perSeries = Math.max(1, bucket / Math.max(10, sec(source.bucketMs)));
      const chunk = Math.max(1, Math.floor(rowsPerStep / perSeries));
      const fromSeries = this.#seriesCursor.get(tier.name) ?? 0;
      const lastSeries = this.#rollup(tier, source, done, done + bucket, bucket, fromSeries, chunk);
      if (lastSeries === null) {
        this.#seriesCursor.delete(tier.name);
        this.#db
          .prepare('insert or replace into rollup_state (tier, done_until) values (?, ?)')
          .run(tier.name, done + bucket);
      } else {
        this.#seriesCursor.set(tier.name, lastSeries);
      }
      return true;
    }
    return false;
  }

  /** Deletes one chunk of expired rows; returns true while there is more to delete. */
  pruneStep(nowMs: number): boolean {
    for (const tier of this.#tiers) {
      const cutoff = sec(nowMs - tier.retentionMs);
      const result = this.#db
        .prepare(
          `delete from ${tier.table} where (series_id, ts) in
             (select series_id, ts from ${tier.table} where ts < ? limit ${pruneChunk})`,
        )
        .run(cutoff);
      if (result.changes >= pruneChunk) return true;
    }
    return false;
  }

  /** One series over a range, bucketed to at most a few hundred points. */
  series(resourceId: string, metric: MetricName, rangeMs: number, nowMs: number): Point[] {
    const id = this.#findSeries.get(resourceId, metric)?.id;
    if (id === undefined) return [];
    return this.many([id], rangeMs, nowMs).get(id) ?? [];
  }

  /** Many resources' series of one metric in one query (sparklines). */
  batch(
    resourceIds: readonly string[],
    metric: MetricName,
    rangeMs: number,
    nowMs: number,
  ): Map<string, Point[]> {
    const ids = new Map<number, string>();
    for (const resourceId of resourceIds) {
      const id = this.#findSeries.get(resourceId, metric)?.id;
      if (id !== undefined) ids.set(id, resourceId);
    }
    const bySeries = this.many([...ids.keys()], rangeMs, nowMs, sparklinePoints);
    const result = new Map<string, Point[]>(resourceIds.map((r) => [r, []]));
    for (const [id, points] of bySeries) result.set(ids.get(id) ?? '', points);
    return result;
  }

  many(
    seriesIds: readonly number[],
    rangeMs: number,
    nowMs: number,
    points = maxPoints,
  ): Map<number, Point[]> {
    const result = new Map<number, Point[]>();
    if (seriesIds.length === 0) return result;
    const { tier, bucketMs } = plan(this.#tiers, rangeMs, points);
    const bucket = sec(bucketMs);
    const [min, max, avg] =
      tier.bucketMs === 0
        ? ['value', 'value', 'value']
        : ['min', 'max', 'sum(avg * count) / sum(count)'];
    const placeholders = seriesIds.map(() => '?').join(',');
    const rows = this.#db
      .prepare(
        `select series_id as s, (ts / ${bucket}) * ${bucket} as t, min(${min}) as lo, max(${max}) as hi,
                ${tier.bucketMs === 0 ? 'avg(value)' : avg} as mean
           from ${tier.table}
          where series_id in (${placeholders}) and ts >= ? and ts <= ?
          group by series_id, ts / ${bucket} order by series_id, t`,
      )
      .all(...seriesIds, sec(nowMs - rangeMs), sec(nowMs)) as {
      s: number;
      t: number;
      lo: number;
      hi: number;
      mean: number;
    }[];
    for (const row of rows) {
      let points = result.get(row.s);
      if (!points) {
        points = [];
        result.set(row.s, points);
      }
      points.push({ t: row.t * 1000, min: row.lo, max: row.hi, avg: row.mean });
    }
    return result;
  }

  stats(): StoreStats {
    const count = (table: string) =>
      (this.#db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.#db.pragma('page_size', { simple: true }) as number;
    return {
      series: count('series'),
      rows: Object.fromEntries(
        this.#tiers.map((t) => [t.name, count(t.table)]),
      ) as StoreStats['rows'],
      bytesOnDisk: pages * pageSize,
      pendingSamples: this.#pending.length,
    };
  }

  close(): void {
    this.flush();
    this.#db.close();
  }

  #seriesId(resourceId: string, metric: MetricName): number {
    const key = `${resourceId}\u0000${metric}`;
    let id = this.#seriesIds.get(key);
    if (id === undefined) {
      this.#addSeries.run(resourceId, metric);
      id = this.#findSeries.get(resourceId, metric)?.id ?? 0;
      this.#seriesIds.set(key, id);
    }
    return id;
  }

  /** Where this tier's rollup stopped; first time: the oldest source row's bucket. */
  #doneUntil(tier: Tier, source: Tier): number | null {
    const state = this.#db
      .prepare('select done_until as d from rollup_state where tier = ?')
      .get(tier.name) as { d: number } | undefined;
    if (state) return state.d;
    const first = this.#db.prepare(`select min(ts) as m from ${source.table}`).get() as {
      m: number | null;
    };
    if (first.m === null) return null;
    const bucket = sec(tier.bucketMs);
    return Math.floor(first.m / bucket) * bucket;
  }

  /** Rolls up one time window for series after `afterSeries`; returns the last series done, or null at the end. */
  #rollup(
    tier: Tier,
    source: Tier,
    from: number,
    to: number,
    bucket: number,
    afterSeries: number,
    chunk: number,
  ): number | null {
    const ids = this.#db
      .prepare('select id from series where id > ? order by id limit ?')
      .pluck()
      .all(afterSeries, chunk) as number[];
    if (ids.length === 0) return null;
    const select =
      source.bucketMs === 0
        ? 'min(value), max(value), avg(value), count(*)'
        : 'min(min), max(max), sum(avg * count) / sum(count), sum(count)';
    this.#db
      .prepare(
        `insert or replace into ${tier.table}
         select series_id, (ts / ${bucket}) * ${bucket}, ${select}
           from series join ${source.table} on series_id = series.id and ts >= ? and ts < ?
          where series.id between ? and ?
          group by series_id, ts / ${bucket}`,
      )
      .run(from, to, ids[0], ids[ids.length - 1]);
    return ids[ids.length - 1] ?? null;
  }
}
