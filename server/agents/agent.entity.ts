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
    /**
     * The API token the agent is bound to: the first that reported for it. Reports for this
     * agent with another token are refused while that token exists, unless re-enrollment is
     * allowed. Null for reports made in-process (demo) or by a signed-in person.
     */
    tokenId: p.string().nullable(),
    /** An admin let the next report bind the agent to whatever token it comes with. */
    reenrollAllowed: p.boolean().default(false),
    /**
     * What a person removed (deleted the agent, a Docker runtime, a Kubernetes cluster): those
     * reports are refused until re-enrollment is allowed, so a removal sticks while the agent runs.
     */
    removedKinds: p.json<AgentKind[]>().default('[]'),
    /** The PVE node resource this host is: matched by name, or set by a person. */
    linkedNodeId: p.string().nullable(),
    /** A person linked or unlinked it: name matching no longer changes the link. */
    linkSetByPerson: p.boolean().default(false),
    /** Set from the dashboard, handed to the agent in every report response. */
    config: p.json<AgentConfig>(),
  },
});

export class Agent extends AgentSchema.class {}
AgentSchema.setClass(Agent);
