import type { AlertChange } from '../alerts/alert.ts';
import type { PatrolProgress } from '../patrol/patrol.service.ts';
import type { Resource } from '../resources/model.ts';
import type { RecordsChange } from '../resources/records.ts';
import type { ResourceChange } from '../resources/store.ts';

/** Every event Pulse publishes in-process, by name, with its payload type. */
export interface EventMap {
  'resources.changed': ResourceChange;
  /** Every applied snapshot, changed or not, for the metrics history. */
  'resources.sampled': { source: string; resources: readonly Resource[] };
  /** A node connection was added, changed or removed: sources must follow. */
  'nodes.changed': { action: 'added' | 'updated' | 'removed'; id: string };
  /** A source's backups, snapshots, tasks, jobs or replication list changed. */
  'records.changed': RecordsChange;
  /** Alerts became pending, fired, resolved, changed level, or were acknowledged. */
  'alerts.changed': AlertChange;
  /** Sessions or tokens stopped being valid: live connections riding on them must close. */
  'credentials.revoked': { credentialIds: string[] };
  /** A patrol run's steps, from start to completion or failure. */
  'patrol.progress': PatrolProgress;
}

export type EventName = keyof EventMap;
type Handler<T> = (payload: T) => void;

export class SlowSubscriberError extends Error {
  override name = 'SlowSubscriberError';
}

/**
 * The typed in-process event bus. Handlers run synchronously in publish order; a handler
 * that throws is reported to `onHandlerError` and does not stop the others.
 */
export class EventBus<M extends object = EventMap> {
  readonly #handlers = new Map<keyof M, Set<Handler<never>>>();
  readonly #onHandlerError: (error: unknown, event: keyof M) => void;

  constructor(onHandlerError: (error: unknown, event: keyof M) => void = () => {}) {
    this.#onHandlerError = onHandlerError;
  }

  publish<K extends keyof M>(event: K, payload: M[K]): void {
    const handlers = this.#handlers.get(event);
    if (!handlers) return;
    for (const handler of [...handlers] as Handler<M[K]>[]) {
      try {
        handler(payload);
      } catch (error) {
        this.#onHandlerError(error, event);
      }
    }
  }

  subscribe<K extends keyof M>(event: K, handler: Handler<M[K]>): () => void {
    let handlers = this.#handlers.get(event);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(event, handlers);
    }
    handlers.add(handler as Handler<never>);
    return () => handlers.delete(handler as Handler<never>);
  }

  subscriberCount(event: keyof M): number {
    return this.#handlers.get(event)?.size ?? 0;
  }

  /**
   * Events as an async iterator (for GraphQL subscriptions). It subscribes at once, so no
   * event published after the call is missed. A consumer that falls more than `maxQueued`
   * events behind is ended with a SlowSubscriberError rather than being fed a gap.
   */
  iterate<K extends keyof M>(
    event: K,
    options: { maxQueued?: number; signal?: AbortSignal } = {},
  ): AsyncIterableIterator<M[K]> {
    const maxQueued = options.maxQueued ?? 1000;
    const queue: M[K][] = [];
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    let done = false;

    const stop = () => {
      done = true;
      unsubscribe();
      options.signal?.removeEventListener('abort', stop);
      wake?.();
    };
    const unsubscribe = this.subscribe(event, (payload) => {
      if (queue.length >= maxQueued) {
        failure = new SlowSubscriberError(`subscriber fell ${maxQueued} events behind`);
        stop();
        return;
      }
      queue.push(payload);
      wake?.();
    });
    options.signal?.addEventListener('abort', stop);

    const iterator: AsyncIterableIterator<M[K]> = {
      async next() {
        while (queue.length === 0 && !done) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
        const value = queue.shift();
        if (value !== undefined) return { value, done: false };
        if (failure) throw failure;
        return { value: undefined, done: true };
      },
      async return() {
        stop();
        queue.length = 0;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
