import type { Samples } from './block.ts';

/**
 * The raw samples not yet sealed into blocks, per series, in memory (their durable copy is
 * the `sample_tail` table). Samples stay sorted by time; one per series and second.
 */
export class Head {
  readonly #series = new Map<number, Samples>();

  add(seriesId: number, second: number, value: number): void {
    let samples = this.#series.get(seriesId);
    if (!samples) {
      samples = { ts: [], values: [] };
      this.#series.set(seriesId, samples);
    }
    const last = samples.ts.length - 1;
    const lastTs = samples.ts[last];
    if (lastTs === undefined || second > lastTs) {
      samples.ts.push(second);
      samples.values.push(value);
      return;
    }
    // Rare: a late or repeated sample. Keep order, and the newest value for a second.
    const at = lowerBound(samples.ts, second);
    if (samples.ts[at] === second) samples.values[at] = value;
    else {
      samples.ts.splice(at, 0, second);
      samples.values.splice(at, 0, value);
    }
  }

  /** The samples of one series in [from, to] seconds. */
  range(seriesId: number, from: number, to: number): Samples {
    const samples = this.#series.get(seriesId);
    if (!samples) return { ts: [], values: [] };
    const start = lowerBound(samples.ts, from);
    const end = lowerBound(samples.ts, to + 1);
    return { ts: samples.ts.slice(start, end), values: samples.values.slice(start, end) };
  }

  /** Series holding samples before `second`, ascending by id. */
  seriesBefore(second: number): number[] {
    const ids: number[] = [];
    for (const [id, samples] of this.#series) {
      if ((samples.ts[0] ?? Number.POSITIVE_INFINITY) < second) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  /** The earliest sample time held, or null when empty. */
  earliest(): number | null {
    let earliest: number | null = null;
    for (const samples of this.#series.values()) {
      const first = samples.ts[0];
      if (first !== undefined && (earliest === null || first < earliest)) earliest = first;
    }
    return earliest;
  }

  /** Drops one series' samples before `second` (they have been sealed). */
  dropBefore(seriesId: number, second: number): void {
    const samples = this.#series.get(seriesId);
    if (!samples) return;
    const cut = lowerBound(samples.ts, second);
    if (cut === samples.ts.length) {
      this.#series.delete(seriesId);
      return;
    }
    samples.ts.splice(0, cut);
    samples.values.splice(0, cut);
  }

  get size(): number {
    let n = 0;
    for (const samples of this.#series.values()) n += samples.ts.length;
    return n;
  }
}

/** The first index whose value is >= target. */
export function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
