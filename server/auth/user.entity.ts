import { defineEntity, p } from '@mikro-orm/core';

/**
 * A person who can sign in. Local users have a bcrypt hash; users who arrive through single
 * sign-on or a reverse proxy have none and exist so their role and sessions have an owner.
 */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    username: p.string().primary(),
    passwordHash: p.string().nullable(),
    role: p.string(),
    /** local, env (PULSE_AUTH_USER), oidc or proxy */
    source: p.string(),
    createdAt: p.datetime(),
    passwordChangedAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
