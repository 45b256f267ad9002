import { type Actor, authorize } from '../access/actor.ts';
import { ValidationError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { filterMap } from '../events/iterators.ts';
import { isMetricName, type MetricName, metricNames, readingsOf } from './metric-names.ts';
import type { MetricsStore, Point, StoreStats } from './store.ts';
import { isRange, ranges } from './tiers.ts';

/** The newest readings of one applied snapshot, for charts that are open. */
export interface SampledMetrics {
  /** Epoch ms of the poll. */
  at: number;
  samples: { resourceId: string; metric: MetricName; value: number }[];
}

const maxBatch = 5_000;

function parseMetric(metric: string): MetricName {
  if (!isMetricName(metric)) {
    throw new ValidationError(
      `unknown metric "${metric}"; use one of ${metricNames.join(', ')}`,
      'metric',
    );
  }
  return metric;
}

function parse(metric: string, range: string): { metric: MetricName; rangeMs: number } {
  parseMetric(metric);
  if (!isRange(range)) {
    throw new ValidationError(
      `unknown range "${range}"; use one of ${Object.keys(ranges).join(', ')}`,
      'range',
    );
  }
  return { metric: parseMetric(metric), rangeMs: ranges[range] };
}

/** History queries for charts and sparklines. */
export class MetricsService {
  readonly #store: MetricsStore;
  readonly #bus: EventBus;

  constructor(store: MetricsStore, bus: EventBus) {
    this.#store = store;
    this.#bus = bus;
  }

  history(actor: Actor, resourceId: string, metric: string, range: string): Point[] {
    authorize(actor, 'read', 'Resource');
    const parsed = parse(metric, range);
    return this.#store.series(resourceId, parsed.metric, parsed.rangeMs, Date.now());
  }

  /** One metric for many resources at once (the overview's sparklines). */
  batch(
    actor: Actor,
    resourceIds: readonly string[],
    metric: string,
    range: string,
  ): Map<string, Point[]> {
    authorize(actor, 'read', 'Resource');
    if (resourceIds.length > maxBatch) {
      throw new ValidationError('at most 5,000 resources per batch', 'resourceIds');
    }
    const parsed = parse(metric, range);
    return this.#store.batch(resourceIds, parsed.metric, parsed.rangeMs, Date.now());
  }

  stats(actor: Actor): StoreStats {
    authorize(actor, 'read', 'Resource');
    return this.#store.stats();
  }

  /**
   * The readings of the given resources and metrics as each poll lands, so open charts
   * append points without refetching. Polls that carry none of them are skipped.
   */
  samples(
    actor: Actor,
    resourceIds: readonly string[],
    metrics: readonly string[],
  ): AsyncIterableIterator<SampledMetrics> {
    authorize(actor, 'read', 'Resource');
    if (resourceIds.length > maxBatch) {
      throw new ValidationError('at most 5,000 resources per subscription', 'resourceIds');
    }
    const wanted = new Set(metrics.map(parseMetric));
    const ids = new Set(resourceIds);
    return filterMap(this.#bus.iterate('resources.sampled'), ({ resources }) => {
      const sampled: SampledMetrics = { at: 0, samples: [] };
      for (const resource of resources) {
        if (!ids.has(resource.id)) continue;
        sampled.at = Math.max(sampled.at, resource.lastSeenAt);
        for (const [metric, value] of readingsOf(resource)) {
          if (wanted.has(metric)) sampled.samples.push({ resourceId: resource.id, metric, value });
        }
      }
      return sampled.samples.length > 0 ? sampled : null;
    });
  }
}
