import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { describeIssue } from './validation.ts';

/**
 * What the server tells an agent in every report response (and on GET …/config), so a change
 * made in the dashboard reaches the agent with its next report.
 */
export const agentConfigSchema = z.object({
  /** Whether the agent may run commands Pulse sends it (AI actions); off unless turned on. */
  commandsEnabled: z.boolean(),
  /** Seconds between reports; null leaves the agent's own setting. */
  intervalSeconds: z.number().int().min(5).max(3_600).nullable(),
});

export type AgentConfig = z.infer<typeof agentConfigSchema>;

export const defaultAgentConfig: AgentConfig = { commandsEnabled: false, intervalSeconds: null };

/** A change to an agent's config: fields left out keep their value; unknown fields are refused. */
const changeSchema = agentConfigSchema.partial().strict();

export function parseAgentConfigChange(body: unknown): Partial<AgentConfig> {
  const parsed = changeSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const { message, field } = describeIssue(issue);
  throw new ValidationError(message, field);
}
