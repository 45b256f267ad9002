import type { AgentKind } from '../access/abilities.ts';
import type { AgentInfo } from './reports.ts';

/**
 * Where an agent's resources live in the state store: one source per agent and kind (and per
 * cluster for Kubernetes, as one agent may watch several), so each report replaces exactly
 * the snapshot it describes. The agent id is encoded: it is the agent's to choose.
 */
export function agentSource(kind: AgentKind, agentId: string, clusterId = ''): string {
  const id = encodeURIComponent(agentId);
  if (kind === 'host') return `host-agent:${id}`;
  if (kind === 'docker') return `docker-agent:${id}`;
  return `k8s-agent:${id}:${encodeURIComponent(clusterId)}`;
}

/** An instant the agent sent (epoch ms or ISO), or null when absent or unreadable. */
export function epochMs(value: number | string | undefined): number | null {
  if (value === undefined) return null;
  const at = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(at) && at > 0 ? at : null;
}

/** What every mapper needs besides the report. */
export interface MapContext {
  source: string;
  /** When the server took the report: the resources' lastSeenAt. */
  receivedAt: number;
  /** Seconds between reports the server expects (the configured one wins). */
  intervalSeconds: number;
  /**
   * Cumulative counters → bytes per second, keyed within the source. Null on the first
   * report and after a counter reset.
   */
  rate(key: string, counters: Record<string, number | null>): Record<string, number | null>;
}

export function agentLink(agent: AgentInfo, context: MapContext) {
  return {
    agentId: agent.id,
    agentVersion: agent.version || null,
    intervalSeconds: context.intervalSeconds,
  };
}

/** Sum of the known values; null when none is known. */
export function total(values: readonly (number | null | undefined)[]): number | null {
  let result: number | null = null;
  for (const value of values) if (typeof value === 'number') result = (result ?? 0) + value;
  return result;
}
