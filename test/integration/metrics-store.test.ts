import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricsStore } from '../../server/metrics/store.ts';
import { defaultTiers, maxPoints, plan, ranges, tiersFor } from '../../server/metrics/tiers.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.UTC(2026, 10, 1);

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-metrics-'));
  file = join(dir, 'metrics.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function rollAll(store: MetricsStore, now: number) {
  while (store.maintainStep(now)) {
    // each step is small; a server yields to the event loop here
  }
}

describe('tier selection', () => {
  it('picks the finest tier holding the range and keeps series under maxPoints', () => {
    expect(plan(defaultTiers, ranges['1h']).tier.name).toBe('raw');
    // 6-minute points for a day: whole minute buckets give the same min/max/avg, far cheaper.
    expect(plan(defaultTiers, ranges['24h']).tier.name).toBe('1m');
    expect(plan(defaultTiers, ranges['7d']).tier.name).toBe('1m');
    expect(plan(defaultTiers, ranges['30d']).tier.name).toBe('1h');
    expect(plan(defaultTiers, ranges['1y']).tier.name).toBe('1d');
    for (const range of Object.values(ranges)) {
      const { bucketMs } = plan(defaultTiers, range);
      expect(range / bucketMs).toBeLessThanOrEqual(maxPoints);
    }
  });
});

describe('MetricsStore', () => {
  it('buckets raw samples with exact min, max and average', () => {
    const store = new MetricsStore(file);
    // One sample every 10 s for an hour: values 0..359.
    for (let i = 0; i < 360; i += 1) store.record('vm/1', 'cpu', start + i * 10_000, i);
    store.flush();
    const points = store.series('vm/1', 'cpu', hour, start + hour - 1);
    expect(points.length).toBeLessThanOrEqual(maxPoints);
    const all = points.flatMap((p) => [p.min, p.max]);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(359);
    // 15 s buckets hold 1 or 2 samples; every average lies between its min and max.
    for (const p of points) expect(p.avg).toBeGreaterThanOrEqual(p.min);
    store.close();
  });

  it('rolls raw samples up into minute, hour and day buckets without losing min/max/avg', () => {
    const store = new MetricsStore(file);
    // Two hours of samples every 10 s; minute m has the values m*6 .. m*6+5.
    for (let i = 0; i < 720; i += 1) store.record('node/a', 'memory', start + i * 10_000, i);
    store.flush();
    rollAll(store, start + 2 * day);
    // The 7-day view reads minute buckets and regroups them into 42-minute buckets: each must
    // hold exactly the min, max and mean of the inputs that fall in it.
    const weekView = store.series('node/a', 'memory', 7 * day, start + 2 * hour);
    const { bucketMs } = plan(defaultTiers, 7 * day);
    expect(weekView.length).toBeGreaterThan(1);
    for (const p of weekView) {
      const inputs = Array.from({ length: 720 }, (_, i) => i).filter((i) => {
        const at = start + i * 10_000;
        return at >= p.t && at < p.t + bucketMs;
      });
      expect(p.min).toBe(Math.min(...inputs));
      expect(p.max).toBe(Math.max(...inputs));
      expect(p.avg).toBeCloseTo(inputs.reduce((a, b) => a + b, 0) / inputs.length, 9);
    }
    // Ten days reads the hour tier with one-hour buckets.
    const monthView = store.series('node/a', 'memory', 10 * day, start + 2 * hour);
    expect(monthView.map((p) => [p.min, p.max, p.avg])).toEqual([
      [0, 359, 179.5],
      [360, 719, 539.5],
    ]);
    const yearView = store.series('node/a', 'memory', 365 * day, start + 2 * day);
    const yearBucket = plan(defaultTiers, 365 * day).bucketMs;
    expect(yearView).toEqual([
      { t: Math.floor(start / yearBucket) * yearBucket, min: 0, max: 719, avg: 359.5 },
    ]);
    store.close();
  });

  it('prunes each tier after its retention, keeping the coarser history', () => {
    const store = new MetricsStore(file);
    for (let i = 0; i < 60; i += 1) store.record('vm/1', 'cpu', start + i * minute, 0.5);
    store.flush();
    rollAll(store, start + 2 * hour);
    const later = start + 8 * day;
    rollAll(store, later);
    const stats = store.stats();
    expect(stats.rows.raw).toBe(0);
    expect(stats.rows['1m']).toBe(0);
    expect(stats.rows['1h']).toBe(1);
    expect(store.series('vm/1', 'cpu', 30 * day, later)).toEqual([
      { t: start, min: 0.5, max: 0.5, avg: 0.5 },
    ]);
    store.close();
  });

  it('continues the same series after a restart', () => {
    const first = new MetricsStore(file);
    first.record('vm/1', 'cpu', start, 0.1);
    first.close();
    const second = new MetricsStore(file);
    second.record('vm/1', 'cpu', start + 10_000, 0.3);
    second.flush();
    const points = second.series('vm/1', 'cpu', 5 * minute, start + minute);
    expect(points.flatMap((p) => [p.min, p.max])).toEqual(expect.arrayContaining([0.1, 0.3]));
    expect(second.stats().series).toBe(1);
    second.close();
  });

  it('answers a batch of sparklines in one call, with empty series for unknown resources', () => {
    const store = new MetricsStore(file);
    for (let g = 0; g < 50; g += 1) {
      for (let i = 0; i < 30; i += 1) store.record(`vm/${g}`, 'cpu', start + i * 10_000, g / 100);
    }
    store.flush();
    const ids = [...Array.from({ length: 50 }, (_, g) => `vm/${g}`), 'vm/missing'];
    const lines = store.batch(ids, 'cpu', 5 * minute, start + 5 * minute);
    expect(lines.size).toBe(51);
    expect(lines.get('vm/missing')).toEqual([]);
    expect(lines.get('vm/7')?.every((p) => p.avg === 0.07)).toBe(true);
    store.close();
  });

  it('reads one series across sealed blocks, minute buckets and the unsealed head', () => {
    const store = new MetricsStore(file);
    // 30 minutes, one sample every 10 s: value = sample index.
    for (let i = 0; i < 180; i += 1) store.record('vm/1', 'cpu', start + i * 10_000, i);
    // 25 minutes in: the first two 10-minute windows are sealed, the rest stays in memory.
    rollAll(store, start + 25 * minute);
    const stats = store.stats();
    expect(stats.rows['1m']).toBe(20);
    expect(stats.rows.raw).toBe(180);
    const now = start + 30 * minute - 1;
    const raw = store.series('vm/1', 'cpu', ranges['30m'], now);
    expect(raw.reduce((n, p) => n + (p.max - p.min + 1), 0)).toBe(180);
    expect(raw.at(-1)?.max).toBe(179);
    // The 1h sparkline reads minute buckets where sealed, and the head for the newest ten.
    const line = store.batch(['vm/1'], 'cpu', ranges['1h'], now).get('vm/1') ?? [];
    expect(line).toHaveLength(30);
    line.forEach((p, m) => {
      expect([p.min, p.max, p.avg]).toEqual([m * 6, m * 6 + 5, m * 6 + 2.5]);
    });
    store.close();
  });

  it('after a restart, reloads only unsealed samples and drops late ones for sealed windows', () => {
    const first = new MetricsStore(file);
    for (let i = 0; i < 90; i += 1) first.record('vm/1', 'cpu', start + i * 10_000, i);
    rollAll(first, start + 12 * minute);
    first.close();
    const second = new MetricsStore(file);
    expect(second.stats().rows.raw).toBe(90);
    // Sealed at 10 minutes: a late sample for minute 3 is refused, a new one lands.
    second.record('vm/1', 'cpu', start + 3 * minute, 1_000);
    second.record('vm/1', 'cpu', start + 15 * minute, 2_000);
    const points = second.series('vm/1', 'cpu', ranges['30m'], start + 20 * minute);
    const values = points.flatMap((p) => [p.min, p.max]);
    expect(values).not.toContain(1_000);
    expect(values).toContain(2_000);
    second.close();
  });

  it('keeps each tier as long as the configured retention says', () => {
    const tiers = tiersFor({ rawHours: 2, minuteDays: 1, hourlyDays: 3, dailyDays: 10 });
    expect(tiers.map((t) => t.retentionMs)).toEqual([2 * hour, day, 3 * day, 10 * day]);
    // 24h no longer fits the raw tier, and a coarser tier never keeps less than a finer one.
    expect(plan(tiers, ranges['24h']).tier.name).toBe('1m');
    expect(
      tiersFor({ rawHours: 48, minuteDays: 1, hourlyDays: 1, dailyDays: 1 })[3]?.retentionMs,
    ).toBe(2 * day);
    const store = new MetricsStore(file, tiers);
    for (let i = 0; i < 60; i += 1) store.record('vm/1', 'cpu', start + i * minute, 0.25);
    rollAll(store, start + 2 * hour);
    rollAll(store, start + 4 * day);
    const stats = store.stats();
    expect([stats.rows.raw, stats.rows['1m'], stats.rows['1h'], stats.rows['1d']]).toEqual([
      0, 0, 0, 1,
    ]);
    store.close();
  });
});
