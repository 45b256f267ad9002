import { defineEntity, p } from '@mikro-orm/core';

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored (`id`),
 * so a copy of the database cannot be replayed as a login. The CSRF token is stored the same
 * way. An SSO session keeps its refresh token sealed with the master key.
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.string().primary(),
    /** Shown to the user and used to revoke; not the cookie value. */
    publicId: p.string().unique(),
    username: p.string().index(),
    role: p.string(),
    /** password, oidc, proxy or recovery */
    method: p.string(),
    csrfHash: p.string(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime().index(),
    /** How long each use extends the session, in seconds. */
    ttlSeconds: p.integer(),
    ip: p.string().nullable(),
    userAgent: p.string().nullable(),
    sealedRefreshToken: p.text().nullable(),
    sealedIdToken: p.text().nullable(),
  },
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
