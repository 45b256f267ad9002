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
    /** The model's pass: off (no model), completed, skipped-budget or failed; null while running. */
    llmStatus: p.string().nullable(),
    llmModel: p.string().nullable(),
    /** Why the pass was skipped or failed, in a sentence. */
    llmNote: p.text().nullable(),
    inputTokens: p.integer().nullable(),
    outputTokens: p.integer().nullable(),
    /** Findings the model added (not counting explanations of deterministic ones). */
    aiFindingsCount: p.integer().nullable(),
  },
});

export class PatrolRun extends PatrolRunSchema.class {}
PatrolRunSchema.setClass(PatrolRun);
