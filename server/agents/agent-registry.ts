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
   * Records a report's agent, creating the row on its first report. `linkTo` is asked only
   * then: a host agent on a PVE node is linked to it once, and an unlink sticks.
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
      row.tokenId = sighting.tokenId;
    }
    await em.flush();
    return row;
  }

  async updateConfig(id: string, change: Partial<AgentConfig>): Promise<Agent | null> {
    const em = this.#orm.em.fork();
    const row = await em.findOne(Agent, { id });
    if (!row) return null;
    row.config = { ...defaultAgentConfig, ...row.config, ...change };
    await em.flush();
    return row;
  }

  async unlink(id: string): Promise<Agent | null> {
    const em = this.#orm.em.fork();
    const row = await em.findOne(Agent, { id });
    if (!row) return null;
    row.linkedNodeId = null;
    await em.flush();
    return row;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.#orm.em.fork().nativeDelete(Agent, { id })) > 0;
  }
}
