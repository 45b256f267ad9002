import type { SampledMetrics } from '../../metrics/metrics.service.ts';
import type { Point, StoreStats } from '../../metrics/store.ts';
import { builder } from '../builder.ts';
import { ResourceRef } from './resource.ts';

const PointRef = builder.objectRef<Point>('MetricPoint').implement({
  description: 'One bucket of a series: its start and the min, max and average inside it',
  fields: (t) => ({
    t: t.field({ type: 'DateTime', resolve: (p) => p.t }),
    min: t.exposeFloat('min'),
    max: t.exposeFloat('max'),
    avg: t.exposeFloat('avg'),
  }),
});

const SeriesRef = builder
  .objectRef<{ resourceId: string; points: Point[] }>('MetricSeries')
  .implement({
    fields: (t) => ({
      resourceId: t.exposeID('resourceId'),
      points: t.field({ type: [PointRef], resolve: (s) => s.points }),
    }),
  });

const RetentionRef = builder.objectRef<StoreStats['retentionMs']>('MetricsRetention').implement({
  description: 'How long each tier is kept, in hours',
  fields: (t) => ({
    rawHours: t.float({ resolve: (r) => r.raw / 3_600_000 }),
    minuteHours: t.float({ resolve: (r) => r['1m'] / 3_600_000 }),
    hourlyHours: t.float({ resolve: (r) => r['1h'] / 3_600_000 }),
    dailyHours: t.float({ resolve: (r) => r['1d'] / 3_600_000 }),
  }),
});

const SampleRef = builder.objectRef<SampledMetrics['samples'][number]>('MetricSample').implement({
  fields: (t) => ({
    resourceId: t.exposeID('resourceId'),
    metric: t.exposeString('metric'),
    value: t.exposeFloat('value'),
  }),
});

const SampledRef = builder.objectRef<SampledMetrics>('MetricsSampled').implement({
  description: 'The readings of one poll, to append to open charts',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (s) => s.at }),
    samples: t.field({ type: [SampleRef], resolve: (s) => s.samples }),
  }),
});

builder.subscriptionField('metricsSampled', (t) =>
  t.field({
    type: SampledRef,
    description: 'The newest readings of the given resources and metrics, as each poll lands',
    args: {
      resourceIds: t.arg.idList({ required: true }),
      metrics: t.arg.stringList({ required: true }),
    },
    subscribe: (_root, { resourceIds, metrics }, { actor, services }) =>
      services.metrics.samples(actor, resourceIds.map(String), metrics),
    resolve: (sampled) => sampled,
  }),
);

const StatsRef = builder.objectRef<StoreStats>('MetricsStoreStats').implement({
  fields: (t) => ({
    series: t.exposeInt('series'),
    rawSamples: t.int({ resolve: (s) => s.rows.raw ?? 0 }),
    minuteBuckets: t.int({ resolve: (s) => s.rows['1m'] ?? 0 }),
    hourBuckets: t.int({ resolve: (s) => s.rows['1h'] ?? 0 }),
    dayBuckets: t.int({ resolve: (s) => s.rows['1d'] ?? 0 }),
    bytesOnDisk: t.exposeFloat('bytesOnDisk'),
    retention: t.field({ type: RetentionRef, resolve: (s) => s.retentionMs }),
  }),
});

builder.interfaceFields(ResourceRef, (t) => ({
  history: t.field({
    type: [PointRef],
    description:
      'A metric over a range (5m, 15m, 30m, 1h, 4h, 12h, 24h, 7d, 30d, 90d, 1y), bucketed',
    args: {
      metric: t.arg.string({
        required: true,
        description: 'cpu, memory, disk, netInBytesPerSecond, …',
      }),
      range: t.arg.string({ required: true }),
    },
    resolve: (resource, { metric, range }, { actor, services }) =>
      services.metrics.history(actor, resource.id, metric, range),
  }),
}));

builder.queryFields((t) => ({
  metricsHistory: t.field({
    type: [SeriesRef],
    description: 'One metric of many resources in one call, for sparklines',
    args: {
      resourceIds: t.arg.idList({ required: true }),
      metric: t.arg.string({ required: true }),
      range: t.arg.string({ required: true }),
    },
    resolve: (_root, { resourceIds, metric, range }, { actor, services }) => {
      const lines = services.metrics.batch(actor, resourceIds.map(String), metric, range);
      return [...lines].map(([resourceId, points]) => ({ resourceId, points }));
    },
  }),
  metricsStoreStats: t.field({
    type: StatsRef,
    resolve: (_root, _args, { actor, services }) => services.metrics.stats(actor),
  }),
}));
