import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '../../access/abilities.ts';

/**
 * Single sign-on settings (one row, id `oidc`). The client secret is sealed with the master
 * key. OIDC_* variables override these values without being written here.
 */
export const OidcSettingsSchema = defineEntity({
  name: 'OidcSettings',
  tableName: 'oidc_settings',
  properties: {
    id: p.string().primary(),
    enabled: p.boolean(),
    issuerUrl: p.string(),
    clientId: p.string(),
    sealedClientSecret: p.text().nullable(),
    /** Empty: derived from the public URL or the request. */
    redirectUrl: p.string(),
    logoutUrl: p.string(),
    scopes: p.json<string[]>(),
    usernameClaim: p.string(),
    emailClaim: p.string(),
    groupsClaim: p.string(),
    allowedGroups: p.json<string[]>(),
    allowedDomains: p.json<string[]>(),
    allowedEmails: p.json<string[]>(),
    groupRoleMappings: p.json<Record<string, Role>>(),
    hideLocalLogin: p.boolean(),
    caBundle: p.text(),
    updatedAt: p.datetime(),
  },
});

export class OidcSettings extends OidcSettingsSchema.class {}
OidcSettingsSchema.setClass(OidcSettings);
