import { sessionCookies } from '../http/exchange.ts';
import { type Route, Status } from './router.ts';

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** First-run setup, status, lockout reset and recovery, in Pulse's shapes. */
export const securityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/security/status',
    handle: ({ actor, services }) => services.security.status(actor),
  },
  {
    method: 'POST',
    path: '/api/security/validate-bootstrap-token',
    handle: ({ body, services, http }) => {
      services.security.validateBootstrapToken(
        http.header('x-setup-token') ?? asString(field(body, 'token')),
      );
      return undefined;
    },
  },
  {
    method: 'POST',
    path: '/api/security/quick-setup',
    handle: async ({ actor, body, services, http }) => {
      const setupToken = http.header('x-setup-token') ?? asString(field(body, 'setupToken'));
      const input = typeof body === 'object' && body !== null ? body : {};
      const { user, token } = await services.accounts.setup(actor, input, setupToken);
      const issued = await services.sessions.create({
        username: user.username,
        role: user.role,
        method: 'password',
        ip: http.ip,
        userAgent: http.userAgent,
      });
      http.addCookies(sessionCookies(issued, http.secure));
      return {
        success: true,
        message: 'Security is set up; you are signed in as the admin',
        username: user.username,
        csrfToken: issued.csrfToken,
        apiTokenId: token?.record.id ?? null,
      };
    },
  },
  {
    method: 'POST',
    path: '/api/security/reset-lockout',
    handle: async ({ actor, body, services }) => {
      const cleared = await services.accounts.resetLockout(actor, field(body, 'identifier'));
      return {
        success: true,
        message: cleared ? 'Lockout cleared' : 'Nothing was locked for that identifier',
      };
    },
  },
  {
    method: 'GET',
    path: '/api/security/recovery',
    handle: ({ services }) => services.security.recoveryStatus(),
  },
  {
    method: 'POST',
    path: '/api/security/recovery',
    handle: async ({ body, services, http }) => {
      const outcome = await services.security.recover({
        action: field(body, 'action'),
        minutes: field(body, 'minutes'),
        loopback: http.loopback,
        recoveryToken: http.header('x-recovery-token'),
        ip: http.ip,
        userAgent: http.userAgent,
      });
      if (outcome.action === 'generate_token') {
        return {
          success: true,
          token: outcome.token,
          expiresAt: outcome.expiresAt.toISOString(),
          message: 'Send it as X-Recovery-Token from another machine; it works until it expires',
        };
      }
      if (outcome.action === 'enable_auth') {
        return {
          success: true,
          message: `Recovery ended; ${outcome.ended} recovery session(s) closed`,
        };
      }
      http.addCookies(sessionCookies(outcome.session, http.secure));
      return new Status(200, {
        success: true,
        message: 'Recovery session started for this browser; set a new password, then enable_auth',
        csrfToken: outcome.session.csrfToken,
        expiresAt: outcome.session.expiresAt.toISOString(),
      });
    },
  },
];
