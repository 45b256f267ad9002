import type { Logger } from '../log/logger.ts';
import type { ResourceStore } from '../resources/store.ts';
import type { Source } from './source.ts';

interface Running {
  source: Source;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  controller: AbortController;
}

/**
 * Polls each source on its own interval and applies its snapshot to the store. A source is
 * never polled again while its previous poll is still running.
 */
export class Scheduler {
  readonly #store: ResourceStore;
  readonly #log: Logger;
  readonly #running = new Map<string, Running>();

  constructor(store: ResourceStore, log: Logger) {
    this.#store = store;
    this.#log = log;
  }

  add(source: Source): void {
    if (this.#running.has(source.id)) throw new Error(`source ${source.id} is already scheduled`);
    const running: Running = {
      source,
      timer: null,
      inFlight: null,
      controller: new AbortController(),
    };
    this.#running.set(source.id, running);
    this.#pollNow(running);
  }

  /** Stops polling a source and removes its resources from the state. */
  async remove(sourceId: string): Promise<void> {
    const running = this.#running.get(sourceId);
    if (!running) return;
    this.#running.delete(sourceId);
    await this.#halt(running);
    this.#store.removeSource(sourceId);
  }

  async stop(): Promise<void> {
    const all = [...this.#running.values()];
    this.#running.clear();
    await Promise.all(all.map((running) => this.#halt(running)));
  }

  async #halt(running: Running): Promise<void> {
    if (running.timer) clearTimeout(running.timer);
    running.controller.abort();
    await running.inFlight;
  }

  #pollNow(running: Running): void {
    running.timer = null;
    running.inFlight = this.#pollOnce(running).finally(() => {
      running.inFlight = null;
      if (this.#running.get(running.source.id) === running) {
        running.timer = setTimeout(() => this.#pollNow(running), running.source.intervalMs);
      }
    });
  }

  async #pollOnce({ source, controller }: Running): Promise<void> {
    try {
      const snapshot = await source.poll(controller.signal);
      if (controller.signal.aborted) return;
      this.#store.apply(source.id, snapshot);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#log.warn({ err: error, source: source.id }, 'poll failed');
    }
  }
}
