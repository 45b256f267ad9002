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
/** Sparklines are a few pixels tall and wide: fewer points keep a 2,000-row batch fast. */
export const sparklinePoints = 40;

/**
 * The finest tier that still holds the whole range, and the bucket width that keeps the
 * series under maxPoints.
 */
export function plan(
  tiers: readonly Tier[],
  rangeMs: number,
  points = maxPoints,
): { tier: Tier; bucketMs: number } {
  const tier = tiers.find((t) => t.retentionMs >= rangeMs) ?? tiers[tiers.length - 1];
  if (!tier) throw new Error('no metrics tiers configured');
  // A whole number of the tier's own buckets, so no stored bucket straddles two points.
  const unit = tier.bucketMs || 1000;
  const bucketMs = Math.max(unit, Math.ceil(rangeMs / points / unit) * unit);
  return { tier, bucketMs };
}
