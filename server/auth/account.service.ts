import { type Role, roles } from '../access/abilities.ts';
import { type Actor, account, authorize, systemActor } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Orm } from '../db/orm.ts';
import {
  ConflictError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../errors.ts';
import type { BootstrapToken } from './bootstrap.ts';
import { ipKey, type Lockout, userKey } from './lockout.ts';
import type { SecurityPosture } from './posture.ts';
import {
  checkPasswordStrength,
  hashPassword,
  isBcryptHash,
  sameSecret,
  verifyPassword,
} from './secrets.ts';
import type { SessionService } from './session.service.ts';
import type { CreatedToken, TokenService } from './token.service.ts';
import { User } from './user.entity.ts';

export interface SetupInput {
  username?: unknown;
  password?: unknown;
  /** A token value the client generated, stored (hashed) as a full-access API token. */
  apiToken?: unknown;
  force?: unknown;
  setupToken?: unknown;
}

export interface LoginUser {
  username: string;
  role: Role;
}

/** A failed login: the message and how many tries are left before the lock. */
export class LoginFailedError extends UnauthenticatedError {
  readonly remainingAttempts: number;

  constructor(remainingAttempts: number) {
    super('invalid username or password');
    this.remainingAttempts = remainingAttempts;
  }
}

const usernamePattern = /^[A-Za-z0-9._@+-]{1,64}$/;
// Compared against when the user does not exist, so a wrong name costs as long as a wrong password.
const absentUserHash = '$2b$12$.EMdeba/Wya4x6LGUtnSauDosVyAQ9rz0KTYjw7tc/gNja.mjwQj2';

/** Local accounts: first-run setup, login with lockout, password changes. */
export class AccountService {
  readonly #orm: Orm;
  readonly #sessions: SessionService;
  readonly #tokens: TokenService;
  readonly #bootstrap: BootstrapToken;
  readonly #lockout: Lockout;
  readonly #audit: AuditLog;
  readonly #posture: SecurityPosture;
  #logoutRedirect: (sessionId: string) => Promise<string | null> = async () => null;

  constructor(parts: {
    orm: Orm;
    sessions: SessionService;
    tokens: TokenService;
    bootstrap: BootstrapToken;
    lockout: Lockout;
    audit: AuditLog;
    posture: SecurityPosture;
  }) {
    this.#orm = parts.orm;
    this.#sessions = parts.sessions;
    this.#tokens = parts.tokens;
    this.#bootstrap = parts.bootstrap;
    this.#lockout = parts.lockout;
    this.#audit = parts.audit;
    this.#posture = parts.posture;
  }

  async hasLocalUsers(): Promise<boolean> {
    return (await this.#orm.em.fork().count(User, { passwordHash: { $ne: null } })) > 0;
  }

  async find(username: string): Promise<User | null> {
    return this.#orm.em.fork().findOne(User, { username });
  }

  /** PULSE_AUTH_USER / PULSE_AUTH_PASS: the admin exists with this password (hashed if plain). */
  async applyEnvAdmin(admin: { username: string; password: string }): Promise<void> {
    const em = this.#orm.em.fork();
    const existing = await em.findOne(User, { username: admin.username });
    const hashOk = existing?.passwordHash
      ? isBcryptHash(admin.password)
        ? sameSecret(existing.passwordHash, admin.password)
        : await verifyPassword(admin.password, existing.passwordHash)
      : false;
    if (existing && hashOk && existing.role === 'admin') return;
    const passwordHash = isBcryptHash(admin.password)
      ? admin.password
      : await hashPassword(admin.password);
    const now = new Date();
    await em.upsert(User, {
      username: admin.username,
      passwordHash,
      role: 'admin',
      source: 'env',
      createdAt: existing?.createdAt ?? now,
      passwordChangedAt: now,
      lastLoginAt: existing?.lastLoginAt ?? null,
    });
    if (existing) await this.#sessions.endAllFor(admin.username);
    await this.#posture.refresh();
  }

  /**
   * Quick security setup: creates the admin (and optionally an API token). Before any login
   * exists it needs the bootstrap token; afterwards only an admin may run it again, with force.
   */
  async setup(
    actor: Actor,
    input: SetupInput,
    setupToken: string | undefined,
  ): Promise<{ user: LoginUser; token: CreatedToken | null }> {
    if (this.#posture.configured) {
      authorize(actor, 'manage', 'Account');
      if (input.force !== true) {
        throw new ConflictError(
          'security is already set up; send "force": true to replace the admin',
        );
      }
    } else if (!this.#bootstrap.matches(setupToken)) {
      throw new UnauthenticatedError(
        `a valid bootstrap token is required (header X-Setup-Token); it is in ${this.#bootstrap.path} and in the log`,
      );
    }
    const username = text(input.username, 'username');
    if (!usernamePattern.test(username)) {
      throw new ValidationError(
        'the username may hold letters, digits and . _ @ + - (at most 64)',
        'username',
      );
    }
    const password = text(input.password, 'password');
    checkPasswordStrength(password);
    const now = new Date();
    const em = this.#orm.em.fork();
    await em.upsert(User, {
      username,
      passwordHash: await hashPassword(password),
      role: 'admin',
      source: 'local',
      createdAt: now,
      passwordChangedAt: now,
      lastLoginAt: null,
    });
    const token =
      input.apiToken === undefined || input.apiToken === null || input.apiToken === ''
        ? null
        : await this.#tokens.create(systemActor, {
            name: 'Quick setup token',
            scopes: ['*'],
            value: text(input.apiToken, 'apiToken'),
          });
    this.#bootstrap.clear();
    await this.#posture.refresh();
    await this.#sessions.endAllFor(username);
    await this.#audit.record({
      event: 'security_setup',
      user: username,
      details: { apiToken: token !== null },
    });
    return { user: { username, role: 'admin' }, token };
  }

  /** Checks a password login, with the lockout in front of it. */
  async login(username: string, password: string, ip: string): Promise<LoginUser> {
    const keys = [userKey(username), ipKey(ip)];
    const state = this.#lockout.check(keys);
    if (state.locked) {
      throw new TooManyRequestsError(
        'too many failed logins; try again later or ask an admin to reset the lockout',
        Math.ceil(state.retryAfterMs / 1000),
      );
    }
    const user = await this.find(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? absentUserHash);
    if (!user?.passwordHash || !ok) {
      const lockedNow = this.#lockout.fail(keys);
      await this.#audit.record({ event: 'login_failed', user: username, success: false, ip });
      if (lockedNow) {
        await this.#audit.record({ event: 'lockout', user: username, success: false, ip });
      }
      throw new LoginFailedError(this.#lockout.check(keys).remainingAttempts);
    }
    this.#lockout.succeed(keys);
    await this.#markLogin(user.username);
    await this.#audit.record({
      event: 'login',
      user: user.username,
      ip,
      details: { method: 'password' },
    });
    return { username: user.username, role: user.role as Role };
  }

  /**
   * Someone who signed in elsewhere (SSO, proxy): recorded so their sessions have an owner.
   * Refused (false) when a local password account has that name: it is somebody else's.
   */
  async signInExternal(username: string, role: Role, source: 'oidc' | 'proxy'): Promise<boolean> {
    const em = this.#orm.em.fork();
    const existing = await em.findOne(User, { username });
    const now = new Date();
    if (existing?.passwordHash) return false;
    await em.upsert(User, {
      username,
      passwordHash: null,
      role,
      source,
      createdAt: existing?.createdAt ?? now,
      passwordChangedAt: null,
      lastLoginAt: now,
    });
    return true;
  }

  /**
   * Where a signed-out browser should go next: the SSO provider's logout, when the session came
   * from one. Set by the single sign-on module.
   */
  useLogoutRedirect(find: (sessionId: string) => Promise<string | null>): void {
    this.#logoutRedirect = find;
  }

  async logout(actor: Actor): Promise<{ redirectUrl: string | null }> {
    if (actor.kind !== 'user') throw new UnauthenticatedError('not signed in');
    let redirectUrl: string | null = null;
    if (actor.method === 'session' && actor.credentialId) {
      redirectUrl = await this.#logoutRedirect(actor.credentialId);
      await this.#sessions.end(actor.credentialId);
    }
    await this.#audit.record({ event: 'logout', user: actor.name });
    return { redirectUrl };
  }

  async changePassword(actor: Actor, current: unknown, next: unknown): Promise<void> {
    if (actor.kind !== 'user') throw new UnauthenticatedError('sign in to change your password');
    authorize(actor, 'update', account(actor.name));
    const user = await this.find(actor.name);
    if (!user?.passwordHash) {
      throw new ValidationError('this account signs in through single sign-on and has no password');
    }
    if (user.source === 'env') {
      throw new ValidationError(
        'this password is set by PULSE_AUTH_PASS; change it there and restart',
      );
    }
    if (!(await verifyPassword(text(current, 'currentPassword'), user.passwordHash))) {
      throw new ValidationError('the current password is wrong', 'currentPassword');
    }
    const password = text(next, 'newPassword');
    checkPasswordStrength(password, 'newPassword');
    const em = this.#orm.em.fork();
    await em.nativeUpdate(
      User,
      { username: user.username },
      { passwordHash: await hashPassword(password), passwordChangedAt: new Date() },
    );
    await this.#sessions.endAllFor(user.username);
    await this.#audit.record({ event: 'password_changed', user: user.username });
  }

  async resetLockout(actor: Actor, identifier: unknown): Promise<boolean> {
    authorize(actor, 'manage', 'Account');
    const id = text(identifier, 'identifier');
    const cleared = this.#lockout.reset(id);
    await this.#audit.record({
      event: 'lockout_reset',
      user: actor.name,
      details: { identifier: id },
    });
    return cleared;
  }

  async #markLogin(username: string): Promise<void> {
    await this.#orm.em.fork().nativeUpdate(User, { username }, { lastLoginAt: new Date() });
  }
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`${field} is required`, field);
  }
  return value;
}

export const isRole = (value: string): value is Role =>
  (roles as readonly string[]).includes(value);
