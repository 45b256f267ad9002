import type { Resource } from '../resources/model.ts';

/**
 * One upstream (a PVE cluster, a PBS, an agent, the demo estate) turned into a full snapshot
 * of its resources in the unified model. A source knows nothing of GraphQL or REST.
 */
export interface Source {
  /** Stable id; every resource it reports has `source === id` and an id under `<id>/`. */
  readonly id: string;
  /** How often to poll, in milliseconds. */
  readonly intervalMs: number;
  poll(signal: AbortSignal): Promise<Resource[]>;
}
