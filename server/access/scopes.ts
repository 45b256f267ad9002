import { ValidationError } from '../errors.ts';

/**
 * The scopes an API token may carry, as Pulse names them. `*` is everything the token's
 * creator may do. Agent and AI scopes are accepted now so tokens minted for them keep working;
 * what they grant arrives with those areas.
 */
export const scopes = [
  '*',
  'monitoring:read',
  'monitoring:write',
  'settings:read',
  'settings:write',
  'audit:read',
  'agent:report',
  'agent:config:read',
  'agent:manage',
  'agent:enroll',
  'agent:exec',
  'docker:report',
  'docker:manage',
  'kubernetes:report',
  'kubernetes:manage',
  'ai:chat',
  'ai:execute',
] as const;

export type Scope = (typeof scopes)[number];

/** Older names Pulse still accepts, mapped to today's. */
const aliases: Record<string, Scope> = {
  'host-agent:report': 'agent:report',
  'host-agent:config:read': 'agent:config:read',
  'host-agent:manage': 'agent:manage',
  'host-agent:enroll': 'agent:enroll',
};

const known = new Set<string>(scopes);

/**
 * Validates a requested scope list: aliases become today's names, duplicates go, an empty list
 * means `*` (as in Pulse), and `*` cannot be combined with anything else.
 */
export function normalizeScopes(requested: readonly string[] | undefined): Scope[] {
  const list = (requested ?? []).map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0) return ['*'];
  const unknown = list.filter((s) => !known.has(s) && !(s in aliases));
  if (unknown.length > 0) {
    throw new ValidationError(
      `unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}; known scopes: ${scopes.join(', ')}`,
      'scopes',
    );
  }
  const normalized = [...new Set(list.map((s) => aliases[s] ?? (s as Scope)))];
  if (normalized.includes('*') && normalized.length > 1) {
    throw new ValidationError(
      '"*" grants everything and cannot be combined with other scopes',
      'scopes',
    );
  }
  return normalized.sort();
}
