import type { AgentKind } from '../access/abilities.ts';
import type { Orm } from '../db/orm.ts';
import { Agent } from './agent.entity.ts';
import { type AgentConfig, defaultAgentConfig } from './agent-config.ts';

/** What a report says about the agent that sent it. */
export interface Sighting {
  id: string;
  kind: AgentKind;
  hostname: string;
  version: string;
  intervalSeconds: number;
  at: Date;
  tokenId: string | null;
}

/** The agents table: one row per agent id, written on every report. */
export class AgentRegistry {
  readonly #orm: Orm;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  find(id: string): Promise<Agent | null> {
    return this.#orm.em.fork().findOne(Agent, { id });
  }

  list(): Promise<Agent[]> {
    return this.#orm.em.fork().find(Agent, {}, { orderBy: { hostname: 'asc', id: 'asc' } });
  }

  /** By host name, ignoring case and the domain part either side may leave out. */
  async findByHostname(hostname: string): Promise<Agent | null> {
    const wanted = hostname.trim().toLowerCase();
    const short = (name: string) => name.toLowerCase().split('.')[0] ?? '';
    const all = await this.list();
    return (
      all.find((a) => a.hostname.toLowerCase() === wanted) ??
      all.find((a) => short(a.hostname) === short(wanted)) ??
      null
    );
  }

  /**
   * Records a report's agent, creating the row on its first report. `linkTo` names the PVE node
   * a host agent runs on; it is asked until it finds one or a person links or unlinks.
   */
  async saw(sighting: Sighting, linkTo: () => string | null): Promise<Agent> {
    const em = this.#orm.em.fork();
    let row = await em.findOne(Agent, { id: sighting.id });
    if (!row) {
      row = em.create(Agent, {
        id: sighting.id,
        kinds: [sighting.kind],
        hostname: sighting.hostname,
        version: sighting.version,
        intervalSeconds: sighting.intervalSeconds,
        firstReportAt: sighting.at,
        lastReportAt: sighting.at,
        tokenId: sighting.tokenId,
        // Given, not left to the column default: the ORM would store that default as a string.
        reenrollAllowed: false,
        removedKinds: [],
        linkSetByPerson: false,
        linkedNodeId: sighting.kind === 'host' ? linkTo() : null,
        config: { ...defaultAgentConfig },
      });
    } else {
      if (!row.kinds.includes(sighting.kind)) row.kinds = [...row.kinds, sighting.kind].sort();
      // The host report names the machine; Docker and Kubernetes ones only fill a gap.
      if (sighting.kind === 'host' || !row.kinds.includes('host')) row.hostname = sighting.hostname;
      row.version = sighting.version;
      row.intervalSeconds = sighting.intervalSeconds;
      row.lastReportAt = sighting.at;
      // The node may be added to Pulse after the agent: keep matching until a person decides.
      if (sighting.kind === 'host' && !row.linkedNodeId && !row.linkSetByPerson) {
        row.linkedNodeId = linkTo();
      }
      // Only a token binds (see enrollment.ts); in-process and signed-in reports leave it be.
      if (sighting.tokenId !== null) {
        row.tokenId = sighting.tokenId;
        row.reenrollAllowed = false;
      }
    }
    await em.flush();
    return row;
  }

  updateConfig(id: string, change: Partial<AgentConfig>): Promise<Agent | null> {
    return this.#change(id, (row) => {
      row.config = { ...defaultAgentConfig, ...row.config, ...change };
    });
  }

  /** A person links a host agent to the PVE node it runs on, or unlinks it (null). */
  link(id: string, nodeId: string | null): Promise<Agent | null> {
    return this.#change(id, (row) => {
      row.linkedNodeId = nodeId;
      row.linkSetByPerson = true;
    });
  }

  /** Stops taking reports of these kinds from the agent until re-enrollment is allowed. */
  removeKinds(id: string, kinds: readonly AgentKind[]): Promise<Agent | null> {
    return this.#change(id, (row) => {
      row.kinds = row.kinds.filter((k) => !kinds.includes(k));
      row.removedKinds = [...new Set([...row.removedKinds, ...kinds])].sort();
      row.reenrollAllowed = false;
    });
  }

  /** Lifts removals (all, or of one kind) and lets the next report rebind the token. */
  allowReenroll(id: string, kind: AgentKind | 'all'): Promise<Agent | null> {
    return this.#change(id, (row) => {
      row.removedKinds = kind === 'all' ? [] : row.removedKinds.filter((k) => k !== kind);
      row.reenrollAllowed = true;
    });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.#orm.em.fork().nativeDelete(Agent, { id })) > 0;
  }

  async #change(id: string, edit: (row: Agent) => void): Promise<Agent | null> {
    const em = this.#orm.em.fork();
    const row = await em.findOne(Agent, { id });
    if (!row) return null;
    edit(row);
    await em.flush();
    return row;
  }
}
