import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../access/abilities.ts';
import { type Actor, anonymousActor, makeActor } from '../access/actor.ts';
import { ForbiddenError, type ServiceError } from '../errors.ts';
import type { AccountService } from './account.service.ts';
import type { SecurityPosture } from './posture.ts';
import { type HeaderReader, type ProxyAuthConfig, proxyUser } from './proxy-auth.ts';
import type { Session } from './session.entity.ts';
import type { SessionService } from './session.service.ts';
import type { TokenService } from './token.service.ts';

export type { HeaderReader } from './proxy-auth.ts';

/** One request's credentials, whatever carried it (HTTP, a WebSocket upgrade). */
export interface Credentials {
  header: HeaderReader;
  ip: string;
  /** The session cookie's value, if any. */
  sessionCookie: string | undefined;
  /** A token given outside headers: `?token=` where allowed, or a socket's connection_init. */
  extraToken?: string | undefined;
  /** State-changing HTTP request: a cookie session must show its CSRF token. */
  changesState: boolean;
}

export const csrfHeader = 'x-csrf-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Turns credentials into an Actor: an API token first (it needs no CSRF token), then a
 * reverse proxy's word, then the session cookie, then HTTP Basic. Nobody at all is anonymous,
 * except that before security is set up anonymous callers may look at the demo estate.
 */
export class Authenticator {
  readonly #tokens: TokenService;
  readonly #sessions: SessionService;
  readonly #accounts: AccountService;
  readonly #proxy: ProxyAuthConfig | null;
  readonly #posture: SecurityPosture;
  readonly #demoRunning: () => boolean;
  readonly #sessionCheck: (session: Session) => Promise<boolean>;
  /** sha256 of user:password pairs already checked with bcrypt: Basic sends them every time. */
  readonly #verifiedBasic = new Map<string, { digest: Buffer; role: Role }>();

  constructor(parts: {
    tokens: TokenService;
    sessions: SessionService;
    accounts: AccountService;
    proxy: ProxyAuthConfig | null;
    posture: SecurityPosture;
    demoRunning: () => boolean;
    /**
     * Asked before a session is accepted; false means it has just been ended (single sign-on
     * uses it to refresh tokens and drop sessions the provider revoked).
     */
    sessionCheck?: (session: Session) => Promise<boolean>;
  }) {
    this.#tokens = parts.tokens;
    this.#sessions = parts.sessions;
    this.#accounts = parts.accounts;
    this.#proxy = parts.proxy;
    this.#posture = parts.posture;
    this.#demoRunning = parts.demoRunning;
    this.#sessionCheck = parts.sessionCheck ?? (async () => true);
  }

  /** Forgets checked Basic passwords (after a password or role change). */
  forgetVerified(): void {
    this.#verifiedBasic.clear();
  }

  async identify(request: Credentials): Promise<Actor> {
    const token =
      request.extraToken ??
      request.header('x-api-token') ??
      bearer(request.header('authorization'));
    if (token) return this.#fromToken(token, request.ip);
    if (this.#proxy) {
      const user = proxyUser(this.#proxy, request.header);
      if (user)
        return makeActor({ kind: 'user', name: user.username, role: user.role, method: 'proxy' });
    }
    if (request.sessionCookie) {
      const actor = await this.#fromSession(request);
      if (actor) return actor;
    }
    const basic = parseBasic(request.header('authorization'));
    if (basic) return this.#fromBasic(basic.username, basic.password, request.ip);
    return this.#anonymous();
  }

  async #fromToken(token: string, ip: string): Promise<Actor> {
    const identity = await this.#tokens.identify(token, ip);
    if (!identity) return anonymousActor;
    return makeActor({
      kind: 'token',
      name: identity.name,
      role: identity.role,
      scopes: identity.scopes,
      method: 'token',
      credentialId: identity.id,
    });
  }

  async #fromSession(request: Credentials): Promise<Actor | null> {
    const session = await this.#sessions.find(request.sessionCookie ?? '');
    if (!session) return null;
    if (!(await this.#sessionCheck(session))) return null;
    if (request.changesState && !this.#sessions.csrfMatches(session, request.header(csrfHeader))) {
      throw csrfError();
    }
    return makeActor({
      kind: 'user',
      name: session.username,
      role: session.role as Role,
      method: 'session',
      credentialId: session.id,
    });
  }

  async #fromBasic(username: string, password: string, ip: string): Promise<Actor> {
    const pair = digest(`${username}\u0000${password}`);
    const known = this.#verifiedBasic.get(username);
    if (known && timingSafeEqual(known.digest, pair)) {
      return makeActor({ kind: 'user', name: username, role: known.role, method: 'basic' });
    }
    const user = await this.#accounts.login(username, password, ip).catch(() => null);
    if (!user) return anonymousActor;
    this.#verifiedBasic.set(username, { digest: pair, role: user.role });
    return makeActor({ kind: 'user', name: user.username, role: user.role, method: 'basic' });
  }

  #anonymous(): Actor {
    // Demo data is made up, so it may be shown before anyone can sign in: the first start
    // shows a live dashboard. Nothing else is open, and real nodes need security first.
    if (!this.#posture.configured && this.#demoRunning()) return demoVisitor;
    return anonymousActor;
  }
}

const demoVisitor: Actor = makeActor({
  kind: 'anonymous',
  name: 'anonymous',
  role: 'viewer',
  method: 'anonymous',
});

function csrfError(): ServiceError {
  return new ForbiddenError(
    'CSRF token missing or invalid: send the pulse_csrf cookie value in X-CSRF-Token',
  );
}

function bearer(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

function parseBasic(
  authorization: string | undefined,
): { username: string; password: string } | null {
  const match = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
