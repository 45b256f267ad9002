import { defineEntity, p } from '@mikro-orm/core';

/**
 * The alerting documents, stored whole as JSON under a key: `config` (thresholds, overrides,
 * policy) and `state` (the engine's active and pending alerts, cooldowns, flapping history).
 */
export const AlertDocumentSchema = defineEntity({
  name: 'AlertDocument',
  tableName: 'alert_document',
  properties: {
    key: p.string().primary(),
    value: p.json<unknown>(),
    updatedAt: p.bigint('number'),
  },
});

export class AlertDocument extends AlertDocumentSchema.class {}
AlertDocumentSchema.setClass(AlertDocument);
