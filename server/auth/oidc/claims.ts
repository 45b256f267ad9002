import type { Role } from '../../access/abilities.ts';
import type { OidcFields } from './fields.ts';

type Claims = Record<string, unknown>;

/** Who the provider says signed in, in the claims the settings name. */
export interface SsoIdentity {
  username: string | null;
  email: string | null;
  groups: string[];
}

/** Why a signed-in user is turned away; the code goes to /login?error=. */
export type Refusal =
  | 'missing_username'
  | 'not_in_allowed_group'
  | 'domain_not_allowed'
  | 'email_not_allowed';

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** A claim by name, or by a dotted path into nested claims (Keycloak's realm_access.roles). */
export function claimValue(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

function asText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Control characters in a user name would end up in logs and the audit trail.
  const cleaned = value.replace(/\p{Cc}/gu, '').trim();
  return cleaned === '' ? null : cleaned.slice(0, 128);
}

function asGroups(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
}

/** Whether the claims lack something userinfo might add. */
export function missingClaims(claims: Claims, fields: OidcFields): boolean {
  return [fields.usernameClaim, fields.emailClaim, fields.groupsClaim].some(
    (name) => claimValue(claims, name) === undefined,
  );
}

/** Reads the user out of the claims; the user name falls back to the email, then `sub`. */
export function readIdentity(claims: Claims, fields: OidcFields): SsoIdentity {
  const email = asText(claimValue(claims, fields.emailClaim))?.toLowerCase() ?? null;
  const username =
    asText(claimValue(claims, fields.usernameClaim)) ?? email ?? asText(claims.sub) ?? null;
  return { username, email, groups: asGroups(claimValue(claims, fields.groupsClaim)) };
}

/**
 * Every allow-list that is set must match. The role is the highest one the user's groups map
 * to; with mappings configured and none matching, viewer. With no mappings at all, every
 * admitted user is an admin, as in Pulse, where SSO users are admins until RBAC is set up.
 */
export function admit(
  identity: SsoIdentity,
  fields: OidcFields,
): { ok: true; username: string; role: Role } | { ok: false; refusal: Refusal } {
  if (!identity.username) return { ok: false, refusal: 'missing_username' };
  const groups = new Set(identity.groups);
  if (fields.allowedGroups.length > 0 && !fields.allowedGroups.some((g) => groups.has(g))) {
    return { ok: false, refusal: 'not_in_allowed_group' };
  }
  const domain = identity.email?.split('@')[1] ?? null;
  if (fields.allowedDomains.length > 0 && (!domain || !fields.allowedDomains.includes(domain))) {
    return { ok: false, refusal: 'domain_not_allowed' };
  }
  if (
    fields.allowedEmails.length > 0 &&
    (!identity.email || !fields.allowedEmails.includes(identity.email))
  ) {
    return { ok: false, refusal: 'email_not_allowed' };
  }
  const mappings = Object.entries(fields.groupRoleMappings);
  if (mappings.length === 0) return { ok: true, username: identity.username, role: 'admin' };
  let role: Role = 'viewer';
  for (const [group, mapped] of mappings) {
    if (groups.has(group) && rank[mapped] > rank[role]) role = mapped;
  }
  return { ok: true, username: identity.username, role };
}
