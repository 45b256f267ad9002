import type { Point } from '../metrics/store.ts';

const dayMs = 86_400_000;

export interface LinearFit {
  /** Change per day in the series' unit. */
  slopePerDay: number;
  /** The fitted value at `at`. */
  valueAt(at: number): number;
  /** Share of the variance the line explains, 0..1 (1 for a flat series: nothing to explain). */
  fit: number;
  points: number;
  spanMs: number;
}

/** Ordinary least squares of bucket averages over time. Null with fewer than two points. */
export function fitLine(points: readonly Point[]): LinearFit | null {
  const n = points.length;
  const first = points[0];
  const last = points[n - 1];
  if (n < 2 || !first || !last) return null;
  // Days relative to the first point keep the sums small and exact enough.
  const origin = first.t;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += (p.t - origin) / dayMs;
    sy += p.avg;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dx = (p.t - origin) / dayMs - mx;
    const dy = p.avg - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const fit = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return {
    slopePerDay: slope,
    valueAt: (at) => intercept + slope * ((at - origin) / dayMs),
    fit,
    points: n,
    spanMs: last.t - first.t,
  };
}

export interface FullProjection {
  growthPerDay: number;
  daysToFull: number;
  fit: number;
  spanDays: number;
}

/**
 * Days until a used fraction reaches 1 at the fitted growth, counted from `current` (the
 * latest reading). Null when the history is too short, too noisy, flat or shrinking.
 */
export function projectFull(
  points: readonly Point[],
  current: number,
  options: { minSpanMs: number; minPoints: number; minGrowthPerDay: number; minFit: number },
): FullProjection | null {
  const line = fitLine(points);
  if (!line || line.points < options.minPoints || line.spanMs < options.minSpanMs) return null;
  if (line.slopePerDay < options.minGrowthPerDay || line.fit < options.minFit) return null;
  const daysToFull = Math.max(0, (1 - current) / line.slopePerDay);
  return {
    growthPerDay: line.slopePerDay,
    daysToFull,
    fit: line.fit,
    spanDays: line.spanMs / dayMs,
  };
}
