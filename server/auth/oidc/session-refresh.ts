import * as client from 'openid-client';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Logger } from '../../log/logger.ts';
import type { Session } from '../session.entity.ts';
import type { SessionService } from '../session.service.ts';
import { oidcUsable } from './fields.ts';
import type { OidcProvider } from './provider.ts';
import type { OidcSettingsService } from './settings.service.ts';

/** At least this often a session with a refresh token asks the provider whether it still holds. */
export const defaultRefreshCapSeconds = 5 * 60;
/** When the provider cannot be reached, try again after this long (the session stays). */
const retryAfterOutageMs = 60_000;

/**
 * Keeps SSO sessions with a refresh token (offline_access) honest: when such a session is used
 * and its last refresh is older than the access token's lifetime (at most five minutes), the
 * tokens are refreshed. A provider that refuses (revoked, invalid_grant) ends the session. A
 * provider that cannot be reached does not: the next use tries again.
 *
 * When a session is due lives in memory; after a restart every session is due on first use.
 */
export class SessionRefresher {
  readonly #settings: OidcSettingsService;
  readonly #provider: OidcProvider;
  readonly #sessions: SessionService;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  readonly #capMs: number;
  readonly #dueAt = new Map<string, number>();
  /** One refresh per session at a time; concurrent requests wait for the same answer. */
  readonly #running = new Map<string, Promise<boolean>>();

  constructor(parts: {
    settings: OidcSettingsService;
    provider: OidcProvider;
    sessions: SessionService;
    audit: AuditLog;
    log: Logger;
    capSeconds?: number;
  }) {
    this.#settings = parts.settings;
    this.#provider = parts.provider;
    this.#sessions = parts.sessions;
    this.#audit = parts.audit;
    this.#log = parts.log;
    this.#capMs = (parts.capSeconds ?? defaultRefreshCapSeconds) * 1000;
  }

  /** Just signed in or refreshed: the next refresh is one access-token lifetime (capped) away. */
  schedule(sessionId: string, accessTokenSeconds: number | null): void {
    const lifetimeMs = accessTokenSeconds === null ? this.#capMs : accessTokenSeconds * 1000;
    this.#dueAt.set(sessionId, Date.now() + Math.min(lifetimeMs, this.#capMs));
  }

  /** Makes sessions (one, or all) refresh on their next use. */
  refreshOnNextUse(sessionId?: string): void {
    if (sessionId === undefined) this.#dueAt.clear();
    else this.#dueAt.delete(sessionId);
  }

  forget(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.#dueAt.delete(id);
  }

  /** The authenticator's session check: false when the session has just been ended. */
  check(session: Session): Promise<boolean> {
    if (session.method !== 'oidc' || !session.sealedRefreshToken) return Promise.resolve(true);
    if ((this.#dueAt.get(session.id) ?? 0) > Date.now()) return Promise.resolve(true);
    const running = this.#running.get(session.id);
    if (running) return running;
    const refresh = this.#refresh(session).finally(() => this.#running.delete(session.id));
    this.#running.set(session.id, refresh);
    return refresh;
  }

  async #refresh(session: Session): Promise<boolean> {
    const fields = await this.#settings.effective();
    if (!oidcUsable(fields)) return this.#end(session, 'single sign-on is off');
    const { refreshToken } = this.#sessions.open(session);
    if (!refreshToken) return true;
    try {
      const config = await this.#provider.configuration(fields);
      const tokens = await client.refreshTokenGrant(config, refreshToken);
      if (tokens.refresh_token && tokens.refresh_token !== refreshToken) {
        await this.#sessions.replaceRefreshToken(session.id, tokens.refresh_token);
      }
      this.schedule(session.id, tokens.expires_in ?? null);
      return true;
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.status < 500) {
        return this.#end(session, `the provider refused the refresh: ${error.error}`);
      }
      // Unreachable or broken provider: keep the session, ask again a little later.
      this.#log.warn({ err: error, user: session.username }, 'OIDC token refresh failed');
      this.#dueAt.set(session.id, Date.now() + Math.min(retryAfterOutageMs, this.#capMs));
      return true;
    }
  }

  async #end(session: Session, reason: string): Promise<boolean> {
    this.#dueAt.delete(session.id);
    await this.#sessions.end(session.id);
    await this.#audit.record({
      event: 'session_revoked',
      user: session.username,
      details: { method: 'oidc', reason },
    });
    return false;
  }
}
