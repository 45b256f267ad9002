import { bytes, percent, rate } from '../../format.ts';
import type { Resource } from '../../stores/resources.svelte.ts';

/** The metric names the server records; units are in the names. */
export type MetricName =
  | 'cpu'
  | 'memory'
  | 'memoryUsedBytes'
  | 'disk'
  | 'diskUsedBytes'
  | 'netInBytesPerSecond'
  | 'netOutBytesPerSecond'
  | 'diskReadBytesPerSecond'
  | 'diskWriteBytesPerSecond'
  | 'load1'
  | 'swap';

/** One chart: a title and the one or two metrics it draws. */
export interface ChartSpec {
  title: string;
  metrics: readonly { metric: MetricName; label: string }[];
}

/** The traffic charts every machine and guest page shows. */
export const networkChart: ChartSpec = {
  title: 'Network',
  metrics: [
    { metric: 'netInBytesPerSecond', label: 'In' },
    { metric: 'netOutBytesPerSecond', label: 'Out' },
  ],
};
export const diskIoChart: ChartSpec = {
  title: 'Disk I/O',
  metrics: [
    { metric: 'diskReadBytesPerSecond', label: 'Read' },
    { metric: 'diskWriteBytesPerSecond', label: 'Write' },
  ],
};

export type MetricUnit = 'fraction' | 'rate' | 'bytes' | 'plain';

export const ranges = ['1h', '4h', '24h', '7d', '30d'] as const;
export type RangeName = (typeof ranges)[number];
export const defaultRange: RangeName = '1h';

const hour = 3_600_000;
export const rangeMs: Record<RangeName, number> = {
  '1h': hour,
  '4h': 4 * hour,
  '24h': 24 * hour,
  '7d': 7 * 24 * hour,
  '30d': 30 * 24 * hour,
};

export function unitOf(metric: MetricName): MetricUnit {
  if (metric === 'cpu' || metric === 'memory' || metric === 'disk' || metric === 'swap') {
    return 'fraction';
  }
  if (metric.endsWith('PerSecond')) return 'rate';
  if (metric.endsWith('Bytes')) return 'bytes';
  return 'plain';
}

export function formatValue(unit: MetricUnit, value: number | null | undefined): string {
  switch (unit) {
    case 'fraction':
      return percent(value);
    case 'rate':
      return rate(value);
    case 'bytes':
      return bytes(value);
    default:
      return value == null || !Number.isFinite(value) ? '–' : value.toFixed(2);
  }
}

/** A short axis label: no decimals where the scale makes them noise. */
export function formatTick(unit: MetricUnit, value: number): string {
  if (unit === 'fraction') return `${Math.round(value * 100)}%`;
  if (unit === 'plain') return value.toFixed(value >= 10 ? 0 : 1);
  return formatValue(unit, value);
}

const fractionOf = (usage: Resource['memory']) =>
  usage && usage.totalBytes > 0 ? usage.usedBytes / usage.totalBytes : null;

/**
 * The reading the live feed carries for a metric, mirroring what the server records at each
 * poll, so an open chart can grow without asking for its history again.
 */
export function currentValue(resource: Resource, metric: MetricName): number | null {
  const value = (() => {
    switch (metric) {
      case 'cpu':
        return resource.cpu;
      case 'memory':
        return fractionOf(resource.memory);
      case 'memoryUsedBytes':
        return resource.memory?.usedBytes ?? null;
      case 'disk':
        return fractionOf(resource.disk);
      case 'diskUsedBytes':
        return resource.disk?.usedBytes ?? null;
      case 'netInBytesPerSecond':
        return resource.network?.inBytesPerSecond ?? null;
      case 'netOutBytesPerSecond':
        return resource.network?.outBytesPerSecond ?? null;
      case 'diskReadBytesPerSecond':
        return resource.diskIo?.readBytesPerSecond ?? null;
      case 'diskWriteBytesPerSecond':
        return resource.diskIo?.writeBytesPerSecond ?? null;
      case 'load1':
        return 'loadAverage' in resource ? (resource.loadAverage[0] ?? null) : null;
      case 'swap':
        return 'swap' in resource ? fractionOf(resource.swap) : null;
    }
  })();
  return value != null && Number.isFinite(value) ? value : null;
}
