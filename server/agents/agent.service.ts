import type { AgentKind } from '../access/abilities.ts';
import { type Actor, agentsOf, authorize } from '../access/actor.ts';
import type { AuditEventType } from '../audit/audit-filter.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AuditDetails } from '../audit/chain.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Agent } from './agent.entity.ts';
import { type AgentConfig, parseAgentConfigChange } from './agent-config.ts';
import type { AgentRegistry } from './agent-registry.ts';
import { type AgentTarget, linkOf, targetOf } from './agent-target.ts';
import type { AgentIngest } from './ingest.ts';
import { type AgentLiveness, type AgentStatus, statusAfter } from './liveness.ts';
import { parseReport } from './validation.ts';

export type { AgentTarget } from './agent-target.ts';

export interface AgentView {
  id: string;
  /** What it reports now. */
  kinds: AgentKind[];
  /** What a person removed; those reports are refused until re-enrollment is allowed. */
  removedKinds: AgentKind[];
  hostname: string;
  version: string;
  intervalSeconds: number;
  firstReportAt: Date;
  lastReportAt: Date;
  /** `removed` once nothing it reports is taken any more. */
  status: AgentStatus | 'removed';
  linkedNodeId: string | null;
  /** The name of the API token it is enrolled with; null in-process or once revoked. */
  tokenName: string | null;
  reenrollAllowed: boolean;
  config: AgentConfig;
}

export interface ReportAnswer {
  success: true;
  agentId: string;
  config: AgentConfig;
}

const allKinds: AgentKind[] = ['host', 'docker', 'kubernetes'];

/** What the agent side needs to know of the rest of Pulse. */
export interface AgentPeers {
  /** The name of an API token that still works, or null. */
  tokenName: (id: string) => Promise<string | null>;
  /** Whether a resource id is a PVE node, for links. */
  isNode: (id: string) => boolean;
  audit: AuditLog;
}

/**
 * pulse-agent's side of Pulse: reports in, the registry of agents, and what people do with
 * them. Every method checks the caller first; REST and GraphQL only translate. Whole-agent
 * changes need the host kind's manage right (agent:manage); a Docker runtime or Kubernetes
 * cluster removal needs that kind's (docker:manage, kubernetes:manage).
 */
export class AgentService {
  readonly #registry: AgentRegistry;
  readonly #ingest: AgentIngest;
  readonly #liveness: AgentLiveness;
  readonly #peers: AgentPeers;

  constructor(parts: {
    registry: AgentRegistry;
    ingest: AgentIngest;
    liveness: AgentLiveness;
    peers: AgentPeers;
  }) {
    this.#registry = parts.registry;
    this.#ingest = parts.ingest;
    this.#liveness = parts.liveness;
    this.#peers = parts.peers;
  }

  /** Takes one report whole: refused (401/403/400/409) before anything of it lands. */
  async report(actor: Actor, kind: AgentKind, body: unknown): Promise<ReportAnswer> {
    authorize(actor, 'report', agentsOf(kind));
    const report = parseReport(kind, body);
    const tokenId = actor.kind === 'token' ? actor.credentialId : null;
    const { agentId, config, tookOverFrom } = await this.#ingest.accept(kind, report, tokenId);
    if (tookOverFrom !== null) {
      await this.#audit(actor, 'agent_token_changed', agentId, { previousTokenId: tookOverFrom });
    }
    return { success: true, agentId, config };
  }

  async list(actor: Actor): Promise<AgentView[]> {
    authorize(actor, 'read', 'Agent');
    return Promise.all((await this.#registry.list()).map((row) => this.#view(row)));
  }

  async get(actor: Actor, id: string): Promise<AgentView> {
    authorize(actor, 'read', 'Agent');
    return this.#view(await this.#find(id));
  }

  /** Pulse's lookup for installers and agents: is this machine registered? */
  async lookup(actor: Actor, target: AgentTarget): Promise<AgentView> {
    authorize(actor, 'report', agentsOf('host'));
    if (!target.id && !target.hostname) throw new ValidationError('give id or hostname', 'id');
    return this.#view(await this.#target(target));
  }

  /**
   * An agent unregistering itself as it is uninstalled: its registry row and resources go, so
   * a later install starts fresh. A report token may only remove the agent it is enrolled with.
   */
  async uninstall(actor: Actor, body: unknown): Promise<{ success: true; agentId: string }> {
    authorize(actor, 'report', agentsOf('host'));
    const row = await this.#target(targetOf(body));
    const manager = actor.ability.can('update', agentsOf('host'));
    if (!manager && (actor.kind !== 'token' || row.tokenId !== actor.credentialId)) {
      throw new ForbiddenError('this agent reports with another token');
    }
    await this.#ingest.oneAtATime(row.id, async () => {
      await this.#registry.remove(row.id);
      this.#liveness.remove(row.id);
    });
    return { success: true, agentId: row.id };
  }

  /** Links a host agent to the PVE node it runs on (Pulse's `/link`). */
  async link(actor: Actor, body: unknown): Promise<{ success: true; agentId: string }> {
    authorize(actor, 'update', agentsOf('host'));
    const { target, nodeId } = linkOf(body);
    if (!this.#peers.isNode(nodeId)) throw new NotFoundError(`no PVE node ${nodeId}`);
    return this.#setLink(actor, target, nodeId);
  }

  /** Detaches a host agent from the PVE node it was matched to. */
  async unlink(actor: Actor, body: unknown): Promise<{ success: true; agentId: string }> {
    authorize(actor, 'update', agentsOf('host'));
    return this.#setLink(actor, targetOf(body), null);
  }

  /**
   * Removes an agent from Pulse: its resources leave, and its reports are refused (409) until
   * re-enrollment is allowed, so the removal sticks while the agent keeps running. Removing
   * an agent already removed forgets it, so a later install of it is welcome again.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'update', agentsOf('host'));
    const row = await this.#find(id);
    if (row.kinds.length > 0) await this.#removeKinds(actor, row, allKinds);
    else await this.forget(actor, id);
  }

  /** Forgets an agent entirely, as if it never reported (the demo's agents when it stops). */
  async forget(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'update', agentsOf('host'));
    const row = await this.#find(id);
    await this.#ingest.oneAtATime(row.id, async () => {
      await this.#registry.remove(row.id);
      this.#liveness.remove(row.id);
    });
    await this.#audit(actor, 'agent_removed', row.id, { hostname: row.hostname, forgotten: true });
  }

  /** Removes what one agent reports of one kind: a Docker runtime, its Kubernetes clusters. */
  async removeKind(actor: Actor, idOrResource: string, kind: AgentKind): Promise<AgentView> {
    authorize(actor, 'update', agentsOf(kind));
    const row = await this.#behind(idOrResource);
    if (!row.kinds.includes(kind)) throw new NotFoundError(`agent ${row.id} reports no ${kind}`);
    return this.#view(await this.#removeKinds(actor, row, [kind]));
  }

  /** Lets the next report in again: lifts removals and rebinds to the token it brings. */
  async allowReenroll(
    actor: Actor,
    idOrResource: string,
    kind: AgentKind | 'all' = 'all',
  ): Promise<AgentView> {
    authorize(actor, 'update', agentsOf(kind === 'all' ? 'host' : kind));
    const row = await this.#behind(idOrResource);
    const changed = await this.#registry.allowReenroll(row.id, kind);
    if (!changed) throw new NotFoundError(`no agent ${row.id}`);
    await this.#audit(actor, 'agent_reenroll_allowed', row.id, { kind });
    return this.#view(changed);
  }

  /** The remote config, for the agent (agent:report) or anyone who reads agents. */
  async config(actor: Actor, id: string): Promise<{ agentId: string; config: AgentConfig }> {
    if (!actor.ability.can('report', agentsOf('host'))) authorize(actor, 'read', 'Agent');
    const row = await this.#find(id);
    return { agentId: row.id, config: { ...row.config } };
  }

  async updateConfig(actor: Actor, id: string, body: unknown): Promise<AgentView> {
    authorize(actor, 'update', agentsOf('host'));
    const change = parseAgentConfigChange(body);
    const row = await this.#registry.updateConfig(id, change);
    if (!row) throw new NotFoundError(`no agent ${id}`);
    await this.#audit(actor, 'agent_changed', id, { ...change });
    return this.#view(row);
  }

  async #find(id: string): Promise<Agent> {
    const row = await this.#registry.find(id);
    if (!row) throw new NotFoundError(`no agent ${id}`);
    return row;
  }

  async #target(target: AgentTarget): Promise<Agent> {
    const row = target.id
      ? await this.#registry.find(target.id)
      : await this.#registry.findByHostname(target.hostname ?? '');
    if (!row) throw new NotFoundError(`no agent ${target.id ?? target.hostname}`);
    return row;
  }

  /** An agent by its id, or by a resource it reported (Pulse names runtimes by their host). */
  #behind(idOrResource: string): Promise<Agent> {
    return this.#find(this.#liveness.agentBehind(idOrResource) ?? idOrResource);
  }

  async #setLink(actor: Actor, target: AgentTarget, nodeId: string | null) {
    const row = await this.#target(target);
    // After any report in flight, so its older link cannot land after this one.
    await this.#ingest.oneAtATime(row.id, async () => {
      await this.#registry.link(row.id, nodeId);
      this.#liveness.relink(row.id, nodeId);
    });
    await this.#audit(actor, 'agent_changed', row.id, { linkedNodeId: nodeId });
    return { success: true as const, agentId: row.id };
  }

  /** Waits for a report in flight, so it cannot bring the agent back half-removed. */
  async #removeKinds(actor: Actor, row: Agent, kinds: AgentKind[]): Promise<Agent> {
    const changed = await this.#ingest.oneAtATime(row.id, async () => {
      const after = await this.#registry.removeKinds(row.id, kinds);
      for (const kind of kinds) this.#liveness.remove(row.id, kind);
      return after;
    });
    if (!changed) throw new NotFoundError(`no agent ${row.id}`);
    await this.#audit(actor, 'agent_removed', row.id, { hostname: row.hostname, kinds });
    return changed;
  }

  async #audit(actor: Actor, event: AuditEventType, agentId: string, details: AuditDetails) {
    await this.#peers.audit.record({ event, user: actor.name, details: { agentId, ...details } });
  }

  async #view(row: Agent): Promise<AgentView> {
    const interval = row.config.intervalSeconds ?? row.intervalSeconds;
    // Taking nothing from it: removed, or let back and not heard from since.
    const idle = row.kinds.length === 0;
    const status =
      idle && row.removedKinds.length > 0
        ? 'removed'
        : idle
          ? 'offline'
          : (this.#liveness.statusOf(row.id) ??
            statusAfter(this.#liveness.now() - row.lastReportAt.getTime(), interval * 1000));
    return {
      id: row.id,
      kinds: [...row.kinds],
      removedKinds: [...row.removedKinds],
      hostname: row.hostname,
      version: row.version,
      intervalSeconds: interval,
      firstReportAt: row.firstReportAt,
      lastReportAt: row.lastReportAt,
      status,
      linkedNodeId: row.linkedNodeId ?? null,
      tokenName: row.tokenId ? await this.#peers.tokenName(row.tokenId) : null,
      reenrollAllowed: row.reenrollAllowed,
      config: { ...row.config },
    };
  }
}
