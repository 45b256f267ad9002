import { SvelteMap } from 'svelte/reactivity';
import { client, onSocketEvent } from '../graphql/client.ts';
import {
  ResourcesChangedSubscription,
  ResourcesSnapshotQuery,
} from '../graphql/documents/resources.ts';
import type {
  ResourcesChangedSubscription as DeltaResult,
  ResourceFieldsFragment,
} from '../graphql/generated/graphql.ts';

export type Resource = ResourceFieldsFragment;
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';
type Delta = DeltaResult['resourcesChanged'];

const SNAPSHOT_RETRY_MS = 3_000;
const SUBSCRIBE_RETRY_MS = 5_000;

/**
 * The live resource list: one snapshot, then `resourcesChanged` deltas stitched on by state
 * version. Deltas that arrive while a snapshot is loading are buffered and replayed; a version
 * gap (missed delta) or a reconnect triggers a fresh snapshot, so the list never drifts.
 */
class ResourceFeed {
  readonly #byId = new SvelteMap<string, Resource>();
  #socketUp = $state(false);
  #subscribed = $state(false);
  #synced = $state(false);
  #everLive = $state(false);

  /** When the list last changed (snapshot or delta), as epoch milliseconds. */
  lastUpdate = $state<number | null>(null);
  /** The last transport or GraphQL error, cleared by the next good snapshot. */
  error = $state<string | null>(null);
  /** False until the first snapshot has arrived, so pages can tell "empty" from "loading". */
  loaded = $state(false);

  readonly list: Resource[] = $derived([...this.#byId.values()]);

  readonly status: ConnectionStatus = $derived(
    this.#socketUp && this.#subscribed && this.#synced
      ? 'live'
      : this.#everLive
        ? 'reconnecting'
        : 'connecting',
  );

  #running = false;
  #version = 0;
  #buffer: Delta[] = [];
  /** Bumped per snapshot request; a stale response (an older request) is dropped. */
  #generation = 0;
  #deltas: { unsubscribe(): void } | null = null;
  #offSocket: (() => void) | null = null;
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  #subscribeTimer: ReturnType<typeof setTimeout> | undefined;

  get(id: string): Resource | undefined {
    return this.#byId.get(id);
  }

  /** Idempotent: the first caller (the app shell) starts the feed for every page. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#offSocket = onSocketEvent((event) => {
      this.#socketUp = event === 'connected' || event === 'reconnected';
      // Anything may have happened while we were away, the server may even have restarted
      // with a new version counter: only a fresh snapshot is trustworthy.
      if (event === 'reconnected') void this.#resync();
    });
    this.#subscribe();
    void this.#resync();
  }

  stop(): void {
    this.#running = false;
    this.#offSocket?.();
    this.#deltas?.unsubscribe();
    this.#deltas = null;
    clearTimeout(this.#snapshotTimer);
    clearTimeout(this.#subscribeTimer);
    this.#subscribed = false;
    this.#synced = false;
  }

  #subscribe(): void {
    this.#subscribed = true;
    this.#deltas = client.subscription(ResourcesChangedSubscription, {}).subscribe((result) => {
      if (result.data) {
        this.#receive(result.data.resourcesChanged);
        return;
      }
      // Socket drops are retried inside graphql-ws; reaching here means the server ended the
      // subscription (an error it reported), so start over after a pause.
      if (!this.#subscribed) return;
      this.error = result.error?.message ?? 'The live update subscription ended';
      this.#subscribed = false;
      this.#deltas?.unsubscribe();
      this.#subscribeTimer = setTimeout(() => {
        if (!this.#running) return;
        this.#subscribe();
        void this.#resync();
      }, SUBSCRIBE_RETRY_MS);
    });
  }

  #receive(delta: Delta): void {
    if (!this.#synced) {
      this.#buffer.push(delta);
      return;
    }
    this.#apply(delta);
  }

  #apply(delta: Delta): void {
    if (delta.version <= this.#version) return; // already part of the snapshot
    if (delta.version !== this.#version + 1) {
      void this.#resync();
      return;
    }
    for (const id of delta.removed) this.#byId.delete(id);
    for (const resource of delta.added) this.#byId.set(resource.id, resource);
    for (const { resource } of delta.updated) this.#byId.set(resource.id, resource);
    this.#version = delta.version;
    this.lastUpdate = Date.now();
  }

  async #resync(): Promise<void> {
    clearTimeout(this.#snapshotTimer);
    this.#synced = false;
    this.#buffer = [];
    const generation = ++this.#generation;
    const result = await client
      .query(ResourcesSnapshotQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#generation || !this.#running) return;
    if (result.error || !result.data) {
      this.error = result.error?.message ?? 'No data in the resource snapshot';
      this.#snapshotTimer = setTimeout(() => void this.#resync(), SNAPSHOT_RETRY_MS);
      return;
    }
    const { resources, resourcesVersion } = result.data;
    this.#byId.clear();
    for (const resource of resources) this.#byId.set(resource.id, resource);
    this.#version = resourcesVersion;
    this.lastUpdate = Date.now();
    this.error = null;
    this.loaded = true;
    this.#synced = true;
    this.#everLive = true;
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const delta of buffered) {
      this.#apply(delta);
      if (!this.#synced) break; // a gap started another resync, which owns the rest
    }
  }
}

export const resources = new ResourceFeed();
