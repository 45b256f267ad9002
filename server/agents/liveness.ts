import type { AgentKind } from '../access/abilities.ts';
import type { Resource } from '../resources/model.ts';
import type { ResourceStore } from '../resources/store.ts';
import type { CounterMemory } from './counters.ts';
import { withNodeLink } from './map-host.ts';

/** online: reporting; stale: a report is late; offline: three intervals without one. */
export type AgentStatus = 'online' | 'stale' | 'offline';

/** Late by half an interval: the agent's clock and the network are allowed some slack. */
const staleAfterIntervals = 1.5;
const offlineAfterIntervals = 3;
const sweepEveryMs = 5_000;

/** One agent's reports of one kind (of one cluster): a source in the store. */
interface Stream {
  agentId: string;
  kind: AgentKind;
  lastReportAt: number;
  intervalMs: number;
  snapshot: readonly Resource[];
  status: AgentStatus;
}

const rank: Record<AgentStatus, number> = { online: 0, stale: 1, offline: 2 };

export function statusAfter(elapsedMs: number, intervalMs: number): AgentStatus {
  if (elapsedMs > intervalMs * offlineAfterIntervals) return 'offline';
  if (elapsedMs > intervalMs * staleAfterIntervals) return 'stale';
  return 'online';
}

/** What a resource looks like once its agent stopped reporting: last known, marked offline. */
function asOffline(resource: Resource): Resource {
  return { ...resource, status: 'offline', cpu: null, network: null, diskIo: null };
}

/**
 * Watches every agent source: a late agent goes stale, and after three missed intervals its
 * resources stay in the store marked offline (with the lastSeenAt of the last report) until it
 * reports again or is removed. Time comes from the clock, or from `sweep(now)` in tests.
 */
export class AgentLiveness {
  readonly #store: ResourceStore;
  readonly #counters: CounterMemory;
  readonly #clock: () => number;
  readonly #streams = new Map<string, Stream>();
  #timer: NodeJS.Timeout | null = null;

  constructor(store: ResourceStore, counters: CounterMemory, clock: () => number = Date.now) {
    this.#store = store;
    this.#counters = counters;
    this.#clock = clock;
  }

  now(): number {
    return this.#clock();
  }

  start(): void {
    this.#timer ??= setInterval(() => this.sweep(), sweepEveryMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** A report of this source was applied. */
  reported(source: string, stream: Omit<Stream, 'status'>): void {
    this.#streams.set(source, { ...stream, status: 'online' });
  }

  /**
   * Moves late agents to stale, and three intervals late to offline (once). Only forward:
   * only a report brings an agent back, even if the clock steps back.
   */
  sweep(now = this.#clock()): void {
    for (const [source, stream] of this.#streams) {
      const status = statusAfter(now - stream.lastReportAt, stream.intervalMs);
      if (rank[status] <= rank[stream.status]) continue;
      stream.status = status;
      if (status === 'offline') this.#store.apply(source, stream.snapshot.map(asOffline));
    }
  }

  /** Re-applies a host agent's last report with a new PVE node link, so it shows at once. */
  relink(agentId: string, linkedNodeId: string | null): void {
    for (const [source, stream] of this.#streams) {
      if (stream.agentId !== agentId || stream.kind !== 'host') continue;
      stream.snapshot = withNodeLink(stream.snapshot, linkedNodeId);
      const shown = stream.status === 'offline' ? stream.snapshot.map(asOffline) : stream.snapshot;
      this.#store.apply(source, shown);
    }
  }

  /** The agent's status as of the last sweep; null when it has not reported since start. */
  statusOf(agentId: string): AgentStatus | null {
    let best: AgentStatus | null = null;
    for (const stream of this.#streams.values()) {
      if (stream.agentId !== agentId) continue;
      if (stream.status === 'online') return 'online';
      if (stream.status === 'stale' || best === null) best = stream.status;
    }
    return best;
  }

  /** The sources an agent reports into (of one kind, or all). */
  sourcesOf(agentId: string, kind?: AgentKind): string[] {
    return [...this.#streams]
      .filter(([, s]) => s.agentId === agentId && (kind === undefined || s.kind === kind))
      .map(([source]) => source);
  }

  /** The agent behind a resource it reported (a Docker host, a cluster), if any. */
  agentBehind(resourceId: string): string | null {
    for (const [source, stream] of this.#streams) {
      if (resourceId === source || resourceId.startsWith(`${source}/`)) return stream.agentId;
    }
    return null;
  }

  /** Forgets an agent (or what it reports of one kind): those resources leave the store. */
  remove(agentId: string, kind?: AgentKind): void {
    for (const source of this.sourcesOf(agentId, kind)) {
      this.#streams.delete(source);
      this.#counters.forget(source);
      this.#store.removeSource(source);
    }
  }
}
