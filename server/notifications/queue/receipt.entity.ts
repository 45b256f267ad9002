import { defineEntity, p } from '@mikro-orm/core';

/**
 * Proof that one event about one alert occurrence reached one destination. The key is
 * `<alert id>|<alert startedAt>|<event>|<destination>`: a restart that re-offers the same
 * event finds the receipt and sends nothing.
 */
export const DeliveryReceiptSchema = defineEntity({
  name: 'DeliveryReceipt',
  tableName: 'notification_receipt',
  properties: {
    key: p.string().primary(),
    deliveredAt: p.bigint('number').index(),
  },
});

export class DeliveryReceipt extends DeliveryReceiptSchema.class {}
DeliveryReceiptSchema.setClass(DeliveryReceipt);
