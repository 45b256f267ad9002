import type { Actor } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { BootstrapToken } from './bootstrap.ts';
import type { SecurityPosture } from './posture.ts';
import type { ProxyAuthConfig } from './proxy-auth.ts';
import { defaultRecoveryMinutes, maxRecoveryMinutes, type RecoveryTokens } from './recovery.ts';
import { type IssuedSession, type SessionService, sessionTtlSeconds } from './session.service.ts';

/** GET /api/security/status: what anyone may know, and more for those signed in. */
export interface SecurityStatus {
  configured: boolean;
  requiresSetup: boolean;
  /** Where the bootstrap token is, while one is needed. */
  bootstrapTokenPath: string | null;
  hasAuthentication: boolean;
  proxyAuth: boolean;
  proxyLogoutUrl: string | null;
  oidcEnabled: boolean;
  hideLocalLogin: boolean;
  /** Demo data is open to look at until security is set up. */
  demoVisible: boolean;
  authenticated: boolean;
  user: { username: string; role: string | null; method: string; scopes: string[] | null } | null;
}

export interface RecoveryRequest {
  action: unknown;
  minutes?: unknown;
  /** Straight from this machine. */
  loopback: boolean;
  recoveryToken: string | undefined;
  ip: string;
  userAgent: string | null;
}

export type RecoveryOutcome =
  | { action: 'generate_token'; token: string; expiresAt: Date }
  | { action: 'disable_auth'; session: IssuedSession }
  | { action: 'enable_auth'; ended: number };

/** Security as a whole: status, the bootstrap token, and recovery for a locked-out admin. */
export class SecurityService {
  readonly #posture: SecurityPosture;
  readonly #bootstrap: BootstrapToken;
  readonly #sessions: SessionService;
  readonly #recovery: RecoveryTokens;
  readonly #audit: AuditLog;
  readonly #proxy: ProxyAuthConfig | null;
  readonly #demoRunning: () => boolean;
  #oidc: () => Promise<{ enabled: boolean; hideLocalLogin: boolean }> = async () => ({
    enabled: false,
    hideLocalLogin: false,
  });

  constructor(parts: {
    posture: SecurityPosture;
    bootstrap: BootstrapToken;
    sessions: SessionService;
    recovery: RecoveryTokens;
    audit: AuditLog;
    proxy: ProxyAuthConfig | null;
    demoRunning: () => boolean;
  }) {
    this.#posture = parts.posture;
    this.#bootstrap = parts.bootstrap;
    this.#sessions = parts.sessions;
    this.#recovery = parts.recovery;
    this.#audit = parts.audit;
    this.#proxy = parts.proxy;
    this.#demoRunning = parts.demoRunning;
  }

  useOidc(read: () => Promise<{ enabled: boolean; hideLocalLogin: boolean }>): void {
    this.#oidc = read;
  }

  async status(actor: Actor): Promise<SecurityStatus> {
    const configured = this.#posture.configured;
    const oidc = await this.#oidc();
    const signedIn = actor.kind === 'user' || actor.kind === 'token';
    return {
      configured,
      requiresSetup: !configured,
      bootstrapTokenPath: configured ? null : this.#bootstrap.path,
      hasAuthentication: configured,
      proxyAuth: this.#proxy !== null,
      proxyLogoutUrl: this.#proxy?.logoutUrl ?? null,
      oidcEnabled: oidc.enabled,
      hideLocalLogin: oidc.hideLocalLogin,
      demoVisible: !configured && this.#demoRunning(),
      authenticated: signedIn,
      user: signedIn
        ? {
            username: actor.name,
            role: actor.role,
            method: actor.method,
            scopes: actor.scopes ? [...actor.scopes] : null,
          }
        : null,
    };
  }

  validateBootstrapToken(token: string | undefined): void {
    if (this.#posture.configured) throw new ValidationError('security is already set up');
    if (!this.#bootstrap.matches(token)) throw new UnauthenticatedError('invalid bootstrap token');
  }

  recoveryStatus(): { activeTokens: number } {
    return { activeTokens: this.#recovery.active };
  }

  /**
   * generate_token works only from this machine; disable_auth (a recovery session for this
   * browser, not auth switched off for everyone) and enable_auth need this machine or a
   * recovery token.
   */
  async recover(request: RecoveryRequest): Promise<RecoveryOutcome> {
    const action = request.action;
    if (action === 'generate_token') {
      if (!request.loopback)
        throw new ForbiddenError(
          'recovery tokens can only be made from the Pulse host itself (localhost)',
        );
      const minutes =
        request.minutes === undefined ? defaultRecoveryMinutes : Number(request.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxRecoveryMinutes) {
        throw new ValidationError(
          `minutes must be a whole number from 1 to ${maxRecoveryMinutes}`,
          'minutes',
        );
      }
      const minted = this.#recovery.mint(minutes);
      await this.#audit.record({
        event: 'recovery',
        user: null,
        ip: request.ip,
        details: { action, minutes },
      });
      return { action, ...minted };
    }
    if (action !== 'disable_auth' && action !== 'enable_auth') {
      throw new ValidationError(
        'action must be generate_token, disable_auth or enable_auth',
        'action',
      );
    }
    if (!request.loopback && !this.#recovery.matches(request.recoveryToken)) {
      throw new UnauthenticatedError(
        'recovery needs this machine (localhost) or a valid X-Recovery-Token',
      );
    }
    await this.#audit.record({
      event: 'recovery',
      user: null,
      ip: request.ip,
      details: { action },
    });
    if (action === 'enable_auth')
      return { action, ended: await this.#sessions.endByMethod('recovery') };
    const session = await this.#sessions.create({
      username: 'recovery',
      role: 'admin',
      method: 'recovery',
      ttlSeconds: Math.min(sessionTtlSeconds, defaultRecoveryMinutes * 60),
      ip: request.ip,
      userAgent: request.userAgent,
    });
    return { action, session };
  }
}
