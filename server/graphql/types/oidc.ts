import { requestOrigin } from '../../auth/oidc/origin.ts';
import type { OidcSettingsView } from '../../auth/oidc/settings.service.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

// The sign-in round trip sets cookies and redirects, so it stays on REST (/api/oidc/login,
// /api/oidc/callback); the settings are here.

type GroupRole = { group: string; role: string };

const GroupRoleRef = builder.objectRef<GroupRole>('OidcGroupRole').implement({
  fields: (t) => ({
    group: t.exposeString('group'),
    role: t.exposeString('role', { description: 'admin, operator or viewer' }),
  }),
});

const OidcSettingsRef = builder.objectRef<OidcSettingsView>('OidcSettings').implement({
  description: 'Single sign-on (OpenID Connect); OIDC_* variables override stored values',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    issuerUrl: t.exposeString('issuerUrl'),
    clientId: t.exposeString('clientId'),
    clientSecret: t.exposeString('clientSecret', {
      description: 'The mask when one is stored, or ""',
    }),
    hasClientSecret: t.exposeBoolean('hasClientSecret'),
    redirectUrl: t.exposeString('redirectUrl', {
      description: 'The callback in force: the stored one, or the default',
    }),
    defaultRedirectUrl: t.exposeString('defaultRedirectUrl', {
      description: '<public URL or this origin>/api/oidc/callback',
    }),
    logoutUrl: t.exposeString('logoutUrl', {
      description: "Empty: the provider's end_session_endpoint",
    }),
    scopes: t.exposeStringList('scopes'),
    usernameClaim: t.exposeString('usernameClaim'),
    emailClaim: t.exposeString('emailClaim'),
    groupsClaim: t.exposeString('groupsClaim'),
    allowedGroups: t.exposeStringList('allowedGroups'),
    allowedDomains: t.exposeStringList('allowedDomains'),
    allowedEmails: t.exposeStringList('allowedEmails'),
    groupRoleMappings: t.field({
      type: [GroupRoleRef],
      description:
        'With none, every admitted user is an admin; with some, unmapped users are viewers',
      resolve: (s) => Object.entries(s.groupRoleMappings).map(([group, role]) => ({ group, role })),
    }),
    hideLocalLogin: t.exposeBoolean('hideLocalLogin'),
    caBundle: t.exposeString('caBundle'),
    envOverrides: t.exposeStringList('envOverrides', {
      description: 'Fields set by the environment: shown, not editable',
    }),
  }),
});

const GroupRoleInput = builder.inputType('OidcGroupRoleInput', {
  fields: (t) => ({
    group: t.string({ required: true }),
    role: t.string({ required: true, description: 'admin, operator or viewer' }),
  }),
});

const OidcSettingsInput = builder.inputType('OidcSettingsInput', {
  description: 'A partial change: absent fields keep their values',
  fields: (t) => ({
    enabled: t.boolean(),
    issuerUrl: t.string(),
    clientId: t.string(),
    clientSecret: t.string({
      description: 'Send the mask back (or leave it out) to keep the stored one; "" clears it',
    }),
    redirectUrl: t.string({ description: '"" uses the default' }),
    logoutUrl: t.string(),
    scopes: t.stringList(),
    usernameClaim: t.string(),
    emailClaim: t.string(),
    groupsClaim: t.string(),
    allowedGroups: t.stringList(),
    allowedDomains: t.stringList(),
    allowedEmails: t.stringList(),
    groupRoleMappings: t.field({ type: [GroupRoleInput] }),
    hideLocalLogin: t.boolean(),
    caBundle: t.string(),
  }),
});

/** The origin the caller used (Yoga puts the fetch Request in the context). */
function callerOrigin(context: object): string | null {
  const request: unknown = 'request' in context ? context.request : undefined;
  if (typeof request !== 'object' || request === null) return null;
  if (!('headers' in request && 'url' in request) || typeof request.url !== 'string') return null;
  const headers: unknown = request.headers;
  // Yoga's Request may come from its fetch ponyfill: ask for the method, not the class.
  if (typeof headers !== 'object' || headers === null || !('get' in headers)) return null;
  const get = headers.get;
  if (typeof get !== 'function') return null;
  const header = (name: string): string | undefined => {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  };
  const secure =
    request.url.startsWith('https:') ||
    header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return requestOrigin(header, secure);
}

builder.queryFields((t) => ({
  oidcSettings: t.field({
    type: OidcSettingsRef,
    errors: mutationErrors,
    description: 'Single sign-on settings (admins only)',
    resolve: (_root, _args, context) =>
      context.services.oidc.settings.view(context.actor, callerOrigin(context)),
  }),
}));

builder.mutationFields((t) => ({
  updateOidcSettings: t.field({
    type: OidcSettingsRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: OidcSettingsInput, required: true }) },
    resolve: (_root, { input }, context) => {
      // GraphQL nulls mean "not given".
      const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v != null));
      return context.services.oidc.settings.update(context.actor, patch, callerOrigin(context));
    },
  }),
}));
