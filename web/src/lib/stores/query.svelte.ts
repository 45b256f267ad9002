import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { untrack } from 'svelte';
import { client, onSocketEvent } from '../graphql/client.ts';

/**
 * A query a page keeps fresh by polling: backups, jobs, tasks and snapshots change with every
 * poll of a source but have no subscription of their own. Start it from an `$effect` with
 * `watch(variables)`; the effect's cleanup stops it, and new variables restart it.
 */
export class PolledQuery<Data, Variables extends AnyVariables> {
  data = $state<Data | null>(null);
  error = $state<string | null>(null);
  /** True only until the first answer for the current variables. */
  loading = $state(true);

  readonly #document: TypedDocumentNode<Data, Variables>;
  readonly #intervalMs: number;
  #generation = 0;
  #key = '';
  #variables: Variables | null = null;

  constructor(document: TypedDocumentNode<Data, Variables>, intervalMs = 15_000) {
    this.#document = document;
    this.#intervalMs = intervalMs;
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
      void this.#load(generation);
      const timer = setInterval(() => void this.#load(generation), this.#intervalMs);
      const off = onSocketEvent((event) => {
        if (event === 'reconnected') void this.#load(generation);
      });
      return () => {
        clearInterval(timer);
        off();
        if (this.#generation === generation) this.#generation += 1;
      };
    });
  }

  /** Loads now, e.g. right after a mutation changed what the query returns. */
  refresh(): Promise<void> {
    return this.#load(this.#generation);
  }

  async #load(generation: number): Promise<void> {
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
