/** GET/POST /api/security/oidc: single sign-on settings, the secret masked. */
export interface OidcSettings {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  /** "********" when one is stored; never the value. */
  clientSecret: string;
  hasClientSecret: boolean;
  redirectUrl: string;
  logoutUrl: string;
  scopes: string[];
  usernameClaim: string;
  emailClaim: string;
  groupsClaim: string;
  allowedGroups: string[];
  allowedDomains: string[];
  allowedEmails: string[];
  groupRoleMappings: Record<string, string>;
  hideLocalLogin: boolean;
  /** PEM certificates trusted for the provider, besides the system ones. */
  caBundle: string;
  /** The callback Pulse uses when no override is set. */
  defaultRedirectUrl: string;
  /** Fields set by OIDC_* environment variables: shown, not editable here. */
  envOverrides: string[];
}

/** The form's view: lists and mappings as the text people type them in. */
export interface OidcFormValues {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  overrideRedirect: boolean;
  redirectUrl: string;
  logoutUrl: string;
  scopes: string;
  usernameClaim: string;
  emailClaim: string;
  groupsClaim: string;
  allowedGroups: string;
  allowedDomains: string;
  allowedEmails: string;
  groupRoleMappings: string;
  hideLocalLogin: boolean;
  caBundle: string;
}

export const roles = ['admin', 'operator', 'viewer'] as const;

/** Commas or new lines between items; blanks dropped. */
export const items = (text: string) =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);

export function toForm(settings: OidcSettings): OidcFormValues {
  const overrideRedirect =
    settings.redirectUrl !== '' && settings.redirectUrl !== settings.defaultRedirectUrl;
  return {
    enabled: settings.enabled,
    issuerUrl: settings.issuerUrl,
    clientId: settings.clientId,
    clientSecret: '',
    overrideRedirect,
    redirectUrl: overrideRedirect ? settings.redirectUrl : '',
    logoutUrl: settings.logoutUrl,
    scopes: settings.scopes.join(' '),
    usernameClaim: settings.usernameClaim,
    emailClaim: settings.emailClaim,
    groupsClaim: settings.groupsClaim,
    allowedGroups: settings.allowedGroups.join('\n'),
    allowedDomains: settings.allowedDomains.join('\n'),
    allowedEmails: settings.allowedEmails.join('\n'),
    groupRoleMappings: Object.entries(settings.groupRoleMappings)
      .map(([group, role]) => `${group}=${role}`)
      .join('\n'),
    hideLocalLogin: settings.hideLocalLogin,
    caBundle: settings.caBundle,
  };
}

/** `group=role` lines to a mapping; the first bad line is reported instead. */
export function parseMappings(
  text: string,
): { ok: true; mappings: Record<string, string> } | { ok: false; message: string } {
  const mappings: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.lastIndexOf('=');
    const group = line.slice(0, at).trim();
    const role = line
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at <= 0 || !group) {
      return { ok: false, message: `Line ${index + 1}: write it as group=role.` };
    }
    if (!(roles as readonly string[]).includes(role)) {
      return {
        ok: false,
        message: `Line ${index + 1}: the role must be ${roles.join(', ')}.`,
      };
    }
    mappings[group] = role;
  }
  return { ok: true, mappings };
}

/**
 * What Save sends: the secret only when one was typed (absent, the stored one stays), and no
 * redirect URL without an override (empty means the default).
 */
export function toRequest(values: OidcFormValues, mappings: Record<string, string>) {
  return {
    enabled: values.enabled,
    issuerUrl: values.issuerUrl.trim(),
    clientId: values.clientId.trim(),
    ...(values.clientSecret !== '' && { clientSecret: values.clientSecret }),
    redirectUrl: values.overrideRedirect ? values.redirectUrl.trim() : '',
    logoutUrl: values.logoutUrl.trim(),
    scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
    usernameClaim: values.usernameClaim.trim(),
    emailClaim: values.emailClaim.trim(),
    groupsClaim: values.groupsClaim.trim(),
    allowedGroups: items(values.allowedGroups),
    allowedDomains: items(values.allowedDomains),
    allowedEmails: items(values.allowedEmails),
    groupRoleMappings: mappings,
    hideLocalLogin: values.hideLocalLogin,
    caBundle: values.caBundle.trim(),
  };
}

/** The environment variable that locks a field, for the note beside it. */
export function envVariable(field: string): string {
  if (field === 'hideLocalLogin') return 'PULSE_AUTH_HIDE_LOCAL_LOGIN';
  return `OIDC_${field.replace(/([A-Z])/g, '_$1').toUpperCase()}`;
}
