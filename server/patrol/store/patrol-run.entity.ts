import { defineEntity, p } from '@mikro-orm/core';

/** One patrol run: when, why, and what it changed in the findings. */
export const PatrolRunSchema = defineEntity({
  name: 'PatrolRun',
  tableName: 'patrol_runs',
  properties: {
    id: p.string().primary(),
    trigger: p.string(),
    /** running, completed or failed. */
    status: p.string(),
    startedAt: p.datetime().index(),
    finishedAt: p.datetime().nullable(),
    durationMs: p.integer().nullable(),
    /** Findings the run reported. */
    findingsCount: p.integer(),
    newCount: p.integer(),
    updatedCount: p.integer(),
    resolvedCount: p.integer(),
    error: p.text().nullable(),
  },
});

export class PatrolRun extends PatrolRunSchema.class {}
PatrolRunSchema.setClass(PatrolRun);
