import { type OidcFields, parseOidcField } from '../auth/oidc/fields.ts';
import { ValidationError } from '../errors.ts';
import { ConfigError } from './env-error.ts';

type Env = Record<string, string | undefined>;

/** OIDC_* values: each one set here wins over the stored setting, and the UI locks it. */
export type OidcEnv = Partial<Omit<OidcFields, 'hideLocalLogin' | 'caBundle'>>;

const variables = {
  enabled: 'OIDC_ENABLED',
  issuerUrl: 'OIDC_ISSUER_URL',
  clientId: 'OIDC_CLIENT_ID',
  clientSecret: 'OIDC_CLIENT_SECRET',
  redirectUrl: 'OIDC_REDIRECT_URL',
  logoutUrl: 'OIDC_LOGOUT_URL',
  scopes: 'OIDC_SCOPES',
  usernameClaim: 'OIDC_USERNAME_CLAIM',
  emailClaim: 'OIDC_EMAIL_CLAIM',
  groupsClaim: 'OIDC_GROUPS_CLAIM',
  allowedGroups: 'OIDC_ALLOWED_GROUPS',
  allowedDomains: 'OIDC_ALLOWED_DOMAINS',
  allowedEmails: 'OIDC_ALLOWED_EMAILS',
  groupRoleMappings: 'OIDC_GROUP_ROLE_MAPPINGS',
} as const satisfies Record<keyof OidcEnv, string>;

/** Reads OIDC_*; a bad value stops start-up with the variable's name. */
export function readOidcEnv(env: Env): OidcEnv {
  const result: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(variables) as [keyof OidcEnv, string][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = field === 'enabled' ? switchValue(raw) : raw;
    try {
      result[field] = parseOidcField(field, value);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ConfigError(`invalid ${name}: ${error.message}`);
    }
  }
  return result as OidcEnv;
}

function switchValue(raw: string): string {
  const lower = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lower)) return 'true';
  if (['0', 'false', 'no', 'off'].includes(lower)) return 'false';
  return raw;
}

/** The variable that sets a field, for messages. */
export const oidcVariable = (field: keyof OidcEnv): string => variables[field];
