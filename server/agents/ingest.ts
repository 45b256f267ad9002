import type { AgentKind } from '../access/abilities.ts';
import { ValidationError } from '../errors.ts';
import type { Resource } from '../resources/model.ts';
import type { ResourceStore } from '../resources/store.ts';
import type { AgentConfig } from './agent-config.ts';
import type { AgentRegistry } from './agent-registry.ts';
import type { CounterMemory } from './counters.ts';
import { assertMayReport } from './enrollment.ts';
import type { AgentLiveness } from './liveness.ts';
import { mapDockerReport } from './map-docker.ts';
import { mapHostReport, withNodeLink } from './map-host.ts';
import { mapKubernetesReport } from './map-kubernetes.ts';
import { agentSource, epochMs, type MapContext } from './sources.ts';
import type { ReportOf } from './validation.ts';

/** Seconds between reports when neither the agent nor its config says. */
export const defaultIntervalSeconds = 30;

export interface Accepted {
  agentId: string;
  config: AgentConfig;
  /** The token the agent was bound to before this report's token took it over. */
  tookOverFrom: string | null;
}

function hostnameOf(kind: AgentKind, report: ReportOf[AgentKind]): string {
  if ('host' in report) return report.host.hostname;
  if (kind === 'kubernetes' && 'cluster' in report)
    return report.agent.hostname || report.cluster.name;
  return report.agent.hostname || report.agent.id;
}

function mapReport(kind: AgentKind, report: ReportOf[AgentKind], context: MapContext): Resource[] {
  if (kind === 'host') return mapHostReport(report as ReportOf['host'], context);
  if (kind === 'docker') return mapDockerReport(report as ReportOf['docker'], context);
  return mapKubernetesReport(report as ReportOf['kubernetes'], context);
}

/** Two containers (or pods, nodes) with one id would make the snapshot ambiguous: refuse it. */
function assertUniqueIds(resources: readonly Resource[]): void {
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.id)) {
      const local = resource.id.slice(resource.source.length + 1);
      throw new ValidationError(`the report lists ${local} twice`);
    }
    seen.add(resource.id);
  }
}

/**
 * Turns a checked report into resources and applies them as the agent's snapshot: the
 * registry row is written first, then the store; a report refused on the way changes neither.
 * Reports of one agent are taken one at a time.
 */
export class AgentIngest {
  readonly #store: ResourceStore;
  readonly #registry: AgentRegistry;
  readonly #counters: CounterMemory;
  readonly #liveness: AgentLiveness;
  readonly #tokenExists: (id: string) => Promise<boolean>;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(parts: {
    store: ResourceStore;
    registry: AgentRegistry;
    counters: CounterMemory;
    liveness: AgentLiveness;
    /** Whether an API token still exists (not revoked, not expired). */
    tokenExists: (id: string) => Promise<boolean>;
  }) {
    this.#store = parts.store;
    this.#registry = parts.registry;
    this.#counters = parts.counters;
    this.#liveness = parts.liveness;
    this.#tokenExists = parts.tokenExists;
  }

  accept<K extends AgentKind>(
    kind: K,
    report: ReportOf[K],
    tokenId: string | null,
  ): Promise<Accepted> {
    return this.oneAtATime(report.agent.id, () => this.#accept(kind, report, tokenId));
  }

  /** Runs `work` after whatever else is running for this agent. */
  oneAtATime<T>(agentId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(agentId) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => {});
    this.#queues.set(agentId, settled);
    void settled.then(() => {
      if (this.#queues.get(agentId) === settled) this.#queues.delete(agentId);
    });
    return run;
  }

  async #accept(
    kind: AgentKind,
    report: ReportOf[AgentKind],
    tokenId: string | null,
  ): Promise<Accepted> {
    const receivedAt = this.#liveness.now();
    const agent = report.agent;
    const known = await this.#registry.find(agent.id);
    await assertMayReport(known, kind, tokenId, this.#tokenExists);
    const reported = agent.intervalSeconds ? Math.max(1, Math.round(agent.intervalSeconds)) : null;
    const intervalSeconds =
      known?.config.intervalSeconds ?? reported ?? known?.intervalSeconds ?? defaultIntervalSeconds;
    const clusterId = 'cluster' in report ? report.cluster.id : undefined;
    const source = agentSource(kind, agent.id, clusterId);
    const agentTime = epochMs(report.timestamp);
    const counters = this.#counters.begin(
      source,
      agentTime ?? receivedAt,
      agentTime === null ? 'server' : 'agent',
    );
    const resources = mapReport(kind, report, {
      source,
      receivedAt,
      intervalSeconds,
      rate: counters.rate,
    });
    assertUniqueIds(resources);
    const row = await this.#registry.saw(
      {
        id: agent.id,
        kind,
        hostname: hostnameOf(kind, report),
        version: agent.version,
        intervalSeconds: reported ?? known?.intervalSeconds ?? defaultIntervalSeconds,
        at: new Date(receivedAt),
        tokenId,
      },
      () => this.#nodeNamed(hostnameOf(kind, report)),
    );
    const linked = withNodeLink(resources, row.linkedNodeId ?? null);
    this.#store.apply(source, linked);
    counters.commit();
    this.#liveness.reported(source, {
      agentId: agent.id,
      kind,
      lastReportAt: receivedAt,
      intervalMs: intervalSeconds * 1000,
      snapshot: linked,
    });
    const previous = known?.tokenId ?? null;
    const tookOverFrom = previous !== null && previous !== row.tokenId ? previous : null;
    return { agentId: row.id, config: { ...row.config }, tookOverFrom };
  }

  /** A PVE node this host is, by name (the agent runs on the node itself). */
  #nodeNamed(hostname: string): string | null {
    const short = hostname.toLowerCase().split('.')[0];
    const node = this.#store.all().find((r) => r.type === 'node' && r.name.toLowerCase() === short);
    return node?.id ?? null;
  }
}
