import type { TokenView } from '../auth/token.service.ts';
import { ValidationError } from '../errors.ts';
import { type Route, Status } from './router.ts';

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

function scopesOf(body: unknown): string[] | undefined {
  const value = field(body, 'scopes');
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
    throw new ValidationError('scopes must be a list of strings', 'scopes');
  }
  return value as string[];
}

function expiryOf(body: unknown): number | null {
  const value = field(body, 'expiresInDays');
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number')
    throw new ValidationError('expiresInDays must be a number', 'expiresInDays');
  return value;
}

const view = (t: TokenView) => ({
  id: t.id,
  name: t.name,
  hint: t.hint,
  scopes: t.scopes,
  createdAt: t.createdAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  lastUsedIp: t.lastUsedIp,
  source: t.source,
});

const regeneratedMessage =
  "New API token generated and active immediately! Save this token - it won't be shown again.";

/** API tokens: /api/security/tokens and Pulse's older /api/system/api-token routes. */
export const tokenRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/security/tokens',
    handle: async ({ actor, services }) => ({
      tokens: (await services.tokens.list(actor)).map(view),
    }),
  },
  {
    method: 'POST',
    path: '/api/security/tokens',
    handle: async ({ actor, body, services }) => {
      const name = field(body, 'name');
      if (name !== undefined && typeof name !== 'string')
        throw new ValidationError('name must be text', 'name');
      const created = await services.tokens.create(actor, {
        ...(name !== undefined && { name }),
        ...(scopesOf(body) && { scopes: scopesOf(body) }),
        expiresInDays: expiryOf(body),
      });
      // The only time the value leaves the server.
      return new Status(201, { token: created.token, record: view(created.record) });
    },
  },
  {
    method: 'DELETE',
    path: '/api/security/tokens/:id',
    handle: async ({ actor, services, params }) => {
      await services.tokens.revoke(actor, params.id ?? '');
      return undefined;
    },
  },
  {
    method: 'POST',
    path: '/api/security/regenerate-token',
    handle: async ({ actor, services }) => {
      const created = await services.tokens.regenerate(actor);
      return {
        success: true,
        token: created.token,
        deploymentType: 'manual',
        requiresRestart: false,
        message: regeneratedMessage,
      };
    },
  },
  {
    method: 'POST',
    path: '/api/security/validate-token',
    handle: async ({ actor, body, services }) => {
      const token = field(body, 'token');
      if (typeof token !== 'string' || token === '')
        throw new ValidationError('token is required', 'token');
      const valid = await services.tokens.validate(actor, token);
      return { valid, message: valid ? 'Token is valid' : 'Token is not valid' };
    },
  },
  {
    method: 'GET',
    path: '/api/system/api-token',
    handle: async ({ actor, services, query }) => {
      const tokens = await services.tokens.list(actor);
      return {
        hasToken: tokens.length > 0,
        count: tokens.length,
        ...(query.get('reveal') === 'true' && {
          token: null,
          message: 'Tokens are stored only as hashes and cannot be shown again; generate a new one',
        }),
      };
    },
  },
  {
    method: 'POST',
    path: '/api/system/api-token/generate',
    handle: async ({ actor, services }) => {
      const created = await services.tokens.regenerate(actor);
      return { success: true, token: created.token, message: regeneratedMessage };
    },
  },
  {
    method: 'DELETE',
    path: '/api/system/api-token/delete',
    handle: async ({ actor, services }) => {
      for (const token of await services.tokens.list(actor)) {
        if (token.source === 'stored') await services.tokens.revoke(actor, token.id);
      }
      return { success: true, message: 'Stored API tokens removed' };
    },
  },
];
