import type Database from 'better-sqlite3';
import type { Point } from './buckets.ts';
import { openMetricsDb } from './db.ts';
import { Head } from './head.ts';
import type { MetricName } from './metric-names.ts';
import { TierProgress } from './progress.ts';
import { HistoryReader } from './query.ts';
import { Rollup } from './rollup.ts';
import { Sealer } from './sealer.ts';
import { defaultTiers, maxPoints, plan, sparklinePoints, type Tier } from './tiers.ts';

export type { Point } from './buckets.ts';

export interface StoreStats {
  series: number;
  /** Raw samples held (sealed blocks and the head), and buckets per coarser tier. */
  rows: Record<Tier['name'], number>;
  bytesOnDisk: number;
  pendingSamples: number;
  retentionMs: Record<Tier['name'], number>;
}

/** Samples waiting for the tail table are written when this many are queued, or on the timer. */
const batchSize = 20_000;
const rowsPerInsert = 200;

const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * The metrics history, in its own SQLite file. New samples go to an in-memory head and, in
 * batched transactions, to a time-major tail table (cheap appends; a crash loses at most the
 * unflushed batch). Every 10 minutes the head is sealed into per-series blocks and minute
 * buckets; minutes roll up into hours and days. Maintenance runs in small steps.
 */
export class MetricsStore {
  readonly #db: Database.Database;
  readonly #tiers: readonly Tier[];
  readonly #head = new Head();
  readonly #progress: TierProgress;
  readonly #sealer: Sealer;
  readonly #rollup: Rollup;
  readonly #reader: HistoryReader;
  readonly #seriesIds = new Map<string, number>();
  /** Flat (second, series, value) triples not yet in the tail table. */
  #pending: number[] = [];
  readonly #insertMany: Database.Statement<number[]>;
  readonly #insertOne: Database.Statement<number[]>;
  readonly #findSeries: Database.Statement<[string, string], { id: number }>;
  readonly #addSeries: Database.Statement<[string, string]>;

  constructor(file: string, tiers: readonly Tier[] = defaultTiers) {
    this.#tiers = tiers;
    this.#db = openMetricsDb(file, tiers);
    this.#progress = new TierProgress(this.#db);
    this.#sealer = new Sealer(this.#db, this.#head, this.#progress);
    this.#rollup = new Rollup(this.#db, tiers, this.#progress);
    this.#reader = new HistoryReader(this.#db, tiers, this.#head, this.#progress);
    this.#insertMany = this.#db.prepare(
      `insert or replace into sample_tail values ${Array(rowsPerInsert).fill('(?, ?, ?)').join(', ')}`,
    );
    this.#insertOne = this.#db.prepare('insert or replace into sample_tail values (?, ?, ?)');
    this.#findSeries = this.#db.prepare(
      'select id from series where resource_id = ? and metric = ?',
    );
    this.#addSeries = this.#db.prepare(
      'insert or ignore into series (resource_id, metric) values (?, ?)',
    );
    this.#loadHead();
  }

  /** Queues one sample; it is visible to queries at once and written with the next batch. */
  record(resourceId: string, metric: MetricName, atMs: number, value: number): void {
    const second = sec(atMs);
    const sealed = this.#sealer.sealedUntil;
    // Too late for a window already sealed into blocks: dropped rather than reopened.
    if (sealed !== null && second < sealed) return;
    const id = this.#seriesId(resourceId, metric);
    this.#head.add(id, second, value);
    this.#pending.push(second, id, value);
    if (this.#pending.length >= batchSize * 3) this.flush();
  }

  /** Writes every queued sample to the tail table in one transaction. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const width = rowsPerInsert * 3;
    this.#db.transaction(() => {
      let i = 0;
      for (; i + width <= batch.length; i += width) {
        this.#insertMany.run(...batch.slice(i, i + width));
      }
      for (; i < batch.length; i += 3) this.#insertOne.run(...batch.slice(i, i + 3));
    })();
  }

  /**
   * One small step of background work (sealing, trimming, rolling up, pruning); returns true
   * while there is more, so callers can yield to the event loop between steps.
   */
  maintainStep(nowMs: number): boolean {
    this.flush();
    return this.#sealer.step(sec(nowMs)) || this.#rollup.step(nowMs);
  }

  /** One series over a range, bucketed to at most a few hundred points. */
  series(resourceId: string, metric: MetricName, rangeMs: number, nowMs: number): Point[] {
    const id = this.#findSeries.get(resourceId, metric)?.id;
    if (id === undefined) return [];
    return this.#many([id], rangeMs, nowMs, maxPoints).get(id) ?? [];
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
      const id = this.#seriesIds.get(seriesKey(resourceId, metric));
      if (id !== undefined) ids.set(id, resourceId);
    }
    const bySeries = this.#many([...ids.keys()], rangeMs, nowMs, sparklinePoints);
    const result = new Map<string, Point[]>(resourceIds.map((r) => [r, []]));
    for (const [id, points] of bySeries) result.set(ids.get(id) ?? '', points);
    return result;
  }

  stats(): StoreStats {
    const count = (sql: string) => (this.#db.prepare(sql).pluck().get() as number | null) ?? 0;
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.#db.pragma('page_size', { simple: true }) as number;
    const rows = Object.fromEntries(
      this.#tiers.map((t) => [
        t.name,
        t.bucketMs === 0
          ? count('select sum(length(data)) / 10 from raw_block') + this.#head.size
          : count(`select count(*) from ${t.table}`),
      ]),
    ) as StoreStats['rows'];
    return {
      series: count('select count(*) from series'),
      rows,
      bytesOnDisk: pages * pageSize,
      pendingSamples: this.#pending.length / 3,
      retentionMs: Object.fromEntries(
        this.#tiers.map((t) => [t.name, t.retentionMs]),
      ) as StoreStats['retentionMs'],
    };
  }

  close(): void {
    this.flush();
    this.#db.close();
  }

  #many(ids: number[], rangeMs: number, nowMs: number, points: number): Map<number, Point[]> {
    const { tier, bucketMs } = plan(this.#tiers, rangeMs, points);
    const width = sec(bucketMs);
    // The newest ceil(range / width) buckets: never more points than asked for.
    const from = (Math.floor(sec(nowMs) / width) + 1 - Math.ceil(sec(rangeMs) / width)) * width;
    const buckets = this.#reader.read(tier, { ids, from, to: sec(nowMs), width });
    const result = new Map<number, Point[]>();
    for (const [id, b] of buckets) result.set(id, b.points());
    return result;
  }

  #seriesId(resourceId: string, metric: MetricName): number {
    const key = seriesKey(resourceId, metric);
    let id = this.#seriesIds.get(key);
    if (id === undefined) {
      this.#addSeries.run(resourceId, metric);
      id = this.#findSeries.get(resourceId, metric)?.id ?? 0;
      this.#seriesIds.set(key, id);
    }
    return id;
  }

  /** After a restart: series ids, and the unsealed samples back into the head. */
  #loadHead(): void {
    const series = this.#db.prepare('select id, resource_id, metric from series').raw().all() as [
      number,
      string,
      string,
    ][];
    for (const [id, resourceId, metric] of series)
      this.#seriesIds.set(`${resourceId}\u0000${metric}`, id);
    const sealed = this.#sealer.sealedUntil ?? 0;
    const rows = this.#db
      .prepare('select ts, series_id, value from sample_tail where ts >= ?')
      .raw()
      .iterate(sealed) as IterableIterator<[number, number, number]>;
    for (const [ts, id, value] of rows) this.#head.add(id, ts, value);
  }
}

function seriesKey(resourceId: string, metric: string): string {
  return `${resourceId}\u0000${metric}`;
}
