import type Database from 'better-sqlite3';
import { blockSeconds, decodeBlock, type Samples } from './block.ts';
import { type Bucket, Buckets } from './buckets.ts';
import type { Head } from './head.ts';
import type { TierProgress } from './progress.ts';
import type { Tier } from './tiers.ts';

/** Series per SQL statement, well under SQLite's bound-parameter limit. */
const idsPerQuery = 500;

interface Span {
  ids: readonly number[];
  /** Seconds, inclusive. */
  from: number;
  to: number;
  /** Bucket width in seconds. */
  width: number;
}

/**
 * Reads buckets of many series from one tier, and the part of the range that tier does not
 * hold yet (its newest buckets) from the next finer tier, down to the in-memory head.
 */
export class HistoryReader {
  readonly #db: Database.Database;
  readonly #tiers: readonly Tier[];
  readonly #head: Head;
  readonly #progress: TierProgress;

  constructor(db: Database.Database, tiers: readonly Tier[], head: Head, progress: TierProgress) {
    this.#db = db;
    this.#tiers = tiers;
    this.#head = head;
    this.#progress = progress;
  }

  read(tier: Tier, span: Span): Map<number, Buckets> {
    const out = new Map<number, Buckets>(span.ids.map((id) => [id, new Buckets()]));
    this.#collect(this.#tiers.indexOf(tier), span, out);
    return out;
  }

  #collect(tierIndex: number, span: Span, out: Map<number, Buckets>): void {
    const tier = this.#tiers[tierIndex];
    if (!tier || tier.bucketMs === 0) {
      this.#collectRaw(span, out);
      return;
    }
    const done = this.#progress.doneUntil(tier.name) ?? span.from;
    const storedTo = Math.min(span.to + 1, done);
    if (storedTo > span.from) this.#collectStored(tier, { ...span, to: storedTo - 1 }, out);
    if (storedTo <= span.to) {
      this.#collect(tierIndex - 1, { ...span, from: Math.max(span.from, storedTo) }, out);
    }
  }

  #collectStored(tier: Tier, span: Span, out: Map<number, Buckets>): void {
    const w = span.width;
    // Points as wide as the tier's buckets need no regrouping: read the rows as they are.
    const select =
      w === tier.bucketMs / 1000
        ? 'series_id, ts, min, max, avg * count, count'
        : `series_id, (ts / ${w}) * ${w}, min(min), max(max), sum(avg * count), sum(count)`;
    const group = w === tier.bucketMs / 1000 ? '' : `group by series_id, ts / ${w}`;
    for (const ids of slices(span.ids)) {
      const rows = this.#db
        .prepare(
          `select ${select} from ${tier.table}
            where series_id in (${ids.map(() => '?').join(',')}) and ts >= ? and ts <= ? ${group}`,
        )
        .raw()
        .all(...ids, span.from, span.to) as [number, number, number, number, number, number][];
      for (const [id, t, min, max, sum, count] of rows) {
        out.get(id)?.add({ t, min, max, sum, count } satisfies Bucket);
      }
    }
  }

  #collectRaw(span: Span, out: Map<number, Buckets>): void {
    const sealed = this.#progress.doneUntil('1m');
    if (sealed !== null && span.from < sealed) {
      const firstBlock = Math.floor(span.from / blockSeconds) * blockSeconds;
      for (const ids of slices(span.ids)) {
        const rows = this.#db
          .prepare(
            `select series_id, start_ts, data from raw_block
              where series_id in (${ids.map(() => '?').join(',')}) and start_ts >= ? and start_ts <= ?`,
          )
          .raw()
          .all(...ids, firstBlock, span.to) as [number, number, Buffer][];
        for (const [id, start, data] of rows) {
          out.get(id)?.addSamples(within(decodeBlock(start, data), span), span.width);
        }
      }
    }
    for (const id of span.ids) {
      out.get(id)?.addSamples(this.#head.range(id, span.from, span.to), span.width);
    }
  }
}

function* slices(ids: readonly number[]): Generator<number[]> {
  for (let i = 0; i < ids.length; i += idsPerQuery) yield ids.slice(i, i + idsPerQuery);
}

function within(samples: Samples, span: Span): Samples {
  const first = samples.ts[0];
  const last = samples.ts.at(-1);
  if (first !== undefined && last !== undefined && first >= span.from && last <= span.to) {
    return samples;
  }
  const kept: Samples = { ts: [], values: [] };
  for (let i = 0; i < samples.ts.length; i += 1) {
    const t = samples.ts[i] ?? 0;
    if (t >= span.from && t <= span.to) {
      kept.ts.push(t);
      kept.values.push(samples.values[i] ?? 0);
    }
  }
  return kept;
}
