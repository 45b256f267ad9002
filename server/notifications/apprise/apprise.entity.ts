import { defineEntity, p } from '@mikro-orm/core';

/** The one Apprise channel (row id `apprise`); the API key is sealed with the master key. */
export const AppriseChannelSchema = defineEntity({
  name: 'AppriseChannel',
  tableName: 'notification_apprise',
  properties: {
    id: p.string().primary(),
    enabled: p.boolean(),
    mode: p.string(),
    targets: p.json<string[]>(),
    serverUrl: p.string(),
    configKey: p.string(),
    sealedApiKey: p.text().nullable(),
    timeoutSeconds: p.integer(),
    updatedAt: p.datetime(),
  },
});

export class AppriseChannel extends AppriseChannelSchema.class {}
AppriseChannelSchema.setClass(AppriseChannel);
