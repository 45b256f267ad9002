import { defineEntity, p } from '@mikro-orm/core';
import type { FindingEvidence } from '../finding.ts';

/** One finding as the store keeps it across runs, with its lifecycle. Id: `<check>:<subject>`. */
export const FindingRecordSchema = defineEntity({
  name: 'FindingRecord',
  tableName: 'patrol_findings',
  properties: {
    id: p.string().primary(),
    check: p.string(),
    /** `deterministic`, or the model's pass. */
    source: p.string(),
    severity: p.string(),
    category: p.string(),
    resourceId: p.string().index(),
    resourceName: p.string(),
    resourceType: p.string(),
    node: p.string().nullable(),
    title: p.text(),
    description: p.text(),
    impact: p.text(),
    recommendation: p.text(),
    evidence: p.json<FindingEvidence>(),
    /** The model's latest explanation of a deterministic finding. */
    explanation: p.text().nullable(),
    detectedAt: p.datetime(),
    lastSeenAt: p.datetime(),
    timesRaised: p.integer(),
    resolvedAt: p.datetime().nullable(),
    resolveReason: p.string().nullable(),
    autoResolved: p.boolean(),
    /** How often it came back after being resolved. */
    regressionCount: p.integer(),
    acknowledgedAt: p.datetime().nullable(),
    acknowledgedBy: p.string().nullable(),
    dismissedAt: p.datetime().nullable(),
    dismissedBy: p.string().nullable(),
    dismissedReason: p.string().nullable(),
    dismissedNote: p.text().nullable(),
    /** What people know about it (planned work, a known cause): shown, and sent to the model. */
    userNote: p.text().nullable(),
    snoozedUntil: p.datetime().nullable(),
  },
});

export class FindingRecord extends FindingRecordSchema.class {}
FindingRecordSchema.setClass(FindingRecord);
