import { SvelteMap } from 'svelte/reactivity';
import { client, onSocketEvent } from '../graphql/client.ts';
import { ActiveAlertsQuery, AlertsChangedSubscription } from '../graphql/documents/alerts.ts';
import type {
  AlertFieldsFragment,
  AlertsChangedSubscription as ChangeResult,
} from '../graphql/generated/graphql.ts';

export type Alert = AlertFieldsFragment;
type Change = ChangeResult['alertsChanged'][number];

const SNAPSHOT_RETRY_MS = 3_000;
const SUBSCRIBE_RETRY_MS = 5_000;

export interface LevelCounts {
  warning: number;
  critical: number;
  total: number;
}

/**
 * The firing alerts, for the Alerts page, the nav count and the row badges: one snapshot, then
 * `alertsChanged` events. Pending alerts are left out (they may never fire, and nothing shows
 * them), so an event is judged by the alert's state, not its type: firing upserts, anything
 * else removes.
 */
class AlertFeed {
  readonly #byId = new SvelteMap<string, Alert>();
  #running = false;
  #loading = false;
  /** Events that arrive while a snapshot is in flight, replayed on top of it. */
  #buffer: Change[] = [];
  #generation = 0;
  #events: { unsubscribe(): void } | null = null;
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  #subscribeTimer: ReturnType<typeof setTimeout> | undefined;

  loaded = $state(false);
  error = $state<string | null>(null);
  /** Bumped whenever an alert resolves, so an open history list knows to reload. */
  resolvedRevision = $state(0);

  /** Newest first: what just started is what the user is looking for. */
  readonly list: Alert[] = $derived(
    [...this.#byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
  );

  readonly counts: LevelCounts = $derived.by(() => {
    const critical = this.list.filter((a) => a.level === 'CRITICAL').length;
    return { critical, warning: this.list.length - critical, total: this.list.length };
  });

  readonly #byResource: Map<string, Alert[]> = $derived.by(() => {
    const map = new Map<string, Alert[]>();
    for (const alert of this.list) {
      const list = map.get(alert.resourceId);
      if (list) list.push(alert);
      else map.set(alert.resourceId, [alert]);
    }
    return map;
  });

  forResource(resourceId: string): readonly Alert[] {
    return this.#byResource.get(resourceId) ?? [];
  }

  /** Applies an alert a mutation returned, before its event arrives. */
  put(alert: Alert): void {
    if (alert.state === 'FIRING') this.#byId.set(alert.id, alert);
    else this.#byId.delete(alert.id);
  }

  /** Idempotent: the shell starts it once for every page. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    onSocketEvent((event) => {
      // Events may have been missed while the socket was down.
      if (event === 'reconnected') void this.#load();
    });
    this.#subscribe();
    void this.#load();
  }

  #subscribe(): void {
    this.#events = client.subscription(AlertsChangedSubscription, {}).subscribe((result) => {
      if (result.data) {
        for (const change of result.data.alertsChanged) this.#receive(change);
        return;
      }
      // graphql-ws retries dropped sockets itself; here the server ended the subscription.
      this.error = result.error?.message ?? 'The live alert subscription ended';
      this.#events?.unsubscribe();
      clearTimeout(this.#subscribeTimer);
      this.#subscribeTimer = setTimeout(() => {
        this.#subscribe();
        void this.#load();
      }, SUBSCRIBE_RETRY_MS);
    });
  }

  #receive(change: Change): void {
    if (this.#loading) {
      this.#buffer.push(change);
      return;
    }
    this.#apply(change);
  }

  #apply({ type, alert }: Change): void {
    if (type === 'resolved') this.resolvedRevision += 1;
    this.put(alert);
  }

  async #load(): Promise<void> {
    clearTimeout(this.#snapshotTimer);
    this.#loading = true;
    this.#buffer = [];
    const generation = ++this.#generation;
    const result = await client
      .query(ActiveAlertsQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#generation) return;
    if (!result.data) {
      this.error = result.error?.message ?? 'No data in the alert list';
      this.#snapshotTimer = setTimeout(() => void this.#load(), SNAPSHOT_RETRY_MS);
      return;
    }
    this.#byId.clear();
    for (const alert of result.data.activeAlerts) this.put(alert);
    this.#loading = false;
    this.error = null;
    this.loaded = true;
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const change of buffered) this.#apply(change);
  }
}

export const alerts = new AlertFeed();
