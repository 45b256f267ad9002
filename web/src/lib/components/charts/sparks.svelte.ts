import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { client } from '../../graphql/client.ts';
import { MetricsHistoryQuery } from '../../graphql/documents/history.ts';

const REFRESH_MS = 60_000;

/**
 * CPU over the last hour for every row of a table, in one batch request, refreshed once a
 * minute. Start it from an effect with `watch(ids)`; the cleanup stops the timer.
 */
export class CpuSparks {
  readonly byId = new SvelteMap<string, number[]>();

  watch(ids: readonly string[]): () => void {
    return untrack(() => {
      let stopped = false;
      const load = async () => {
        if (ids.length === 0) return;
        const result = await client
          .query(
            MetricsHistoryQuery,
            { resourceIds: [...ids], metric: 'cpu', range: '1h' },
            { requestPolicy: 'network-only' },
          )
          .toPromise();
        if (stopped || !result.data) return; // keep the last good lines on an error
        for (const series of result.data.metricsHistory) {
          this.byId.set(
            series.resourceId,
            series.points.map((p) => p.avg),
          );
        }
      };
      void load();
      const timer = setInterval(() => void load(), REFRESH_MS);
      return () => {
        stopped = true;
        clearInterval(timer);
      };
    });
  }
}
