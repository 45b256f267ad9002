/**
 * Deterministic randomness. Live values are pure functions of (seed, key, time), so any
 * reading can be computed lazily at request time and repeats exactly for the same clock.
 */

/** mulberry32: a small seeded PRNG for building the estate plan. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer hash of two 32-bit values (murmur3 finaliser over a combined word). */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string, for turning names into hash keys once. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function keyOf(seed: number, ...parts: (string | number)[]): number {
  let h = seed >>> 0;
  for (const part of parts) h = mix(h, typeof part === 'number' ? part | 0 : hashString(part));
  return h;
}

/** A uniform number in [0, 1) for (key, n). */
export function unit(key: number, n: number): number {
  return mix(key, n) / 4294967296;
}

/** Value noise in [0, 1): smooth (cosine-interpolated) between random points `periodMs` apart. */
export function smooth(key: number, timeMs: number, periodMs: number): number {
  const x = timeMs / periodMs;
  const i = Math.floor(x);
  const f = x - i;
  const a = unit(key, i);
  const b = unit(key, i + 1);
  const s = (1 - Math.cos(Math.PI * f)) / 2;
  return a + (b - a) * s;
}

/** Two octaves of value noise, still in [0, 1): slow drift plus short wobble. */
export function wander(key: number, timeMs: number, periodMs: number): number {
  return 0.7 * smooth(key, timeMs, periodMs) + 0.3 * smooth(mix(key, 7), timeMs, periodMs / 5);
}

/**
 * A throughput with a closed-form integral, so cumulative counters never need history:
 * rate(t) = base · (1 + a1·sin(w1·t + p1) + a2·sin(w2·t + p2)) with a1 + a2 < 1 (always > 0).
 */
export interface Wave {
  base: number;
  a1: number;
  w1: number;
  p1: number;
  a2: number;
  w2: number;
  p2: number;
}

export function makeWave(key: number, base: number): Wave {
  const hour = 3600;
  return {
    base,
    a1: 0.45,
    w1: (2 * Math.PI) / (hour * (2 + 6 * unit(key, 1))),
    p1: 2 * Math.PI * unit(key, 2),
    a2: 0.3,
    w2: (2 * Math.PI) / (60 * (5 + 25 * unit(key, 3))),
    p2: 2 * Math.PI * unit(key, 4),
  };
}

/** Bytes per second at `sec` (epoch seconds). */
export function waveRate(w: Wave, sec: number): number {
  return w.base * (1 + w.a1 * Math.sin(w.w1 * sec + w.p1) + w.a2 * Math.sin(w.w2 * sec + w.p2));
}

/** Bytes transferred between two epoch seconds: the exact integral of `waveRate`. */
export function waveBytes(w: Wave, fromSec: number, toSec: number): number {
  if (toSec <= fromSec) return 0;
  const c1 = (w.a1 / w.w1) * (Math.cos(w.w1 * fromSec + w.p1) - Math.cos(w.w1 * toSec + w.p1));
  const c2 = (w.a2 / w.w2) * (Math.cos(w.w2 * fromSec + w.p2) - Math.cos(w.w2 * toSec + w.p2));
  return Math.max(0, w.base * (toSec - fromSec + c1 + c2));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Pick from a non-empty list; the fallback only satisfies noUncheckedIndexedAccess. */
export function pick<T>(list: readonly T[], r: number): T {
  const item = list[Math.floor(r * list.length) % list.length];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

export function hex(value: number, width = 8): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(width, '0');
}
