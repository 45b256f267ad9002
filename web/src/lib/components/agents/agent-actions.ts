import { mutate, type Outcome } from '../../graphql/answers.ts';
import {
  AllowAgentReenrollMutation,
  DeleteAgentMutation,
  LinkAgentMutation,
  RemoveAgentKindMutation,
  UpdateAgentConfigMutation,
} from '../../graphql/documents/agents.ts';
import type { AgentConfigInput, AgentKind } from '../../graphql/generated/graphql.ts';
import type { Agent } from './agent-view.ts';

export type { Outcome } from '../../graphql/answers.ts';

export function updateConfig(id: string, input: AgentConfigInput): Promise<Outcome<Agent>> {
  return mutate(UpdateAgentConfigMutation, { id, input }, (d) => d.updateAgentConfig);
}

/** nodeId null unlinks. */
export function link(id: string, nodeId: string | null): Promise<Outcome<Agent>> {
  return mutate(LinkAgentMutation, { id, nodeId }, (d) => d.linkAgent);
}

export function allowReenroll(id: string): Promise<Outcome<Agent>> {
  return mutate(AllowAgentReenrollMutation, { id }, (d) => d.allowAgentReenroll);
}

export function removeKind(id: string, kind: AgentKind): Promise<Outcome<Agent>> {
  return mutate(RemoveAgentKindMutation, { id, kind }, (d) => d.removeAgentKind);
}

/** Removes an agent; the same call on a removed agent forgets it. */
export function deleteAgent(id: string): Promise<Outcome<boolean>> {
  return mutate(DeleteAgentMutation, { id }, (d) => d.deleteAgent);
}

/** How the settings form describes the interval: the agent's own, or a fixed number. */
export interface SettingsValues {
  interval: 'own' | 'fixed';
  /** A number input's value: null while it is empty. */
  seconds: number | null;
  commandsEnabled: boolean;
  /** '' for not linked. */
  nodeId: string;
}

export const settingsOf = (agent: Agent): SettingsValues => ({
  interval: agent.config.intervalSeconds === null ? 'own' : 'fixed',
  seconds: agent.config.intervalSeconds ?? agent.intervalSeconds,
  commandsEnabled: agent.config.commandsEnabled,
  nodeId: agent.linkedNodeId ?? '',
});

export const minInterval = 5;
export const maxInterval = 3_600;

/** The config change, or why the seconds cannot be sent; null interval hands it back to the agent. */
export function configInput(values: SettingsValues): AgentConfigInput | { error: string } {
  if (values.interval === 'own') {
    return { commandsEnabled: values.commandsEnabled, intervalSeconds: null };
  }
  const seconds = values.seconds;
  if (
    seconds === null ||
    !Number.isInteger(seconds) ||
    seconds < minInterval ||
    seconds > maxInterval
  ) {
    return { error: `Give a whole number of seconds from ${minInterval} to ${maxInterval}.` };
  }
  return { commandsEnabled: values.commandsEnabled, intervalSeconds: seconds };
}

/**
 * Saves what changed: the config, then the node link. Stops at the first refusal, naming the
 * field when the server blamed one.
 */
export async function saveSettings(
  agent: Agent,
  values: SettingsValues,
  canLink: boolean,
): Promise<Outcome<Agent>> {
  const input = configInput(values);
  if ('error' in input) return { ok: false, message: input.error, field: 'intervalSeconds' };
  let saved = agent;
  const before = agent.config;
  if (
    input.commandsEnabled !== before.commandsEnabled ||
    input.intervalSeconds !== before.intervalSeconds
  ) {
    const outcome = await updateConfig(agent.id, input);
    if (!outcome.ok) return outcome;
    saved = outcome.data;
  }
  if (canLink && values.nodeId !== (agent.linkedNodeId ?? '')) {
    const outcome = await link(agent.id, values.nodeId || null);
    if (!outcome.ok) return { ...outcome, field: outcome.field ?? 'nodeId' };
    saved = outcome.data;
  }
  return { ok: true, data: saved };
}
