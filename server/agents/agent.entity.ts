import { defineEntity, p } from '@mikro-orm/core';
import type { AgentKind } from '../access/abilities.ts';
import type { AgentConfig } from './agent-config.ts';

/**
 * A pulse-agent that has reported at least once, keyed by the id it sends (its machine id
 * unless set). The registry outlives restarts; the resources it reports do not, they come
 * back with its next report.
 */
export const AgentSchema = defineEntity({
  name: 'Agent',
  tableName: 'agents',
  properties: {
    id: p.string().primary(),
    /** What it has reported: host, docker, kubernetes (one agent may send all three). */
    kinds: p.json<AgentKind[]>(),
    hostname: p.string(),
    version: p.string(),
    /** Seconds between reports the agent last promised. */
    intervalSeconds: p.integer(),
    firstReportAt: p.datetime(),
    lastReportAt: p.datetime(),
    /** The API token its last report came with; null for reports made in-process (demo). */
    tokenId: p.string().nullable(),
    /** The PVE node resource this host was matched to, until someone unlinks it. */
    linkedNodeId: p.string().nullable(),
    /** Set from the dashboard, handed to the agent in every report response. */
    config: p.json<AgentConfig>(),
  },
});

export class Agent extends AgentSchema.class {}
AgentSchema.setClass(Agent);
