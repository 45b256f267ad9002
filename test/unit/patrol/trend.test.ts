import { describe, expect, it } from 'vitest';
import type { Point } from '../../../server/metrics/store.ts';
import { fitLine, projectFull } from '../../../server/patrol/trend.ts';

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.UTC(2026, 10, 20, 12);
const options = { minSpanMs: day, minPoints: 6, minGrowthPerDay: 0.001, minFit: 0.3 };

/** Bucket averages every `stepMs` over `spanMs`, ending at `now` with `end`, changing by `perDay`. */
function series(end: number, perDay: number, spanMs = 7 * day, stepMs = 3 * hour): Point[] {
  const points: Point[] = [];
  for (let t = now - spanMs; t <= now; t += stepMs) {
    const value = end - (perDay * (now - t)) / day;
    points.push({ t, min: value, max: value, avg: value });
  }
  return points;
}

describe('least-squares projection of time to full', () => {
  it('a series growing 2% a day that is 80% full now projects about 10 days', () => {
    const projection = projectFull(series(0.8, 0.02), 0.8, options);
    expect(projection?.growthPerDay).toBeCloseTo(0.02, 6);
    expect(projection?.daysToFull).toBeCloseTo(10, 6);
    expect(projection?.fit).toBeCloseTo(1, 6);
    expect(projection?.spanDays).toBeCloseTo(7, 6);
  });

  it('a flat series projects nothing', () => {
    expect(projectFull(series(0.8, 0), 0.8, options)).toBeNull();
    expect(fitLine(series(0.8, 0))?.slopePerDay).toBeCloseTo(0, 9);
  });

  it('a shrinking series projects nothing', () => {
    expect(projectFull(series(0.6, -0.01), 0.6, options)).toBeNull();
  });

  it('less than the minimum span or points of history projects nothing', () => {
    expect(projectFull(series(0.8, 0.02, 12 * hour, hour), 0.8, options)).toBeNull();
    expect(projectFull(series(0.8, 0.02, 2 * day, day), 0.8, options)).toBeNull();
    expect(fitLine([])).toBeNull();
  });

  it('noise around a flat line is not mistaken for growth', () => {
    const noisy = series(0.5, 0).map((p, i) => {
      const v = p.avg + (i % 2 === 0 ? 0.05 : -0.05);
      return { ...p, min: v, max: v, avg: v };
    });
    expect(projectFull(noisy, 0.5, options)).toBeNull();
  });

  it('counts from the current reading, not the fitted line', () => {
    // Grew 1%/day to 90%, now at 95% after a jump: 5 days left at 1%/day.
    const projection = projectFull(series(0.9, 0.01), 0.95, options);
    expect(projection?.daysToFull).toBeCloseTo(5, 6);
  });
});
