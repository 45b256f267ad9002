import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { untrack } from 'svelte';
import { client, onSocketEvent } from '../graphql/client.ts';
import { onRecordsChanged, type RecordKind } from './records.ts';

export interface LiveQueryOptions {
  /** Re-fetch when a `recordsChanged` event names one of these record lists. */
  kinds?: readonly RecordKind[];
  /** Also re-fetch on this timer, for data no event announces (node health). */
  intervalMs?: number;
}

/**
 * A query a page keeps fresh: backups, jobs, tasks, snapshots and replication are re-fetched
 * when `recordsChanged` says a poll changed them, and everything once after a reconnect (events
 * may have been missed). Start it from an `$effect` with `watch(variables)`; the effect's
 * cleanup stops it, and new variables restart it.
 */
export class LiveQuery<Data, Variables extends AnyVariables> {
  data = $state<Data | null>(null);
  error = $state<string | null>(null);
  /** True only until the first answer for the current variables. */
  loading = $state(true);

  readonly #document: TypedDocumentNode<Data, Variables>;
  readonly #options: LiveQueryOptions;
  #generation = 0;
  #key = '';
  #variables: Variables | null = null;
  #watching = false;
  /** The load in flight, and the one load queued after it for any asked for meanwhile. */
  #inFlight: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(document: TypedDocumentNode<Data, Variables>, options: LiveQueryOptions) {
    this.#document = document;
    this.#options = options;
  }

  watch(variables: Variables): () => void {
    // Reading our own state here would make the calling effect depend on it and loop.
    return untrack(() => {
      const generation = ++this.#generation;
      const key = JSON.stringify(variables);
      if (key !== this.#key) {
        // Another guest's snapshots must never show under this one, even for a moment.
        this.data = null;
        this.error = null;
        this.loading = true;
        this.#key = key;
      }
      this.#variables = variables;
      this.#watching = true;
      void this.#load(generation);
      const reload = () => void this.#load(generation);
      const { kinds, intervalMs } = this.#options;
      const timer = intervalMs ? setInterval(reload, intervalMs) : undefined;
      const offRecords = kinds?.length ? onRecordsChanged(kinds, reload) : undefined;
      const offSocket = onSocketEvent((event) => {
        if (event === 'reconnected') reload();
      });
      return () => {
        clearInterval(timer);
        offRecords?.();
        offSocket();
        if (this.#generation !== generation) return;
        this.#generation += 1;
        this.#watching = false;
      };
    });
  }

  /** Loads now, e.g. right after a mutation changed what the query returns. */
  refresh(): Promise<void> {
    return this.#load(this.#generation);
  }

  /** One load at a time: a burst of events (one per source) costs at most one more fetch. */
  #load(generation: number): Promise<void> {
    if (this.#inFlight) {
      this.#queued ??= this.#inFlight.then(() => {
        this.#queued = null;
        return this.#watching ? this.#load(this.#generation) : undefined;
      });
      return this.#queued;
    }
    this.#inFlight = this.#fetch(generation).finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #fetch(generation: number): Promise<void> {
    const variables = this.#variables;
    if (variables === null) return;
    const result = await client
      .query(this.#document, variables, { requestPolicy: 'network-only' })
      .toPromise();
    if (generation !== this.#generation) return; // stopped, or restarted with other variables
    if (result.data) {
      this.data = result.data;
      this.error = null;
    } else {
      // Keep the last good data on screen; the error says it may be out of date.
      this.error = result.error?.message ?? 'The server sent no data';
    }
    this.loading = false;
  }
}
