import { LoginFailedError } from '../auth/account.service.ts';
import { rememberedTtlSeconds, sessionTtlSeconds } from '../auth/session.service.ts';
import { ValidationError } from '../errors.ts';
import { clearedSessionCookies, sessionCookies } from '../http/exchange.ts';
import { type Route, type RouteRequest, Status } from './router.ts';

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

function text(body: unknown, name: string): string {
  const value = field(body, name);
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(`${name} is required`, name);
  return value;
}

/** Signs the browser in with a fresh session and answers what the dashboard needs. */
async function signIn(
  { services, http }: RouteRequest,
  user: { username: string; role: 'admin' | 'operator' | 'viewer' },
  remember: boolean,
) {
  const issued = await services.sessions.create({
    username: user.username,
    role: user.role,
    method: 'password',
    ttlSeconds: remember ? rememberedTtlSeconds : sessionTtlSeconds,
    ip: http.ip,
    userAgent: http.userAgent,
  });
  http.addCookies(sessionCookies(issued, http.secure));
  return {
    success: true,
    username: user.username,
    role: user.role,
    csrfToken: issued.csrfToken,
    expiresAt: issued.expiresAt.toISOString(),
  };
}

/** Login, logout, password change and the caller's own sessions. */
export const sessionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/login',
    handle: async (request) => {
      const { body, services, http } = request;
      const username = text(body, 'username');
      const password = text(body, 'password');
      try {
        const user = await services.accounts.login(username, password, http.ip);
        return await signIn(request, user, field(body, 'rememberMe') === true);
      } catch (error) {
        if (!(error instanceof LoginFailedError)) throw error;
        return new Status(401, {
          error: error.message,
          remainingAttempts: error.remainingAttempts,
        });
      }
    },
  },
  {
    method: 'POST',
    path: '/api/logout',
    handle: async ({ actor, services, http }) => {
      const outcome = await services.accounts.logout(actor);
      http.addCookies(clearedSessionCookies(http.secure));
      return { success: true, redirectUrl: outcome.redirectUrl };
    },
  },
  {
    method: 'POST',
    path: '/api/security/change-password',
    handle: async (request) => {
      const { actor, body, services } = request;
      await services.accounts.changePassword(
        actor,
        field(body, 'currentPassword'),
        field(body, 'newPassword'),
      );
      // Every session ended, this one too; the browser that changed it stays signed in anew.
      const fresh = await signIn(
        request,
        { username: actor.name, role: actor.role ?? 'viewer' },
        false,
      );
      return { ...fresh, message: 'Password changed; other sessions were signed out' };
    },
  },
  {
    method: 'GET',
    path: '/api/security/sessions',
    handle: async ({ actor, services }) => ({
      sessions: await services.sessions.list(actor, actor.name),
    }),
  },
  {
    method: 'DELETE',
    path: '/api/security/sessions/:id',
    handle: async ({ actor, services, params }) => {
      await services.sessions.revoke(actor, params.id ?? '');
      return undefined;
    },
  },
];
