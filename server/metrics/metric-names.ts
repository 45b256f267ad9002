import type { Resource } from '../resources/model.ts';

/** The metrics kept for every resource that has them; units in the names. */
export const metricNames = [
  'cpu',
  'memory',
  'memoryUsedBytes',
  'disk',
  'diskUsedBytes',
  'netInBytesPerSecond',
  'netOutBytesPerSecond',
  'diskReadBytesPerSecond',
  'diskWriteBytesPerSecond',
  'load1',
  'swap',
] as const;

export type MetricName = (typeof metricNames)[number];

export function isMetricName(value: string): value is MetricName {
  return (metricNames as readonly string[]).includes(value);
}

const fraction = (used: number, total: number) => (total > 0 ? used / total : null);

/** A resource's numeric readings at one poll; absent readings are left out, never zero. */
export function readingsOf(resource: Resource): [MetricName, number][] {
  const out: [MetricName, number | null][] = [
    ['cpu', resource.cpu],
    ['memory', resource.memory && fraction(resource.memory.usedBytes, resource.memory.totalBytes)],
    ['memoryUsedBytes', resource.memory?.usedBytes ?? null],
    ['disk', resource.disk && fraction(resource.disk.usedBytes, resource.disk.totalBytes)],
    ['diskUsedBytes', resource.disk?.usedBytes ?? null],
    ['netInBytesPerSecond', resource.network?.inBytesPerSecond ?? null],
    ['netOutBytesPerSecond', resource.network?.outBytesPerSecond ?? null],
    ['diskReadBytesPerSecond', resource.diskIo?.readBytesPerSecond ?? null],
    ['diskWriteBytesPerSecond', resource.diskIo?.writeBytesPerSecond ?? null],
  ];
  // Agent hosts report load and swap as nodes do.
  if (resource.type === 'node' || resource.type === 'host') {
    out.push(['load1', resource.details.loadAverage[0] ?? null]);
    const swap = resource.details.swap;
    out.push(['swap', swap && fraction(swap.usedBytes, swap.totalBytes)]);
  }
  return out.filter(
    (entry): entry is [MetricName, number] => entry[1] !== null && Number.isFinite(entry[1]),
  );
}
