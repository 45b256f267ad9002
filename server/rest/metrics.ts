import { ValidationError } from '../errors.ts';
import type { Point } from '../metrics/store.ts';
import type { Route } from './router.ts';

const required = (query: URLSearchParams, name: string): string => {
  const value = query.get(name);
  if (!value) throw new ValidationError(`${name} is required`, name);
  return value;
};

const asPulsePoints = (points: Point[]) =>
  points.map((p) => ({ timestamp: p.t, value: p.avg, min: p.min, max: p.max }));

const chartMetrics = {
  cpu: 'cpu',
  memory: 'memory',
  disk: 'disk',
  netin: 'netInBytesPerSecond',
  netout: 'netOutBytesPerSecond',
  diskread: 'diskReadBytesPerSecond',
  diskwrite: 'diskWriteBytesPerSecond',
} as const;

/** /api/charts, /api/storage-charts and /api/metrics-store/*: the history in Pulse's shapes. */
export const metricsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/metrics-store/stats',
    handle: ({ actor, services }) => services.metrics.stats(actor),
  },
  {
    method: 'GET',
    path: '/api/metrics-store/history',
    handle: ({ actor, services, query }) => {
      const resourceId = required(query, 'resource');
      const metric = required(query, 'metric');
      const range = query.get('range') ?? '1h';
      return {
        resource: resourceId,
        metric,
        range,
        points: asPulsePoints(services.metrics.history(actor, resourceId, metric, range)),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/charts',
    handle: ({ actor, services, query }) => {
      const range = query.get('range') ?? '1h';
      const resources = services.resources.list(actor, { types: ['node', 'vm', 'container'] });
      const ids = resources.map((r) => r.id);
      const series = Object.fromEntries(
        Object.entries(chartMetrics).map(([name, metric]) => [
          name,
          services.metrics.batch(actor, ids, metric, range),
        ]),
      );
      const data = Object.fromEntries(
        ids.map((id) => [
          id,
          Object.fromEntries(
            Object.keys(chartMetrics).map((name) => [
              name,
              asPulsePoints(series[name]?.get(id) ?? []),
            ]),
          ),
        ]),
      );
      return { range, data, timestamp: Date.now() };
    },
  },
  {
    method: 'GET',
    path: '/api/storage-charts',
    handle: ({ actor, services, query }) => {
      const range = query.get('range') ?? '24h';
      const storage = services.resources.list(actor, { types: ['storage', 'pbsDatastore'] });
      const lines = services.metrics.batch(
        actor,
        storage.map((s) => s.id),
        'disk',
        range,
      );
      return Object.fromEntries(
        storage.map((s) => [s.id, { name: s.name, usage: asPulsePoints(lines.get(s.id) ?? []) }]),
      );
    },
  },
];
