import { defineEntity, p } from '@mikro-orm/core';

/**
 * A webhook destination. The URL (Discord, Slack and Telegram put their token in it), the
 * header values and the signing secret are sealed with the master key.
 */
export const WebhookSchema = defineEntity({
  name: 'Webhook',
  tableName: 'notification_webhook',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    sealedUrl: p.text(),
    method: p.string(),
    /** Sealed JSON object of header name → value. */
    sealedHeaders: p.text(),
    enabled: p.boolean(),
    service: p.string(),
    template: p.text().nullable(),
    customFields: p.json<Record<string, string>>(),
    mention: p.string().nullable(),
    sealedSigningSecret: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class Webhook extends WebhookSchema.class {}
WebhookSchema.setClass(Webhook);
