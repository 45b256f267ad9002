import type { AgentView } from '../../agents/agent.service.ts';
import type { AgentConfig } from '../../agents/agent-config.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const AgentKindEnum = builder.enumType('AgentKind', {
  description: 'What an agent reports',
  values: {
    HOST: { value: 'host' },
    DOCKER: { value: 'docker' },
    KUBERNETES: { value: 'kubernetes' },
  } as const,
});

const AgentStatusEnum = builder.enumType('AgentStatus', {
  description:
    'ONLINE: reporting; STALE: a report is late; OFFLINE: three intervals without one; ' +
    'REMOVED: a person removed it, its reports are refused until re-enrollment is allowed',
  values: {
    ONLINE: { value: 'online' },
    STALE: { value: 'stale' },
    OFFLINE: { value: 'offline' },
    REMOVED: { value: 'removed' },
  } as const,
});

const AgentConfigRef = builder.objectRef<AgentConfig>('AgentConfig').implement({
  description: 'Settings handed to the agent with every report response',
  fields: (t) => ({
    commandsEnabled: t.exposeBoolean('commandsEnabled', {
      description: 'Whether the agent may run commands Pulse sends it',
    }),
    intervalSeconds: t.exposeInt('intervalSeconds', {
      nullable: true,
      description: "Seconds between reports; null leaves the agent's own setting",
    }),
  }),
});

const AgentRef = builder.objectRef<AgentView>('Agent').implement({
  description: 'A pulse-agent that has reported (host, Docker, Kubernetes)',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The id the agent reports with (its machine id by default)',
    }),
    kinds: t.field({
      type: [AgentKindEnum],
      description: 'What Pulse takes from it now',
      resolve: (a) => a.kinds,
    }),
    removedKinds: t.field({
      type: [AgentKindEnum],
      description: 'What a person removed; those reports are refused until re-enrollment',
      resolve: (a) => a.removedKinds,
    }),
    tokenName: t.exposeString('tokenName', {
      nullable: true,
      description:
        'The API token it is enrolled with; reports for it with another token are refused. ' +
        'Null when it reports in-process or its token was revoked (the next token takes over)',
    }),
    reenrollAllowed: t.exposeBoolean('reenrollAllowed', {
      description: 'The next report may bring a new token and brings back what was removed',
    }),
    hostname: t.exposeString('hostname'),
    version: t.exposeString('version'),
    intervalSeconds: t.exposeInt('intervalSeconds', {
      description: 'Seconds between reports the server expects',
    }),
    firstReportAt: t.field({ type: 'DateTime', resolve: (a) => a.firstReportAt }),
    lastReportAt: t.field({ type: 'DateTime', resolve: (a) => a.lastReportAt }),
    status: t.field({ type: AgentStatusEnum, resolve: (a) => a.status }),
    linkedNodeId: t.exposeString('linkedNodeId', {
      nullable: true,
      description: 'The PVE node resource this host agent runs on, when linked',
    }),
    config: t.field({ type: AgentConfigRef, resolve: (a) => a.config }),
  }),
});

const AgentConfigInput = builder.inputType('AgentConfigInput', {
  description: 'Fields left out keep their value; intervalSeconds null returns it to the agent',
  fields: (t) => ({
    commandsEnabled: t.boolean(),
    intervalSeconds: t.int(),
  }),
});

builder.queryFields((t) => ({
  agents: t.field({
    type: [AgentRef],
    description: 'Every agent that has reported, with its status',
    resolve: (_root, _args, { services, actor }) => services.agents.list(actor),
  }),
}));

builder.mutationFields((t) => ({
  deleteAgent: t.field({
    type: 'Boolean',
    description:
      'Removes an agent and its resources; its reports are refused until re-enrollment is allowed',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { services, actor }) => {
      await services.agents.remove(actor, String(id));
      return true;
    },
  }),
  updateAgentConfig: t.field({
    type: AgentRef,
    errors: mutationErrors,
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: AgentConfigInput, required: true }),
    },
    resolve: (_root, { id, input }, { services, actor }) =>
      services.agents.updateConfig(
        actor,
        String(id),
        Object.fromEntries(
          Object.entries(input).filter(
            ([k, v]) => v !== undefined && (v !== null || k === 'intervalSeconds'),
          ),
        ),
      ),
  }),
  allowAgentReenroll: t.field({
    type: AgentRef,
    description:
      'Takes a removed agent back and lets its next report rebind it to the token it brings',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, actor }) =>
      services.agents.allowReenroll(actor, String(id)),
  }),
  removeAgentKind: t.field({
    type: AgentRef,
    description: 'Removes what an agent reports of one kind (its Docker runtime, its clusters)',
    errors: mutationErrors,
    args: {
      id: t.arg.id({ required: true }),
      kind: t.arg({ type: AgentKindEnum, required: true }),
    },
    resolve: (_root, { id, kind }, { services, actor }) =>
      services.agents.removeKind(actor, String(id), kind),
  }),
  linkAgent: t.field({
    type: AgentRef,
    description: 'Links a host agent to the PVE node it runs on; nodeId null unlinks it',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }), nodeId: t.arg.id() },
    resolve: async (_root, { id, nodeId }, { services, actor }) => {
      const body = { agentId: String(id), ...(nodeId && { nodeId: String(nodeId) }) };
      if (nodeId) await services.agents.link(actor, body);
      else await services.agents.unlink(actor, body);
      return services.agents.get(actor, String(id));
    },
  }),
}));
