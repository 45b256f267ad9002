import type { Samples } from './block.ts';

/** A bucket being summed up: min, max, sum and count, so partial buckets can be merged. */
export interface Bucket {
  /** Bucket start, epoch seconds. */
  t: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

export interface Point {
  /** Bucket start, epoch ms. */
  t: number;
  min: number;
  max: number;
  avg: number;
}

/** Buckets by start second; merging keeps min, max and the count-weighted average exact. */
export class Buckets {
  readonly #byStart = new Map<number, Bucket>();

  add(bucket: Bucket): void {
    const current = this.#byStart.get(bucket.t);
    if (!current) {
      this.#byStart.set(bucket.t, { ...bucket });
      return;
    }
    current.min = Math.min(current.min, bucket.min);
    current.max = Math.max(current.max, bucket.max);
    current.sum += bucket.sum;
    current.count += bucket.count;
  }

  /** Adds raw samples into buckets `width` seconds wide. */
  addSamples(samples: Samples, width: number): void {
    let open: Bucket | null = null;
    for (let i = 0; i < samples.ts.length; i += 1) {
      const t = Math.floor((samples.ts[i] ?? 0) / width) * width;
      const value = samples.values[i] ?? 0;
      if (open && open.t === t) {
        if (value < open.min) open.min = value;
        if (value > open.max) open.max = value;
        open.sum += value;
        open.count += 1;
        continue;
      }
      if (open) this.add(open);
      open = { t, min: value, max: value, sum: value, count: 1 };
    }
    if (open) this.add(open);
  }

  list(): Bucket[] {
    return [...this.#byStart.values()].sort((a, b) => a.t - b.t);
  }

  points(): Point[] {
    return this.list().map((b) => ({
      t: b.t * 1000,
      min: b.min,
      max: b.max,
      avg: b.sum / b.count,
    }));
  }
}
