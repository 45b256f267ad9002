import { defineEntity, p } from '@mikro-orm/core';

/** A rule that hides matching findings, now and in later runs. */
export const SuppressionRuleSchema = defineEntity({
  name: 'SuppressionRule',
  tableName: 'patrol_suppressions',
  properties: {
    id: p.string().primary(),
    /** A check name; null matches every check. */
    check: p.string().nullable(),
    /** A resource id, `*` matching any run of characters; null matches every resource. */
    resourcePattern: p.string().nullable(),
    reason: p.text().nullable(),
    createdBy: p.string(),
    createdAt: p.datetime(),
  },
});

export class SuppressionRule extends SuppressionRuleSchema.class {}
SuppressionRuleSchema.setClass(SuppressionRule);
