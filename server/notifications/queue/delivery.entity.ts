import { defineEntity, p } from '@mikro-orm/core';
import type { AlertNotification } from '../../alerts/alert.ts';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dlq' | 'cancelled';

/**
 * One notification to one destination (`email`, `apprise` or `webhook:<id>`). The payload
 * is the AlertNotification; it is rendered at send time with the destination's current
 * config, so a fixed template also fixes queued rows. Times are epoch milliseconds.
 */
export const DeliverySchema = defineEntity({
  name: 'Delivery',
  tableName: 'notification_delivery',
  properties: {
    id: p.string().primary(),
    destination: p.string().index(),
    event: p.string(),
    /** The ids of the alerts the payload carries, to cancel on resolve. */
    alertIds: p.json<string[]>(),
    status: p.string().index(),
    attempts: p.integer(),
    maxAttempts: p.integer(),
    nextAttemptAt: p.bigint('number').index(),
    lastError: p.text().nullable(),
    lastStatusCode: p.integer().nullable(),
    payload: p.json<AlertNotification>(),
    createdAt: p.bigint('number'),
    completedAt: p.bigint('number').nullable(),
  },
});

export class Delivery extends DeliverySchema.class {}
DeliverySchema.setClass(Delivery);
