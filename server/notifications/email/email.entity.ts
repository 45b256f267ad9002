import { defineEntity, p } from '@mikro-orm/core';

/** The one email channel (row id `email`). The SMTP password is sealed with the master key. */
export const EmailChannelSchema = defineEntity({
  name: 'EmailChannel',
  tableName: 'notification_email',
  properties: {
    id: p.string().primary(),
    enabled: p.boolean(),
    provider: p.string(),
    server: p.string(),
    port: p.integer(),
    username: p.string(),
    sealedPassword: p.text().nullable(),
    from: p.string(),
    to: p.json<string[]>(),
    tls: p.boolean(),
    startTls: p.boolean(),
    skipTlsVerify: p.boolean(),
    rateLimitPerMinute: p.integer(),
    updatedAt: p.datetime(),
  },
});

export class EmailChannel extends EmailChannelSchema.class {}
EmailChannelSchema.setClass(EmailChannel);
