import { untrack } from 'svelte';
import { epoch } from '../../format.ts';
import { client } from '../../graphql/client.ts';
import {
  MetricsSampledSubscription,
  ResourceHistoryQuery,
} from '../../graphql/documents/history.ts';
import { type MetricName, type RangeName, rangeMs } from './metrics.ts';

export interface Point {
  /** Epoch milliseconds. */
  t: number;
  min: number;
  max: number;
  avg: number;
}

interface Sampled {
  at: string;
  samples: { metric: string; value: number }[];
}

/**
 * The history of a few metrics of one resource over one range: fetched once per range, then
 * grown from the `metricsSampled` subscription (each poll's readings), so an open chart
 * follows the estate without asking the server again.
 */
export class History {
  series = $state<Point[][]>([]);
  loading = $state(true);
  error = $state<string | null>(null);

  #generation = 0;

  /**
   * Loads the range and follows new readings; call from an effect and return the cleanup,
   * which drops a late answer and ends the subscription.
   */
  load(id: string, metrics: readonly MetricName[], range: RangeName): () => void {
    return untrack(() => {
      const generation = ++this.#generation;
      this.loading = true;
      this.error = null;
      void Promise.all(
        metrics.map((metric) =>
          client
            .query(ResourceHistoryQuery, { id, metric, range }, { requestPolicy: 'network-only' })
            .toPromise(),
        ),
      ).then((results) => {
        if (generation !== this.#generation) return;
        const failed = results.find((r) => !r.data);
        if (failed) {
          this.error = failed.error?.message ?? 'The server sent no history';
          this.series = metrics.map(() => []);
        } else {
          this.series = results.map((r) =>
            (r.data?.resource?.history ?? []).map((p) => ({ ...p, t: epoch(p.t) ?? 0 })),
          );
        }
        this.loading = false;
      });
      const live = client
        .subscription(MetricsSampledSubscription, { resourceIds: [id], metrics: [...metrics] })
        .subscribe((result) => {
          const sampled = result.data?.metricsSampled;
          if (sampled && generation === this.#generation) this.#append(sampled, metrics, range);
        });
      return () => {
        live.unsubscribe();
        if (generation === this.#generation) this.#generation += 1;
      };
    });
  }

  /** Appends one poll's readings and drops what left the range. */
  #append(sampled: Sampled, metrics: readonly MetricName[], range: RangeName): void {
    if (this.loading) return;
    const t = epoch(sampled.at);
    if (t === null) return;
    const cutoff = t - rangeMs[range];
    this.series = metrics.map((metric, i) => {
      const points = this.series[i] ?? [];
      const value = sampled.samples.find((s) => s.metric === metric)?.value;
      const last = points[points.length - 1];
      if (value === undefined || (last && last.t >= t)) return points;
      const kept = points[0] && points[0].t < cutoff ? points.filter((p) => p.t >= cutoff) : points;
      return [...kept, { t, min: value, max: value, avg: value }];
    });
  }
}
