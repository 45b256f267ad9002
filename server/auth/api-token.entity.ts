import { defineEntity, p } from '@mikro-orm/core';
import type { Scope } from '../access/scopes.ts';

/** A named API token. Only the SHA-256 of the value is kept; the value is shown once. */
export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    hash: p.string().unique(),
    /** The first and last four characters, so a user can tell tokens apart. */
    hint: p.string(),
    scopes: p.json<Scope[]>(),
    /** Who created it; the token never does more than this role allows. */
    role: p.string(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    lastUsedIp: p.string().nullable(),
  },
});

export class ApiToken extends ApiTokenSchema.class {}
ApiTokenSchema.setClass(ApiToken);
