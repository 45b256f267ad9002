import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import { readingsOf } from './metric-names.ts';
import type { MetricsStore } from './store.ts';

const flushEveryMs = 2_000;
const maintainEveryMs = 60_000;

/**
 * Feeds every applied snapshot into the metrics store, flushes batches every 2 s, and
 * seals, rolls up and prunes once a minute in small steps, yielding to the event loop between them.
 */
export class MetricsRecorder {
  readonly #store: MetricsStore;
  readonly #log: Logger;
  readonly #unsubscribe: () => void;
  readonly #flushTimer: NodeJS.Timeout;
  readonly #maintainTimer: NodeJS.Timeout;
  #maintaining: Promise<void> | null = null;
  #stopped = false;

  constructor(store: MetricsStore, bus: EventBus, log: Logger) {
    this.#store = store;
    this.#log = log;
    this.#unsubscribe = bus.subscribe('resources.sampled', ({ resources }) => {
      for (const resource of resources) {
        for (const [metric, value] of readingsOf(resource)) {
          store.record(resource.id, metric, resource.lastSeenAt, value);
        }
      }
    });
    this.#flushTimer = setInterval(() => this.#safely(() => store.flush()), flushEveryMs);
    this.#maintainTimer = setInterval(() => void this.maintain(), maintainEveryMs);
  }

  /** Rolls up and prunes until done, one step per event-loop turn. */
  maintain(now = Date.now()): Promise<void> {
    this.#maintaining ??= (async () => {
      try {
        while (!this.#stopped && this.#store.maintainStep(now)) await yieldToLoop();
      } catch (error) {
        this.#log.error({ err: error }, 'metrics maintenance failed');
      } finally {
        this.#maintaining = null;
      }
    })();
    return this.#maintaining;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe();
    clearInterval(this.#flushTimer);
    clearInterval(this.#maintainTimer);
    await this.#maintaining;
    this.#store.close();
  }

  #safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#log.error({ err: error }, 'writing metrics failed');
    }
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
