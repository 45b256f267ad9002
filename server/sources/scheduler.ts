import type { Logger } from '../log/logger.ts';
import type { Resource } from '../resources/model.ts';
import type { RecordStore } from '../resources/records.ts';
import type { ResourceStore } from '../resources/store.ts';
import type { Source, SourceHealth } from './source.ts';

/** Polling policy; the defaults are what a homelab wants, tests shorten them. */
export interface SchedulerPolicy {
  /** Polls running at once across all sources. */
  maxConcurrentPolls: number;
  /** Consecutive failures after which a source's resources are shown as unknown. */
  failuresBeforeStale: number;
  /** Consecutive failures that open the circuit breaker. */
  failuresBeforeOpen: number;
  /** Longest wait between retries of a failing source. */
  maxBackoffMs: number;
  /** How long an open breaker waits before a probe. */
  probeAfterMs: number;
}

export const defaultPolicy: SchedulerPolicy = {
  maxConcurrentPolls: 4,
  failuresBeforeStale: 3,
  failuresBeforeOpen: 5,
  maxBackoffMs: 5 * 60_000,
  probeAfterMs: 60_000,
};

interface Running {
  source: Source;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  controller: AbortController;
  last: Resource[] | null;
  health: SourceHealth;
}

/**
 * Polls each source on its own interval and applies its snapshot to the store. A source is
 * never polled again while its previous poll runs; failures back off exponentially, and
 * after repeated failures a breaker opens and only probes now and then.
 */
export class Scheduler {
  readonly #store: ResourceStore;
  readonly #records: RecordStore;
  readonly #log: Logger;
  readonly #policy: SchedulerPolicy;
  readonly #running = new Map<string, Running>();
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    store: ResourceStore,
    records: RecordStore,
    log: Logger,
    policy: Partial<SchedulerPolicy> = {},
  ) {
    this.#store = store;
    this.#records = records;
    this.#log = log;
    this.#policy = { ...defaultPolicy, ...policy };
  }

  add(source: Source): void {
    if (this.#running.has(source.id)) throw new Error(`source ${source.id} is already scheduled`);
    const running: Running = {
      source,
      timer: null,
      inFlight: null,
      controller: new AbortController(),
      last: null,
      health: initialHealth(source),
    };
    this.#running.set(source.id, running);
    this.#pollNow(running);
  }

  has(sourceId: string): boolean {
    return this.#running.has(sourceId);
  }

  /** Stops polling a source and removes its resources from the state. */
  async remove(sourceId: string): Promise<void> {
    const running = this.#running.get(sourceId);
    if (!running) return;
    this.#running.delete(sourceId);
    await this.#halt(running);
    this.#store.removeSource(sourceId);
    this.#records.removeSource(sourceId);
  }

  /** Polls a source now (after a config change, or on request) and resolves when it is done. */
  async pollNow(sourceId: string): Promise<void> {
    const running = this.#running.get(sourceId);
    if (!running) return;
    if (running.inFlight) await running.inFlight;
    if (!this.#isCurrent(running)) return;
    if (running.timer) clearTimeout(running.timer);
    this.#pollNow(running);
    await running.inFlight;
  }

  health(): SourceHealth[] {
    return [...this.#running.values()].map((r) => ({ ...r.health }));
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
    await running.source.close?.().catch(() => {});
  }

  #isCurrent(running: Running): boolean {
    return this.#running.get(running.source.id) === running;
  }

  #pollNow(running: Running): void {
    running.timer = null;
    running.health.nextPollAt = null;
    running.inFlight = this.#pollOnce(running).finally(() => {
      running.inFlight = null;
      if (!this.#isCurrent(running)) return;
      const delay = this.#nextDelay(running.health, running.source.intervalMs);
      running.health.nextPollAt = Date.now() + delay;
      running.timer = setTimeout(() => this.#pollNow(running), delay);
    });
  }

  #nextDelay(health: SourceHealth, intervalMs: number): number {
    const failures = health.consecutiveFailures;
    if (failures === 0) return intervalMs;
    if (health.breaker !== 'closed') {
      const opened = failures - this.#policy.failuresBeforeOpen;
      return Math.min(
        this.#policy.probeAfterMs * 2 ** Math.max(0, opened),
        this.#policy.maxBackoffMs,
      );
    }
    const backoff = Math.min(intervalMs * 2 ** (failures - 1), this.#policy.maxBackoffMs);
    // Jitter keeps a cluster's sources from retrying in lockstep.
    return Math.round(backoff * (0.9 + Math.random() * 0.2));
  }

  async #pollOnce(running: Running): Promise<void> {
    const { source, controller, health } = running;
    if (health.breaker === 'open') health.breaker = 'half-open';
    await this.#acquire();
    const started = performance.now();
    try {
      const snapshot = await untilAborted(source.poll(controller.signal), controller.signal);
      if (controller.signal.aborted || !this.#isCurrent(running)) return;
      this.#store.apply(source.id, snapshot.resources);
      if (snapshot.records) this.#records.apply(source.id, snapshot.records);
      running.last = snapshot.resources;
      Object.assign(health, {
        lastSuccessAt: Date.now(),
        consecutiveFailures: 0,
        breaker: 'closed',
        stale: false,
      });
    } catch (error) {
      if (controller.signal.aborted || !this.#isCurrent(running)) return;
      this.#recordFailure(running, error);
    } finally {
      health.lastPollDurationMs = Math.round(performance.now() - started);
      this.#release();
    }
  }

  #recordFailure(running: Running, error: unknown): void {
    const { source, health } = running;
    const message = error instanceof Error ? error.message : String(error);
    const wasHalfOpen = health.breaker === 'half-open';
    health.consecutiveFailures += 1;
    health.lastErrorAt = Date.now();
    health.lastError = message;
    if (wasHalfOpen) health.deadLetters += 1;
    if (wasHalfOpen || health.consecutiveFailures >= this.#policy.failuresBeforeOpen) {
      health.breaker = 'open';
    }
    this.#log.warn(
      { source: source.id, failures: health.consecutiveFailures, error: message },
      'poll failed',
    );
    if (health.consecutiveFailures >= this.#policy.failuresBeforeStale && !health.stale) {
      health.stale = true;
      if (running.last) this.#store.apply(source.id, running.last.map(asUnknown));
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.#policy.maxConcurrentPolls) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

/** Settles with the poll, or rejects as soon as the signal aborts: stop() never waits on a hung upstream. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('poll aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What a resource looks like once its source has stopped answering. */
function asUnknown(resource: Resource): Resource {
  return { ...resource, status: 'unknown', cpu: null, network: null, diskIo: null };
}

function initialHealth(source: Source): SourceHealth {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    intervalMs: source.intervalMs,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextPollAt: null,
    lastPollDurationMs: null,
    breaker: 'closed',
    deadLetters: 0,
    stale: false,
  };
}
