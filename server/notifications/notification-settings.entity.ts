import { defineEntity, p } from '@mikro-orm/core';

/** Settings shared by every channel (row id `notifications`). */
export const NotificationSettingsSchema = defineEntity({
  name: 'NotificationSettings',
  tableName: 'notification_settings',
  properties: {
    id: p.string().primary(),
    /** Webhooks and Apprise may target RFC 1918 ranges and loopback (homelab default). */
    allowPrivateTargets: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export class NotificationSettings extends NotificationSettingsSchema.class {}
NotificationSettingsSchema.setClass(NotificationSettings);
