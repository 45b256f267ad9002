import { X509Certificate } from 'node:crypto';
import { type Role, roles } from '../../access/abilities.ts';
import { ValidationError } from '../../errors.ts';

/** Single sign-on settings, in Pulse's names. Empty strings mean "not set". */
export interface OidcFields {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Empty: `<public URL or the request's origin>/api/oidc/callback`. */
  redirectUrl: string;
  /** Empty: the provider's end_session_endpoint, if it has one. */
  logoutUrl: string;
  scopes: string[];
  usernameClaim: string;
  emailClaim: string;
  groupsClaim: string;
  allowedGroups: string[];
  allowedDomains: string[];
  allowedEmails: string[];
  groupRoleMappings: Record<string, Role>;
  hideLocalLogin: boolean;
  /** PEM certificates trusted for the provider, besides the system ones. */
  caBundle: string;
}

export type OidcField = keyof OidcFields;

export const defaultOidcFields: Readonly<OidcFields> = {
  enabled: false,
  issuerUrl: '',
  clientId: '',
  clientSecret: '',
  redirectUrl: '',
  logoutUrl: '',
  scopes: ['openid', 'profile', 'email'],
  usernameClaim: 'preferred_username',
  emailClaim: 'email',
  groupsClaim: 'groups',
  allowedGroups: [],
  allowedDomains: [],
  allowedEmails: [],
  groupRoleMappings: {},
  hideLocalLogin: false,
  caBundle: '',
};

export const oidcFieldNames = Object.keys(defaultOidcFields) as OidcField[];

const maxListLength = 200;
const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function bool(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ValidationError(`${field} must be true or false`, field);
}

function text(value: unknown, field: string, max = 512): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`, field);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new ValidationError(`${field} is too long`, field);
  return trimmed;
}

/** An absolute http(s) URL, kept as written: an issuer's trailing slash is part of its name. */
function url(value: unknown, field: string): string {
  const raw = text(value, field, 2048);
  if (raw === '') return '';
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ValidationError(`${field} must be an absolute URL`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ValidationError(`${field} must be an http or https URL`, field);
  }
  return raw;
}

function claim(value: unknown, field: string): string {
  const name = text(value, field, 128);
  if (name === '' || /\s/.test(name)) {
    throw new ValidationError(`${field} must name one claim`, field);
  }
  return name;
}

/** A list from an array or from one string; `separators` splits the string. */
function list(value: unknown, field: string, separators: RegExp): string[] {
  if (value === null || value === undefined) return [];
  const items =
    typeof value === 'string'
      ? value.split(separators)
      : Array.isArray(value)
        ? value.map((item) => {
            if (typeof item !== 'string') {
              throw new ValidationError(`${field} must hold strings`, field);
            }
            return item;
          })
        : null;
  if (items === null) throw new ValidationError(`${field} must be a list of strings`, field);
  const cleaned = [...new Set(items.map((item) => item.trim()).filter(Boolean))];
  if (cleaned.length > maxListLength) {
    throw new ValidationError(`${field} holds more than ${maxListLength} entries`, field);
  }
  if (cleaned.some((item) => item.length > 256)) {
    throw new ValidationError(`${field} has an entry that is too long`, field);
  }
  return cleaned;
}

function scopes(value: unknown): string[] {
  const parsed = list(value, 'scopes', /[\s,]+/);
  if (parsed.some((scope) => !scopeToken.test(scope))) {
    throw new ValidationError('scopes must be scope names separated by spaces', 'scopes');
  }
  if (!parsed.includes('openid')) {
    throw new ValidationError('scopes must include openid', 'scopes');
  }
  return parsed;
}

function domains(value: unknown): string[] {
  const parsed = list(value, 'allowedDomains', /[\s,]+/).map((d) =>
    d.replace(/^@/, '').toLowerCase(),
  );
  if (parsed.some((d) => !/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(d))) {
    throw new ValidationError(
      'allowedDomains must be domain names like example.com',
      'allowedDomains',
    );
  }
  return parsed;
}

function emails(value: unknown): string[] {
  const parsed = list(value, 'allowedEmails', /[\s,]+/).map((e) => e.toLowerCase());
  if (parsed.some((e) => !/^[^@\s]+@[^@\s]+$/.test(e))) {
    throw new ValidationError('allowedEmails must be email addresses', 'allowedEmails');
  }
  return parsed;
}

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/**
 * Group → role: an object, a list of {group, role}, or Pulse's text form
 * "pulse-admins=admin,ops=operator".
 */
export function parseGroupRoleMappings(value: unknown): Record<string, Role> {
  const field = 'groupRoleMappings';
  let pairs: [string, unknown][];
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'string') {
    pairs = value
      .split(/[,\n]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const eq = part.lastIndexOf('=');
        if (eq <= 0) throw new ValidationError(`${field}: "${part}" is not group=role`, field);
        return [part.slice(0, eq), part.slice(eq + 1)];
      });
  } else if (Array.isArray(value)) {
    pairs = value.map((item) => {
      const entry =
        typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      return [typeof entry.group === 'string' ? entry.group : '', entry.role];
    });
  } else if (typeof value === 'object') {
    pairs = Object.entries(value);
  } else {
    throw new ValidationError(`${field} must map group names to roles`, field);
  }
  const mappings: Record<string, Role> = {};
  for (const [rawGroup, rawRole] of pairs) {
    const group = rawGroup.trim();
    const role = typeof rawRole === 'string' ? rawRole.trim().toLowerCase() : '';
    if (group === '') throw new ValidationError(`${field}: a group name is empty`, field);
    if (!isRole(role)) {
      throw new ValidationError(
        `${field}: the role for "${group}" must be admin, operator or viewer`,
        field,
      );
    }
    mappings[group] = role;
  }
  if (Object.keys(mappings).length > maxListLength) {
    throw new ValidationError(`${field} holds more than ${maxListLength} entries`, field);
  }
  return mappings;
}

function caBundle(value: unknown): string {
  const pem = text(value, 'caBundle', 256 * 1024);
  if (pem === '') return '';
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new ValidationError('caBundle must hold PEM certificates', 'caBundle');
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new ValidationError('caBundle holds a certificate that cannot be read', 'caBundle');
    }
  }
  return pem;
}

/** Checks one field's value and returns it in its stored form; throws a ValidationError naming it. */
export function parseOidcField<K extends OidcField>(field: K, value: unknown): OidcFields[K] {
  const parsers: { [F in OidcField]: (v: unknown) => OidcFields[F] } = {
    enabled: (v) => bool(v, 'enabled'),
    issuerUrl: (v) => url(v, 'issuerUrl'),
    clientId: (v) => text(v, 'clientId'),
    clientSecret: (v) => text(v, 'clientSecret', 4096),
    redirectUrl: (v) => url(v, 'redirectUrl'),
    logoutUrl: (v) => url(v, 'logoutUrl'),
    scopes,
    usernameClaim: (v) => claim(v, 'usernameClaim'),
    emailClaim: (v) => claim(v, 'emailClaim'),
    groupsClaim: (v) => claim(v, 'groupsClaim'),
    allowedGroups: (v) => list(v, 'allowedGroups', /,/),
    allowedDomains: domains,
    allowedEmails: emails,
    groupRoleMappings: parseGroupRoleMappings,
    hideLocalLogin: (v) => bool(v, 'hideLocalLogin'),
    caBundle,
  };
  return parsers[field](value);
}

/** Ready to sign people in: switched on, with an issuer and a client. */
export const oidcUsable = (fields: OidcFields): boolean =>
  fields.enabled && fields.issuerUrl !== '' && fields.clientId !== '';
