import * as client from 'openid-client';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { OidcEnv } from '../../config/oidc-env.ts';
import type { SecretBox } from '../../config/secrets.ts';
import type { Orm } from '../../db/orm.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountService } from '../account.service.ts';
import type { SecurityPosture } from '../posture.ts';
import { sha256Hex } from '../secrets.ts';
import type { SecurityService } from '../security.service.ts';
import { Session } from '../session.entity.ts';
import type { SessionService } from '../session.service.ts';
import { oidcUsable } from './fields.ts';
import { type LoginDone, type LoginStart, OidcLogin } from './login.ts';
import { PendingLogins } from './pending-logins.ts';
import { OidcProvider } from './provider.ts';
import { SessionRefresher } from './session-refresh.ts';
import { OidcSettingsService } from './settings.service.ts';

export interface OidcParts {
  orm: Orm;
  box: SecretBox;
  audit: AuditLog;
  log: Logger;
  env: OidcEnv;
  hideLocalLogin: boolean | null;
  publicUrl: string | null;
  accounts: AccountService;
  sessions: SessionService;
}

/** Single sign-on as one service: settings, the login flow, refreshes and provider logout. */
export class OidcService {
  readonly settings: OidcSettingsService;
  readonly refresher: SessionRefresher;
  readonly #login: OidcLogin;
  readonly #provider = new OidcProvider();
  readonly #orm: Orm;
  readonly #sessions: SessionService;
  readonly #log: Logger;

  constructor(parts: OidcParts) {
    this.#orm = parts.orm;
    this.#sessions = parts.sessions;
    this.#log = parts.log;
    this.settings = new OidcSettingsService({
      orm: parts.orm,
      box: parts.box,
      audit: parts.audit,
      env: parts.env,
      hideLocalLogin: parts.hideLocalLogin,
      publicUrl: parts.publicUrl,
    });
    const common = {
      settings: this.settings,
      provider: this.#provider,
      sessions: parts.sessions,
      audit: parts.audit,
      log: parts.log,
    };
    this.refresher = new SessionRefresher(common);
    this.#login = new OidcLogin({
      ...common,
      pending: new PendingLogins(),
      accounts: parts.accounts,
    });
  }

  /** Plugs into the identity core: posture, status, logout, and reacting to changes. */
  wire(core: { posture: SecurityPosture; security: SecurityService; accounts: AccountService }) {
    core.posture.useOidc(async () => oidcUsable(await this.settings.effective()));
    core.security.useOidc(async () => {
      const fields = await this.settings.effective();
      const enabled = oidcUsable(fields);
      // Hiding the password form only makes sense while there is another way in.
      return { enabled, hideLocalLogin: enabled && fields.hideLocalLogin };
    });
    core.accounts.useLogoutRedirect((sessionId) => this.logoutUrl(sessionId));
    this.settings.onChange(async ({ before, after }) => {
      this.#provider.forget();
      const sameProvider =
        before.issuerUrl === after.issuerUrl && before.clientId === after.clientId;
      // Sessions from a provider Pulse no longer trusts end now, not at their expiry.
      if (oidcUsable(before) && (!oidcUsable(after) || !sameProvider)) {
        await this.#sessions.endByMethod('oidc');
      }
      this.refresher.refreshOnNextUse();
      await core.posture.refresh();
    });
  }

  begin(input: {
    returnTo: string;
    origin: string | null;
    binding: string | undefined;
  }): Promise<LoginStart> {
    return this.#login.begin(input);
  }

  async complete(input: {
    query: URLSearchParams;
    binding: string | undefined;
    ip: string;
    userAgent: string | null;
  }): Promise<LoginDone> {
    const done = await this.#login.complete(input);
    this.refresher.schedule(sha256Hex(done.issued.token), done.accessTokenSeconds);
    return done;
  }

  /**
   * The provider's end-session URL for an SSO session (id_token_hint, and a way back to
   * Pulse's login page); null for other sessions or when the provider has none.
   */
  async logoutUrl(sessionId: string): Promise<string | null> {
    const session = await this.#orm.em.fork().findOne(Session, { id: sessionId });
    if (session?.method !== 'oidc') return null;
    this.refresher.forget([sessionId]);
    const fields = await this.settings.effective();
    if (!oidcUsable(fields)) return null;
    const { idToken, refreshToken } = this.#sessions.open(session);
    const needsProvider = !fields.logoutUrl || refreshToken !== null;
    const config = needsProvider
      ? await this.#provider.configuration(fields).catch(() => null)
      : null;
    if (config && refreshToken && config.serverMetadata().revocation_endpoint) {
      // Best effort, not awaited: a slow provider must not hold up signing out.
      client
        .tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' })
        .catch((error: unknown) => this.#log.warn({ err: error }, 'OIDC token revocation failed'));
    }
    const endpoint = fields.logoutUrl || config?.serverMetadata().end_session_endpoint;
    if (!endpoint) return null;
    const url = new URL(endpoint);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('client_id', fields.clientId);
    const origin = this.settings.publicOrigin(fields) ?? this.#login.lastOrigin;
    if (origin) url.searchParams.set('post_logout_redirect_uri', `${origin}/login`);
    return url.href;
  }
}
