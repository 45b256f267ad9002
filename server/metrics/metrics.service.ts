import { type Actor, authorize } from '../access/actor.ts';
import { ValidationError } from '../errors.ts';
import { isMetricName, type MetricName, metricNames } from './metric-names.ts';
import type { MetricsStore, Point, StoreStats } from './store.ts';
import { isRange, ranges } from './tiers.ts';

function parse(metric: string, range: string): { metric: MetricName; rangeMs: number } {
  if (!isMetricName(metric)) {
    throw new ValidationError(
      `unknown metric "${metric}"; use one of ${metricNames.join(', ')}`,
      'metric',
    );
  }
  if (!isRange(range)) {
    throw new ValidationError(
      `unknown range "${range}"; use one of ${Object.keys(ranges).join(', ')}`,
      'range',
    );
  }
  return { metric, rangeMs: ranges[range] };
}

/** History queries for charts and sparklines. */
export class MetricsService {
  readonly #store: MetricsStore;

  constructor(store: MetricsStore) {
    this.#store = store;
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
    if (resourceIds.length > 5_000)
      throw new ValidationError('at most 5,000 resources per batch', 'resourceIds');
    const parsed = parse(metric, range);
    return this.#store.batch(resourceIds, parsed.metric, parsed.rangeMs, Date.now());
  }

  stats(actor: Actor): StoreStats {
    authorize(actor, 'read', 'Resource');
    return this.#store.stats();
  }
}
