/** Storage tiers, finest first: raw samples, then min/max/avg buckets. Retention is data. */
export interface Tier {
  name: 'raw' | '1m' | '1h' | '1d';
  table: string;
  /** Bucket width; 0 for raw samples. */
  bucketMs: number;
  retentionMs: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const defaultTiers: readonly Tier[] = [
  { name: 'raw', table: 'sample_raw', bucketMs: 0, retentionMs: day },
  { name: '1m', table: 'sample_1m', bucketMs: minute, retentionMs: 7 * day },
  { name: '1h', table: 'sample_1h', bucketMs: hour, retentionMs: 90 * day },
  { name: '1d', table: 'sample_1d', bucketMs: day, retentionMs: 730 * day },
];

/** The ranges charts ask for, in milliseconds. */
export const ranges = {
  '5m': 5 * minute,
  '15m': 15 * minute,
  '30m': 30 * minute,
  '1h': hour,
  '4h': 4 * hour,
  '12h': 12 * hour,
  '24h': day,
  '7d': 7 * day,
  '30d': 30 * day,
  '90d': 90 * day,
  '1y': 365 * day,
} as const;

export type RangeName = keyof typeof ranges;

export function isRange(value: string): value is RangeName {
  return Object.hasOwn(ranges, value);
}

/** At most this many points per series: enough for a chart, cheap to send. */
export const maxPoints = 240;
/** Sparklines are a few pixels tall and wide: an hour of them reads minute buckets. */
export const sparklinePoints = 60;

/**
 * The coarsest tier that still holds the whole range and is no coarser than the buckets the
 * chart needs (fewer rows to read), and the bucket width that keeps the series under `points`.
 */
export function plan(
  tiers: readonly Tier[],
  rangeMs: number,
  points = maxPoints,
): { tier: Tier; bucketMs: number } {
  const holding = tiers.filter((t) => t.retentionMs >= rangeMs);
  const wanted = rangeMs / points;
  const tier =
    holding.filter((t) => t.bucketMs <= wanted).at(-1) ?? holding[0] ?? tiers[tiers.length - 1];
  if (!tier) throw new Error('no metrics tiers configured');
  // A whole number of the tier's own buckets, so no stored bucket straddles two points.
  const unit = tier.bucketMs || 1000;
  const bucketMs = Math.max(unit, Math.ceil(rangeMs / points / unit) * unit);
  return { tier, bucketMs };
}

/** Retention per tier, as the user configures it. */
export interface Retention {
  rawHours: number;
  minuteDays: number;
  hourlyDays: number;
  dailyDays: number;
}

export const defaultRetention: Retention = {
  rawHours: 24,
  minuteDays: 7,
  hourlyDays: 90,
  dailyDays: 730,
};

/** The tiers with the given retention; each tier keeps at least as long as the finer one. */
export function tiersFor(retention: Retention): Tier[] {
  const [raw, minuteTier, hourTier, dayTier] = defaultTiers as [Tier, Tier, Tier, Tier];
  const rawMs = retention.rawHours * hour;
  const minuteMs = Math.max(rawMs, retention.minuteDays * day);
  const hourMs = Math.max(minuteMs, retention.hourlyDays * day);
  const dayMs = Math.max(hourMs, retention.dailyDays * day);
  return [
    { ...raw, retentionMs: rawMs },
    { ...minuteTier, retentionMs: minuteMs },
    { ...hourTier, retentionMs: hourMs },
    { ...dayTier, retentionMs: dayMs },
  ];
}
