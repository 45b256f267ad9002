import type { Actor } from '../../access/actor.ts';
import type { SecurityStatus } from '../../auth/security.service.ts';
import type { SessionView } from '../../auth/session.service.ts';
import type { CreatedToken, TokenView } from '../../auth/token.service.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

// Signing in and out sets cookies, so it stays on REST (/api/login, /api/logout,
// /api/security/quick-setup, /api/security/change-password); the rest is here.

const ViewerRef = builder.objectRef<Actor>('Viewer').implement({
  description: 'Who is calling',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.exposeString('kind', { description: 'user, token or anonymous' }),
    role: t.exposeString('role', { nullable: true, description: 'admin, operator or viewer' }),
    method: t.exposeString('method', { description: 'session, token, basic, proxy or anonymous' }),
    scopes: t.field({
      type: ['String'],
      nullable: true,
      description: "A token's scopes; null for people",
      resolve: (a) => (a.scopes ? [...a.scopes] : null),
    }),
    canManage: t.boolean({
      description: 'May change settings, nodes and security (an admin)',
      resolve: (a) => a.ability.can('manage', 'all'),
    }),
    canAcknowledge: t.boolean({ resolve: (a) => a.ability.can('acknowledge', 'Alert') }),
  }),
});

const StatusRef = builder.objectRef<SecurityStatus>('SecurityStatus').implement({
  fields: (t) => ({
    configured: t.exposeBoolean('configured', { description: 'Some way to sign in exists' }),
    requiresSetup: t.exposeBoolean('requiresSetup'),
    bootstrapTokenPath: t.exposeString('bootstrapTokenPath', { nullable: true }),
    proxyAuth: t.exposeBoolean('proxyAuth'),
    proxyLogoutUrl: t.exposeString('proxyLogoutUrl', { nullable: true }),
    oidcEnabled: t.exposeBoolean('oidcEnabled'),
    hideLocalLogin: t.exposeBoolean('hideLocalLogin'),
    demoVisible: t.exposeBoolean('demoVisible', {
      description: 'Not set up yet, and the demo estate is open to look at',
    }),
    authenticated: t.exposeBoolean('authenticated'),
  }),
});

const TokenRef = builder.objectRef<TokenView>('ApiToken').implement({
  description: 'An API token; its value is shown only once, when it is created',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    hint: t.exposeString('hint', { description: 'First and last four characters' }),
    scopes: t.exposeStringList('scopes'),
    source: t.exposeString('source', { description: 'stored, or env for API_TOKEN(S)' }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.expiresAt }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.lastUsedAt }),
    lastUsedIp: t.exposeString('lastUsedIp', { nullable: true }),
  }),
});

const CreatedTokenRef = builder.objectRef<CreatedToken>('CreatedApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The value: copy it now, it is not kept' }),
    record: t.field({ type: TokenRef, resolve: (c) => c.record }),
  }),
});

const SessionRef = builder.objectRef<SessionView>('SignInSession').implement({
  description: 'A browser signed in as you',
  fields: (t) => ({
    id: t.exposeID('id'),
    method: t.exposeString('method', { description: 'password, oidc, proxy or recovery' }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    lastSeenAt: t.field({ type: 'DateTime', resolve: (s) => s.lastSeenAt }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
    ip: t.exposeString('ip', { nullable: true }),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    current: t.exposeBoolean('current', { description: 'The session making this request' }),
  }),
});

const NewTokenInput = builder.inputType('NewApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    scopes: t.stringList({ description: 'Empty or absent: "*", everything you may do' }),
    expiresInDays: t.int({ description: 'Absent: never expires' }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: ViewerRef,
    resolve: (_root, _args, { actor }) => actor,
  }),
  securityStatus: t.field({
    type: StatusRef,
    resolve: (_root, _args, { actor, services }) => services.security.status(actor),
  }),
  apiTokens: t.field({
    type: [TokenRef],
    errors: mutationErrors,
    description: 'Every API token (admins only); values are never shown again',
    resolve: (_root, _args, { actor, services }) => services.tokens.list(actor),
  }),
  mySessions: t.field({
    type: [SessionRef],
    errors: mutationErrors,
    resolve: (_root, _args, { actor, services }) => services.sessions.list(actor, actor.name),
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedTokenRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: NewTokenInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.tokens.create(actor, {
        name: input.name,
        ...(input.scopes && { scopes: input.scopes }),
        expiresInDays: input.expiresInDays ?? null,
      }),
  }),
  revokeApiToken: t.field({
    type: 'ID',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { actor, services }) => {
      await services.tokens.revoke(actor, String(id));
      return String(id);
    },
  }),
  revokeSession: t.field({
    type: 'ID',
    errors: mutationErrors,
    description: 'Signs out one of your sessions (an admin may sign out anyone)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { actor, services }) => {
      await services.sessions.revoke(actor, String(id));
      return String(id);
    },
  }),
  resetLockout: t.field({
    type: 'Boolean',
    errors: mutationErrors,
    description: 'Clears a user name or IP locked after failed logins; true if one was held',
    args: { identifier: t.arg.string({ required: true }) },
    resolve: (_root, { identifier }, { actor, services }) =>
      services.accounts.resetLockout(actor, identifier),
  }),
}));
