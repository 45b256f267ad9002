import { defineEntity, p } from '@mikro-orm/core';

/**
 * A webhook destination. The URL (Discord, Slack and Telegram put their token in it), the
 * header values, the custom fields (Pushover's token and user key) and the signing secret are
 * sealed with the master key.
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
    /** Only rows saved before custom fields were sealed still hold them here, in the clear. */
    customFields: p.json<Record<string, string>>(),
    /** Sealed JSON object of field → value. */
    sealedCustomFields: p.text().nullable(),
    mention: p.string().nullable(),
    sealedSigningSecret: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class Webhook extends WebhookSchema.class {}
WebhookSchema.setClass(Webhook);
