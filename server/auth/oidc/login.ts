import * as client from 'openid-client';
import type { Role } from '../../access/abilities.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import { ValidationError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountService } from '../account.service.ts';
import { randomToken, sha256Hex } from '../secrets.ts';
import type { IssuedSession, SessionService } from '../session.service.ts';
import { admit, missingClaims, readIdentity } from './claims.ts';
import { oidcUsable } from './fields.ts';
import type { PendingLogins } from './pending-logins.ts';
import type { OidcProvider } from './provider.ts';
import type { OidcSettingsService } from './settings.service.ts';

/** A sign-in that failed; `code` is what /login?error= shows, `reason` goes to the audit log. */
export class OidcLoginError extends Error {
  readonly code: string;
  readonly user: string | null;

  constructor(code: string, reason: string, user: string | null = null) {
    super(reason);
    this.code = code;
    this.user = user;
  }
}

export interface LoginStart {
  url: string;
  /** The browser's binding cookie value (new, or the one it already had). */
  binding: string;
}

export interface LoginDone {
  issued: IssuedSession;
  returnTo: string;
  username: string;
  role: Role;
  /** The access token's lifetime (expires_in), which paces refreshes. */
  accessTokenSeconds: number | null;
}

/** Where to go after signing in: a path on this server, never another site. */
export function checkReturnTo(value: string | null): string {
  if (value === null || value === '') return '/';
  const sameSite =
    value.length <= 2048 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !/[\\\p{Cc}]/u.test(value) &&
    new URL(value, 'http://pulse.invalid').origin === 'http://pulse.invalid';
  if (!sameSite) {
    throw new ValidationError('returnTo must be a path on this server, like /alerts', 'returnTo');
  }
  return value;
}

/** The authorization code flow with PKCE (S256), state and nonce. */
export class OidcLogin {
  readonly #settings: OidcSettingsService;
  readonly #provider: OidcProvider;
  readonly #pending: PendingLogins;
  readonly #accounts: AccountService;
  readonly #sessions: SessionService;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  /** The origin of the last callback that worked: where a signed-out browser can return. */
  lastOrigin: string | null = null;

  constructor(parts: {
    settings: OidcSettingsService;
    provider: OidcProvider;
    pending: PendingLogins;
    accounts: AccountService;
    sessions: SessionService;
    audit: AuditLog;
    log: Logger;
  }) {
    this.#settings = parts.settings;
    this.#provider = parts.provider;
    this.#pending = parts.pending;
    this.#accounts = parts.accounts;
    this.#sessions = parts.sessions;
    this.#audit = parts.audit;
    this.#log = parts.log;
  }

  async begin(input: {
    returnTo: string;
    origin: string | null;
    binding: string | undefined;
  }): Promise<LoginStart> {
    const fields = await this.#settings.effective();
    if (!oidcUsable(fields)) throw new OidcLoginError('oidc_disabled', 'single sign-on is off');
    const config = await this.#provider.configuration(fields).catch((error: unknown) => {
      this.#log.warn({ err: error, issuer: fields.issuerUrl }, 'OIDC discovery failed');
      throw new OidcLoginError('provider_unavailable', `discovery failed: ${message(error)}`);
    });
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirectUri = this.#settings.redirectUrlFor(fields, input.origin);
    // The browser keeps one binding for all its pending logins, so two tabs signing in at
    // once do not undo each other.
    const binding =
      input.binding && /^[0-9a-f]{64}$/.test(input.binding) ? input.binding : randomToken();
    this.#pending.add(state, {
      codeVerifier,
      nonce,
      redirectUri,
      returnTo: input.returnTo,
      bindingHash: sha256Hex(binding),
    });
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: fields.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    // OpenID Connect Core 11: offline access is asked for with prompt=consent.
    if (fields.scopes.includes('offline_access')) parameters.prompt = 'consent';
    return { url: client.buildAuthorizationUrl(config, parameters).href, binding };
  }

  /** Finishes a sign-in from the provider's redirect; throws OidcLoginError when refused. */
  async complete(input: {
    query: URLSearchParams;
    binding: string | undefined;
    ip: string;
    userAgent: string | null;
  }): Promise<LoginDone> {
    try {
      const done = await this.#complete(input);
      await this.#audit.record({
        event: 'login',
        user: done.username,
        ip: input.ip,
        details: { method: 'oidc', role: done.role },
      });
      return done;
    } catch (error) {
      const failure =
        error instanceof OidcLoginError
          ? error
          : new OidcLoginError('sso_failed', `unexpected: ${message(error)}`);
      if (!(error instanceof OidcLoginError))
        this.#log.error({ err: error }, 'OIDC callback failed');
      await this.#audit.record({
        event: 'login_failed',
        user: failure.user,
        success: false,
        ip: input.ip,
        details: { method: 'oidc', reason: failure.message.slice(0, 300) },
      });
      throw failure;
    }
  }

  async #complete(input: {
    query: URLSearchParams;
    binding: string | undefined;
    userAgent: string | null;
    ip: string;
  }): Promise<LoginDone> {
    const { query } = input;
    const pending = this.#pending.take(query.get('state') ?? '', input.binding);
    const providerError = query.get('error');
    if (providerError) {
      const code = providerError === 'access_denied' ? 'access_denied' : 'provider_error';
      const description = query.get('error_description') ?? '';
      throw new OidcLoginError(code, `provider answered ${providerError} ${description}`.trim());
    }
    if (!pending) {
      throw new OidcLoginError('state_mismatch', 'unknown, expired, used or foreign state');
    }
    const fields = await this.#settings.effective();
    if (!oidcUsable(fields)) throw new OidcLoginError('oidc_disabled', 'single sign-on is off');
    const config = await this.#provider.configuration(fields).catch((error: unknown) => {
      throw new OidcLoginError('provider_unavailable', `discovery failed: ${message(error)}`);
    });
    const current = new URL(pending.redirectUri);
    for (const [name, value] of query) current.searchParams.append(name, value);
    const tokens = await client
      .authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: query.get('state') ?? '',
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw new OidcLoginError('token_exchange_failed', `code exchange: ${message(error)}`);
      });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) {
      throw new OidcLoginError('token_exchange_failed', 'the provider returned no ID token');
    }
    let claims: Record<string, unknown> = { ...idClaims };
    const userinfo = config.serverMetadata().userinfo_endpoint;
    if (missingClaims(claims, fields) && userinfo) {
      const extra = await client
        .fetchUserInfo(config, tokens.access_token, idClaims.sub)
        .catch((error: unknown) => {
          this.#log.warn({ err: error }, 'OIDC userinfo failed; using the ID token alone');
          return {};
        });
      claims = { ...extra, ...claims };
    }
    const identity = readIdentity(claims, fields);
    const verdict = admit(identity, fields);
    if (!verdict.ok) {
      throw new OidcLoginError(
        verdict.refusal,
        `${verdict.refusal} (groups: ${identity.groups.join(', ') || 'none'})`,
        identity.username,
      );
    }
    if (!(await this.#accounts.signInExternal(verdict.username, verdict.role, 'oidc'))) {
      // The provider must not be able to take over a local account by naming a user after it.
      throw new OidcLoginError(
        'local_account_conflict',
        `"${verdict.username}" is a local account that signs in with a password`,
        verdict.username,
      );
    }
    const issued = await this.#sessions.create({
      username: verdict.username,
      role: verdict.role,
      method: 'oidc',
      // Only with offline_access: then the session lives as long as the provider agrees.
      refreshToken: tokens.refresh_token ?? null,
      idToken: tokens.id_token,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    this.lastOrigin = new URL(pending.redirectUri).origin;
    return {
      issued,
      returnTo: pending.returnTo,
      username: verdict.username,
      role: verdict.role,
      accessTokenSeconds: tokens.expires_in ?? null,
    };
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
