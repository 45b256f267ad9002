import { type Actor, authorize } from '../../access/actor.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { OidcEnv } from '../../config/oidc-env.ts';
import type { SecretBox } from '../../config/secrets.ts';
import type { Orm } from '../../db/orm.ts';
import { ValidationError } from '../../errors.ts';
import {
  defaultOidcFields,
  type OidcField,
  type OidcFields,
  oidcFieldNames,
  parseOidcField,
} from './fields.ts';
import { OidcSettings } from './oidc-settings.entity.ts';

export const secretMask = '********';
const rowId = 'oidc';
export const callbackPath = '/api/oidc/callback';

/** What an admin reads: effective values, the secret masked, and which fields the env locks. */
export interface OidcSettingsView extends OidcFields {
  hasClientSecret: boolean;
  /** The callback Pulse registers when redirectUrl is left empty. */
  defaultRedirectUrl: string;
  /** Fields set by OIDC_* or PULSE_AUTH_HIDE_LOCAL_LOGIN: shown, not editable. */
  envOverrides: OidcField[];
}

/** What a change did, for whoever reacts to it (discovery cache, sessions, posture). */
export interface OidcChange {
  before: OidcFields;
  after: OidcFields;
}

/**
 * Stored single sign-on settings, with the environment on top. Kept in memory once read:
 * every SSO session's refresh asks for them.
 */
export class OidcSettingsService {
  readonly #orm: Orm;
  readonly #box: SecretBox;
  readonly #audit: AuditLog;
  readonly #env: OidcEnv;
  readonly #envHideLocalLogin: boolean | null;
  readonly #publicUrl: string | null;
  readonly #listeners: ((change: OidcChange) => Promise<void>)[] = [];
  #stored: OidcFields | null = null;

  constructor(parts: {
    orm: Orm;
    box: SecretBox;
    audit: AuditLog;
    env: OidcEnv;
    hideLocalLogin: boolean | null;
    publicUrl: string | null;
  }) {
    this.#orm = parts.orm;
    this.#box = parts.box;
    this.#audit = parts.audit;
    this.#env = parts.env;
    this.#envHideLocalLogin = parts.hideLocalLogin;
    this.#publicUrl = parts.publicUrl;
  }

  onChange(listener: (change: OidcChange) => Promise<void>): void {
    this.#listeners.push(listener);
  }

  get envOverrides(): OidcField[] {
    const fields = Object.keys(this.#env) as OidcField[];
    return this.#envHideLocalLogin === null ? fields : [...fields, 'hideLocalLogin'];
  }

  /** The settings in force: stored values with OIDC_* on top. */
  async effective(): Promise<OidcFields> {
    return this.#withEnv(await this.#load());
  }

  /** `<public URL or the caller's origin>/api/oidc/callback`. */
  defaultRedirectUrl(origin: string | null): string {
    const base = this.#publicUrl ?? origin ?? '';
    return `${base.replace(/\/$/, '')}${callbackPath}`;
  }

  /** The redirect URI to send the provider, given the caller's origin. */
  redirectUrlFor(fields: OidcFields, origin: string | null): string {
    return fields.redirectUrl || this.defaultRedirectUrl(origin);
  }

  /** Where Pulse is reached, for the provider's post-logout redirect; null if unknown. */
  publicOrigin(fields: OidcFields): string | null {
    if (this.#publicUrl) return new URL(this.#publicUrl).origin;
    return fields.redirectUrl ? new URL(fields.redirectUrl).origin : null;
  }

  async view(actor: Actor, origin: string | null): Promise<OidcSettingsView> {
    authorize(actor, 'manage', 'Account');
    return this.#view(await this.effective(), origin);
  }

  /**
   * Applies a partial change. The masked secret (or none) keeps the stored one, "" clears it.
   * A field the environment sets may be saved but stays overridden.
   */
  async update(actor: Actor, input: unknown, origin: string | null): Promise<OidcSettingsView> {
    authorize(actor, 'manage', 'Account');
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ValidationError('send the settings as a JSON object');
    }
    const given = input as Record<string, unknown>;
    const before = await this.#load();
    const next: OidcFields = { ...before };
    const changed: OidcField[] = [];
    for (const field of oidcFieldNames) {
      const value = given[field];
      if (value === undefined) continue;
      if (field === 'clientSecret' && value === secretMask) continue;
      const parsed = parseOidcField(field, value);
      const stored =
        field === 'redirectUrl' && parsed === this.defaultRedirectUrl(origin) ? '' : parsed;
      if (JSON.stringify(stored) === JSON.stringify(before[field])) continue;
      (next as unknown as Record<string, unknown>)[field] = stored;
      changed.push(field);
    }
    const effective = this.#withEnv(next);
    if (effective.enabled) {
      for (const field of ['issuerUrl', 'clientId'] as const) {
        if (effective[field] === '') {
          throw new ValidationError(`${field} is required to enable single sign-on`, field);
        }
      }
    }
    if (changed.length === 0) return this.#view(effective, origin);
    await this.#save(next);
    const beforeEffective = this.#withEnv(before);
    this.#stored = next;
    await this.#audit.record({
      event: 'oidc_settings_changed',
      user: actor.name,
      details: { changed: changed.join(','), enabled: effective.enabled },
    });
    for (const listener of this.#listeners) {
      await listener({ before: beforeEffective, after: effective });
    }
    return this.#view(effective, origin);
  }

  #view(fields: OidcFields, origin: string | null): OidcSettingsView {
    return {
      ...fields,
      clientSecret: fields.clientSecret ? secretMask : '',
      hasClientSecret: fields.clientSecret !== '',
      redirectUrl: this.redirectUrlFor(fields, origin),
      defaultRedirectUrl: this.defaultRedirectUrl(origin),
      envOverrides: this.envOverrides,
    };
  }

  #withEnv(stored: OidcFields): OidcFields {
    return {
      ...stored,
      ...this.#env,
      hideLocalLogin: this.#envHideLocalLogin ?? stored.hideLocalLogin,
    };
  }

  async #load(): Promise<OidcFields> {
    if (this.#stored) return this.#stored;
    const row = await this.#orm.em.fork().findOne(OidcSettings, { id: rowId });
    this.#stored = row
      ? {
          enabled: row.enabled,
          issuerUrl: row.issuerUrl,
          clientId: row.clientId,
          clientSecret: row.sealedClientSecret ? this.#box.open(row.sealedClientSecret) : '',
          redirectUrl: row.redirectUrl,
          logoutUrl: row.logoutUrl,
          scopes: row.scopes,
          usernameClaim: row.usernameClaim,
          emailClaim: row.emailClaim,
          groupsClaim: row.groupsClaim,
          allowedGroups: row.allowedGroups,
          allowedDomains: row.allowedDomains,
          allowedEmails: row.allowedEmails,
          groupRoleMappings: row.groupRoleMappings,
          hideLocalLogin: row.hideLocalLogin,
          caBundle: row.caBundle,
        }
      : { ...defaultOidcFields };
    return this.#stored;
  }

  async #save(fields: OidcFields): Promise<void> {
    const { clientSecret, ...rest } = fields;
    await this.#orm.em.fork().upsert(OidcSettings, {
      id: rowId,
      ...rest,
      sealedClientSecret: clientSecret ? this.#box.seal(clientSecret) : null,
      updatedAt: new Date(),
    });
  }
}
