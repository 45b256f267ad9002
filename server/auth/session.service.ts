import { randomUUID } from 'node:crypto';
import type { Role } from '../access/abilities.ts';
import { type Actor, account, authorize } from '../access/actor.ts';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import { NotFoundError, UnauthenticatedError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { randomToken, sameSecret, sha256Hex } from './secrets.ts';
import { Session } from './session.entity.ts';

export const sessionTtlSeconds = 24 * 60 * 60;
export const rememberedTtlSeconds = 30 * 24 * 60 * 60;
/** A session's expiry is pushed forward at most this often, so reads stay reads. */
const touchEveryMs = 60_000;

export type SessionMethod = 'password' | 'oidc' | 'proxy' | 'recovery';

export interface NewSession {
  username: string;
  role: Role;
  method: SessionMethod;
  ttlSeconds?: number;
  ip?: string | null;
  userAgent?: string | null;
  refreshToken?: string | null;
  idToken?: string | null;
}

/** What the browser gets: the cookie value and the CSRF token, neither of them stored. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  publicId: string;
  expiresAt: Date;
  ttlSeconds: number;
}

export interface ActiveSession {
  session: Session;
  /** The refresh and id tokens of an SSO session, opened. */
  refreshToken: string | null;
  idToken: string | null;
}

export interface SessionView {
  id: string;
  username: string;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export const userCredential = (username: string) => `user:${username}`;

/** Server-side sessions: created at login, looked up per request, revoked at logout. */
export class SessionService {
  readonly #orm: Orm;
  readonly #box: SecretBox;
  readonly #bus: EventBus;

  constructor(orm: Orm, box: SecretBox, bus: EventBus) {
    this.#orm = orm;
    this.#box = box;
    this.#bus = bus;
  }

  async create(input: NewSession): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const ttlSeconds = input.ttlSeconds ?? sessionTtlSeconds;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    const publicId = randomUUID();
    const em = this.#orm.em.fork();
    em.create(Session, {
      id: sha256Hex(token),
      publicId,
      username: input.username,
      role: input.role,
      method: input.method,
      csrfHash: sha256Hex(csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ttlSeconds,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      sealedRefreshToken: input.refreshToken ? this.#box.seal(input.refreshToken) : null,
      sealedIdToken: input.idToken ? this.#box.seal(input.idToken) : null,
    });
    await em.flush();
    return { token, csrfToken, publicId, expiresAt, ttlSeconds };
  }

  /** The live session behind a cookie value, extending it (sliding expiry); null if none. */
  async find(token: string): Promise<Session | null> {
    const em = this.#orm.em.fork();
    const session = await em.findOne(Session, { id: sha256Hex(token) });
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) {
      await em.nativeDelete(Session, { id: session.id });
      return null;
    }
    if (now - session.lastSeenAt.getTime() >= touchEveryMs) {
      session.lastSeenAt = new Date(now);
      session.expiresAt = new Date(now + session.ttlSeconds * 1000);
      await em.flush();
    }
    return session;
  }

  csrfMatches(session: Session, csrfToken: string | undefined): boolean {
    return csrfToken !== undefined && sameSecret(sha256Hex(csrfToken), session.csrfHash);
  }

  /** An SSO session's tokens, for refresh and provider logout. */
  open(session: Session): ActiveSession {
    return {
      session,
      refreshToken: session.sealedRefreshToken ? this.#box.open(session.sealedRefreshToken) : null,
      idToken: session.sealedIdToken ? this.#box.open(session.sealedIdToken) : null,
    };
  }

  async replaceRefreshToken(sessionId: string, refreshToken: string): Promise<void> {
    await this.#orm.em
      .fork()
      .nativeUpdate(
        Session,
        { id: sessionId },
        { sealedRefreshToken: this.#box.seal(refreshToken) },
      );
  }

  /** Ends one session (logout); its live subscriptions close. */
  async end(sessionId: string): Promise<void> {
    await this.#revoke({ id: sessionId });
  }

  /**
   * Ends every session of a user (password change, new admin). Also announces `user:<name>`,
   * so anything that remembered the old password (HTTP Basic) forgets it.
   */
  async endAllFor(username: string): Promise<number> {
    const ended = await this.#revoke({ username });
    this.#bus.publish('credentials.revoked', { credentialIds: [userCredential(username)] });
    return ended;
  }

  async endByMethod(method: SessionMethod): Promise<number> {
    return this.#revoke({ method });
  }

  async list(actor: Actor, username: string): Promise<SessionView[]> {
    authorize(actor, 'read', account(username));
    const rows = await this.#orm.em
      .fork()
      .find(
        Session,
        { username, expiresAt: { $gt: new Date() } },
        { orderBy: { lastSeenAt: 'desc' } },
      );
    return rows.map((s) => ({
      id: s.publicId,
      username: s.username,
      method: s.method,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      ip: s.ip ?? null,
      userAgent: s.userAgent ?? null,
      current: s.id === actor.credentialId,
    }));
  }

  /** Signs out one of the caller's sessions (or, for an admin, anyone's) by its public id. */
  async revoke(actor: Actor, publicId: string): Promise<void> {
    // Nobody learns whether a session id exists before proving who they are.
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('authentication required');
    const row = await this.#orm.em.fork().findOne(Session, { publicId });
    if (!row) throw new NotFoundError(`no session with id ${publicId}`);
    authorize(actor, 'update', account(row.username));
    await this.end(row.id);
  }

  async #revoke(where: Record<string, unknown>): Promise<number> {
    const em = this.#orm.em.fork();
    const rows = await em.find(Session, where);
    if (rows.length === 0) return 0;
    await em.nativeDelete(Session, { id: { $in: rows.map((r) => r.id) } });
    this.#bus.publish('credentials.revoked', { credentialIds: rows.map((r) => r.id) });
    return rows.length;
  }

  /** Drops expired rows; run now and then. */
  async prune(): Promise<void> {
    await this.#orm.em.fork().nativeDelete(Session, { expiresAt: { $lte: new Date() } });
  }
}
