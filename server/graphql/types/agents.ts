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
  description: 'ONLINE: reporting; STALE: a report is late; OFFLINE: three intervals without one',
  values: {
    ONLINE: { value: 'online' },
    STALE: { value: 'stale' },
    OFFLINE: { value: 'offline' },
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
    kinds: t.field({ type: [AgentKindEnum], resolve: (a) => a.kinds }),
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
    description: 'Forgets an agent and removes its resources; it comes back if it reports again',
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
}));
