import type { AgentKind } from '../access/abilities.ts';
import { type Actor, agentReports, authorize } from '../access/actor.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Agent } from './agent.entity.ts';
import { type AgentConfig, parseAgentConfigChange } from './agent-config.ts';
import type { AgentRegistry } from './agent-registry.ts';
import type { AgentIngest } from './ingest.ts';
import { type AgentLiveness, type AgentStatus, statusAfter } from './liveness.ts';
import { parseReport } from './validation.ts';

export interface AgentView {
  id: string;
  kinds: AgentKind[];
  hostname: string;
  version: string;
  intervalSeconds: number;
  firstReportAt: Date;
  lastReportAt: Date;
  status: AgentStatus;
  linkedNodeId: string | null;
  config: AgentConfig;
}

export interface ReportAnswer {
  success: true;
  agentId: string;
  config: AgentConfig;
}

/** Which agent a management call is about: `agentId` (or Pulse's `hostId`), else `hostname`. */
export interface AgentTarget {
  id?: string;
  hostname?: string;
}

function targetOf(body: unknown): AgentTarget {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('the body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const id = input.agentId ?? input.hostId ?? input.id;
  const hostname = input.hostname;
  if (id !== undefined && typeof id !== 'string') {
    throw new ValidationError('agentId must be a string', 'agentId');
  }
  if (hostname !== undefined && typeof hostname !== 'string') {
    throw new ValidationError('hostname must be a string', 'hostname');
  }
  if (!id && !hostname) throw new ValidationError('agentId or hostname is required', 'agentId');
  return { ...(id && { id }), ...(hostname && { hostname }) };
}

/**
 * pulse-agent's side of Pulse: reports in, the registry of agents, and what people do with
 * them. Every method checks the caller first; REST and GraphQL only translate.
 */
export class AgentService {
  readonly #registry: AgentRegistry;
  readonly #ingest: AgentIngest;
  readonly #liveness: AgentLiveness;

  constructor(parts: { registry: AgentRegistry; ingest: AgentIngest; liveness: AgentLiveness }) {
    this.#registry = parts.registry;
    this.#ingest = parts.ingest;
    this.#liveness = parts.liveness;
  }

  /** Takes one report whole: refused (401/403/400) before anything of it lands. */
  async report(actor: Actor, kind: AgentKind, body: unknown): Promise<ReportAnswer> {
    authorize(actor, 'report', agentReports(kind));
    const report = parseReport(kind, body);
    const tokenId = actor.kind === 'token' ? actor.credentialId : null;
    const { agentId, config } = await this.#ingest.accept(kind, report, tokenId);
    return { success: true, agentId, config };
  }

  async list(actor: Actor): Promise<AgentView[]> {
    authorize(actor, 'read', 'Agent');
    return (await this.#registry.list()).map((row) => this.#view(row));
  }

  async get(actor: Actor, id: string): Promise<AgentView> {
    authorize(actor, 'read', 'Agent');
    return this.#view(await this.#find(id));
  }

  /** Pulse's lookup for installers and agents: is this machine registered? */
  async lookup(actor: Actor, target: AgentTarget): Promise<AgentView> {
    authorize(actor, 'report', agentReports('host'));
    if (!target.id && !target.hostname) {
      throw new ValidationError('give id or hostname', 'id');
    }
    const row = target.id
      ? await this.#registry.find(target.id)
      : await this.#registry.findByHostname(target.hostname ?? '');
    if (!row) throw new NotFoundError(`no agent ${target.id ?? target.hostname}`);
    return this.#view(row);
  }

  /**
   * An agent unregistering itself as it is uninstalled: its registry row and resources go. A
   * report token may only remove the agent it reports for; managers may remove any.
   */
  async uninstall(actor: Actor, body: unknown): Promise<{ success: true; agentId: string }> {
    authorize(actor, 'report', agentReports('host'));
    const target = targetOf(body);
    const row = target.id
      ? await this.#registry.find(target.id)
      : await this.#registry.findByHostname(target.hostname ?? '');
    if (!row) throw new NotFoundError(`no agent ${target.id ?? target.hostname}`);
    const manager = actor.ability.can('update', 'Agent');
    if (!manager && (actor.kind !== 'token' || row.tokenId !== actor.credentialId)) {
      throw new ForbiddenError('this agent reports with another token');
    }
    await this.#forget(row.id);
    return { success: true, agentId: row.id };
  }

  /** Detaches a host agent from the PVE node it was matched to. */
  async unlink(actor: Actor, body: unknown): Promise<{ success: true; agentId: string }> {
    authorize(actor, 'update', 'Agent');
    const target = targetOf(body);
    const id = target.id ?? (await this.#registry.findByHostname(target.hostname ?? ''))?.id;
    const row = id ? await this.#registry.unlink(id) : null;
    if (!row) throw new NotFoundError(`no agent ${target.id ?? target.hostname}`);
    return { success: true, agentId: row.id };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'update', 'Agent');
    await this.#find(id);
    await this.#forget(id);
  }

  /** The remote config, for the agent (agent:report) or anyone who reads agents. */
  async config(actor: Actor, id: string): Promise<{ agentId: string; config: AgentConfig }> {
    if (!actor.ability.can('report', agentReports('host'))) authorize(actor, 'read', 'Agent');
    const row = await this.#find(id);
    return { agentId: row.id, config: { ...row.config } };
  }

  async updateConfig(actor: Actor, id: string, body: unknown): Promise<AgentView> {
    authorize(actor, 'update', 'Agent');
    const change = parseAgentConfigChange(body);
    const row = await this.#registry.updateConfig(id, change);
    if (!row) throw new NotFoundError(`no agent ${id}`);
    return this.#view(row);
  }

  async #find(id: string): Promise<Agent> {
    const row = await this.#registry.find(id);
    if (!row) throw new NotFoundError(`no agent ${id}`);
    return row;
  }

  /** Waits for a report in flight, so it cannot bring the agent back half-removed. */
  #forget(id: string): Promise<void> {
    return this.#ingest.oneAtATime(id, async () => {
      await this.#registry.remove(id);
      this.#liveness.remove(id);
    });
  }

  #view(row: Agent): AgentView {
    const interval = row.config.intervalSeconds ?? row.intervalSeconds;
    const status =
      this.#liveness.statusOf(row.id) ??
      statusAfter(this.#liveness.now() - row.lastReportAt.getTime(), interval * 1000);
    return {
      id: row.id,
      kinds: [...row.kinds],
      hostname: row.hostname,
      version: row.version,
      intervalSeconds: interval,
      firstReportAt: row.firstReportAt,
      lastReportAt: row.lastReportAt,
      status,
      linkedNodeId: row.linkedNodeId ?? null,
      config: { ...row.config },
    };
  }
}
