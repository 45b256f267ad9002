import { ValidationError } from '../errors.ts';

/** Which agent a management call is about: `agentId` (or Pulse's `hostId`), else `hostname`. */
export interface AgentTarget {
  id?: string;
  hostname?: string;
}

function objectOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value !== undefined && typeof value !== 'string') {
    throw new ValidationError(`${key} must be a string`, key);
  }
  return value || undefined;
}

/** The agent named in a body by `agentId`, `hostId`, `id` or `hostname`. */
export function targetOf(body: unknown): AgentTarget {
  const input = objectOf(body);
  const key = ['agentId', 'hostId', 'id'].find((k) => input[k] !== undefined) ?? 'agentId';
  const id = optionalString(input, key);
  const hostname = optionalString(input, 'hostname');
  if (!id && !hostname) throw new ValidationError('agentId or hostname is required', 'agentId');
  return { ...(id && { id }), ...(hostname && { hostname }) };
}

/** Pulse's link body: the agent, and the PVE node it runs on (`nodeId`). */
export function linkOf(body: unknown): { target: AgentTarget; nodeId: string } {
  const target = targetOf(body);
  const nodeId = optionalString(objectOf(body), 'nodeId');
  if (!nodeId) throw new ValidationError('nodeId is required', 'nodeId');
  return { target, nodeId };
}
