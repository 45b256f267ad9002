import { defineEntity, p } from '@mikro-orm/core';
import type { Alert } from '../alerts/alert.ts';

/**
 * One alert that fired and resolved: `<alert id>@<started at>`, the alert as it last was,
 * indexed by when it resolved for the history view and for pruning.
 */
export const AlertHistorySchema = defineEntity({
  name: 'AlertHistoryEntry',
  tableName: 'alert_history',
  properties: {
    id: p.string().primary(),
    alertId: p.string().index(),
    resourceId: p.string().index(),
    level: p.string(),
    alert: p.json<Alert>(),
    startedAt: p.bigint('number'),
    resolvedAt: p.bigint('number').index(),
  },
});

export class AlertHistoryEntry extends AlertHistorySchema.class {}
AlertHistorySchema.setClass(AlertHistoryEntry);
