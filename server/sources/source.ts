import type { Resource } from '../resources/model.ts';
import type { SourceRecords } from '../resources/records.ts';

/** What one poll returns: the full set of resources, and records when the source has any. */
export interface SourceSnapshot {
  resources: Resource[];
  records: SourceRecords | null;
}

/**
 * One upstream (a PVE cluster, a PBS, an agent, the demo estate) turned into a full snapshot
 * of its resources in the unified model. A source knows nothing of GraphQL or REST.
 */
export interface Source {
  /** Stable id; every resource it reports has `source === id` and an id under `<id>/`. */
  readonly id: string;
  /** What the user calls it (the node's configured name). */
  readonly name: string;
  readonly kind: 'pve' | 'pbs' | 'pmg' | 'demo';
  /** How often to poll, in milliseconds. */
  readonly intervalMs: number;
  poll(signal: AbortSignal): Promise<SourceSnapshot>;
  /** Releases connections when the source is removed. */
  close?(): Promise<void>;
}

/** How polling of one source is going, for the scheduler health views. */
export interface SourceHealth {
  id: string;
  name: string;
  kind: Source['kind'];
  intervalMs: number;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: number | null;
  lastPollDurationMs: number | null;
  /** closed: polling normally; open: failing, waiting to probe; half-open: probing. */
  breaker: 'closed' | 'open' | 'half-open';
  /** Polls given up on while the breaker was open. */
  deadLetters: number;
  /** True once the source's resources were marked unknown after missed polls. */
  stale: boolean;
}
