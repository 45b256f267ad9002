import type { FindingView } from '../../patrol/findings.service.ts';
import type { PatrolProgress, PatrolRunView, PatrolStatus } from '../../patrol/patrol.service.ts';
import type { SuppressionRule } from '../../patrol/store/suppression.entity.ts';
import { builder } from '../builder.ts';
import { proErrors } from './errors.ts';

const FindingRef = builder.objectRef<FindingView>('PatrolFinding').implement({
  description: 'A problem the patrol found, deduplicated across runs, with its lifecycle',
  fields: (t) => ({
    id: t.exposeID('id', { description: '<check>:<resource id>, stable across runs' }),
    check: t.exposeString('check'),
    source: t.exposeString('source'),
    severity: t.exposeString('severity', { description: 'info, watch, warning or critical' }),
    category: t.exposeString('category'),
    resourceId: t.exposeString('resourceId'),
    resourceName: t.exposeString('resourceName'),
    resourceType: t.exposeString('resourceType'),
    node: t.exposeString('node', { nullable: true }),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    impact: t.exposeString('impact'),
    recommendation: t.exposeString('recommendation'),
    evidence: t.field({ type: 'JSON', resolve: (f) => f.evidence }),
    state: t.exposeString('state', {
      description: 'active, acknowledged, snoozed, dismissed, suppressed or resolved',
    }),
    detectedAt: t.field({ type: 'DateTime', resolve: (f) => f.detectedAt }),
    lastSeenAt: t.field({ type: 'DateTime', resolve: (f) => f.lastSeenAt }),
    timesRaised: t.exposeInt('timesRaised'),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.resolvedAt }),
    resolveReason: t.exposeString('resolveReason', { nullable: true }),
    autoResolved: t.exposeBoolean('autoResolved'),
    regressionCount: t.exposeInt('regressionCount'),
    acknowledgedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (f) => f.acknowledgedAt,
    }),
    acknowledgedBy: t.exposeString('acknowledgedBy', { nullable: true }),
    dismissedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.dismissedAt }),
    dismissedReason: t.exposeString('dismissedReason', { nullable: true }),
    dismissedNote: t.exposeString('dismissedNote', { nullable: true }),
    userNote: t.exposeString('userNote', {
      nullable: true,
      description: "People's note on the finding; the patrol model reads it as data",
    }),
    snoozedUntil: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.snoozedUntil }),
    explanation: t.exposeString('explanation', {
      nullable: true,
      description: "The model's explanation of a deterministic finding",
    }),
  }),
});

const RunRef = builder.objectRef<PatrolRunView>('PatrolRun').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    trigger: t.exposeString('trigger', { description: 'manual or schedule' }),
    status: t.exposeString('status', { description: 'running, completed or failed' }),
    startedAt: t.field({ type: 'DateTime', resolve: (r) => r.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.finishedAt }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    findingsCount: t.exposeInt('findingsCount'),
    newCount: t.exposeInt('newCount'),
    updatedCount: t.exposeInt('updatedCount'),
    resolvedCount: t.exposeInt('resolvedCount'),
    error: t.exposeString('error', { nullable: true }),
    llmStatus: t.exposeString('llmStatus', {
      nullable: true,
      description: 'The model pass: off, completed, skipped-budget or failed; null while running',
    }),
    llmModel: t.exposeString('llmModel', { nullable: true }),
    llmNote: t.exposeString('llmNote', {
      nullable: true,
      description: 'Why the model pass was skipped or failed, or what it dropped',
    }),
    inputTokens: t.exposeInt('inputTokens', { nullable: true }),
    outputTokens: t.exposeInt('outputTokens', { nullable: true }),
    aiFindingsCount: t.exposeInt('aiFindingsCount', {
      nullable: true,
      description: 'Findings the model added',
    }),
  }),
});

const StatusRef = builder.objectRef<PatrolStatus>('PatrolStatus').implement({
  fields: (t) => ({
    running: t.exposeBoolean('running'),
    currentRunId: t.exposeString('currentRunId', { nullable: true }),
    lastRun: t.field({ type: RunRef, nullable: true, resolve: (s) => s.lastRun }),
    intervalMinutes: t.exposeInt('intervalMinutes', { description: '0: no schedule' }),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.nextRunAt }),
    licensed: t.exposeBoolean('licensed', { description: 'Pulse Pro patrol features are on' }),
    llmPassAvailable: t.exposeBoolean('llmPassAvailable'),
    llmModel: t.exposeString('llmModel', { nullable: true }),
    findings: t.field({
      type: 'JSON',
      description: 'Visible findings by severity',
      resolve: (s) => s.findings,
    }),
  }),
});

const SuppressionRef = builder.objectRef<SuppressionRule>('PatrolSuppression').implement({
  description: 'A rule that hides matching findings, now and in later runs',
  fields: (t) => ({
    id: t.exposeID('id'),
    check: t.exposeString('check', { nullable: true }),
    resourcePattern: t.exposeString('resourcePattern', {
      nullable: true,
      description: 'A resource id; * matches any run of characters',
    }),
    reason: t.exposeString('reason', { nullable: true }),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
  }),
});

const ProgressRef = builder.objectRef<PatrolProgress>('PatrolProgress').implement({
  fields: (t) => ({
    runId: t.exposeString('runId'),
    phase: t.exposeString('phase', {
      description: 'started, gathering, deterministic, llm, merging, completed or failed',
    }),
    message: t.exposeString('message'),
    findings: t.exposeInt('findings', { nullable: true }),
    run: t.field({ type: RunRef, nullable: true, resolve: (p) => p.run }),
  }),
});

const FindingFilterInput = builder.inputType('PatrolFindingFilter', {
  fields: (t) => ({
    severity: t.stringList(),
    category: t.stringList(),
    resource: t.string({ description: 'A resource id' }),
    includeResolved: t.boolean(),
    includeDismissed: t.boolean(),
    includeSnoozed: t.boolean(),
    includeSuppressed: t.boolean(),
  }),
});

const SuppressionInput = builder.inputType('PatrolSuppressionInput', {
  fields: (t) => ({
    check: t.string(),
    resourcePattern: t.string(),
    reason: t.string(),
  }),
});

const DeletedRef = builder.objectRef<{ id: string }>('PatrolSuppressionDeleted').implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});

const nonNull = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

builder.queryFields((t) => ({
  findings: t.field({
    type: [FindingRef],
    errors: proErrors,
    description: 'Patrol findings: active and acknowledged, others when asked for',
    args: { filter: t.arg({ type: FindingFilterInput }) },
    resolve: (_root, { filter }, { services, actor }) =>
      services.findings.list(actor, {
        severity: nonNull(filter?.severity),
        category: nonNull(filter?.category),
        resource: nonNull(filter?.resource),
        includeResolved: nonNull(filter?.includeResolved),
        includeDismissed: nonNull(filter?.includeDismissed),
        includeSnoozed: nonNull(filter?.includeSnoozed),
        includeSuppressed: nonNull(filter?.includeSuppressed),
      }),
  }),
  patrolRuns: t.field({
    type: [RunRef],
    errors: proErrors,
    args: { limit: t.arg.int() },
    resolve: (_root, { limit }, { services, actor }) => services.patrol.runs(actor, limit ?? 50),
  }),
  patrolRun: t.field({
    type: RunRef,
    errors: proErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.patrol.runById(actor, String(id)),
  }),
  patrolStatus: t.field({
    type: StatusRef,
    errors: proErrors,
    resolve: (_root, _args, { services, actor }) => services.patrol.status(actor),
  }),
  patrolSuppressions: t.field({
    type: [SuppressionRef],
    errors: proErrors,
    description: 'Suppression rules (Pro)',
    resolve: (_root, _args, { services, actor }) => services.findings.suppressions(actor),
  }),
}));

builder.mutationFields((t) => ({
  runPatrol: t.field({
    type: RunRef,
    errors: proErrors,
    description: 'Runs the patrol now and answers with the finished run (admins, Pro)',
    resolve: (_root, _args, { services, actor }) => services.patrol.run(actor),
  }),
  acknowledgeFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.findings.acknowledge(actor, id),
  }),
  dismissFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    args: {
      id: t.arg.string({ required: true }),
      reason: t.arg.string({
        required: true,
        description: 'not_an_issue, expected_behavior or will_fix_later',
      }),
      note: t.arg.string(),
    },
    resolve: (_root, { id, reason, note }, { services, actor }) =>
      services.findings.dismiss(actor, id, reason, note),
  }),
  reopenFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    description: 'Takes back an acknowledgement, snooze or dismissal: the finding shows again',
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.findings.reopen(actor, id),
  }),
  noteFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    description: 'Sets the note people keep on a finding (at most 1,000 characters; empty clears)',
    args: { id: t.arg.string({ required: true }), note: t.arg.string() },
    resolve: (_root, { id, note }, { services, actor }) => services.findings.note(actor, id, note),
  }),
  resolveFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.findings.resolve(actor, id),
  }),
  snoozeFinding: t.field({
    type: FindingRef,
    errors: proErrors,
    args: {
      id: t.arg.string({ required: true }),
      until: t.arg({ type: 'DateTime', required: true }),
    },
    resolve: (_root, { id, until }, { services, actor }) =>
      services.findings.snooze(actor, id, until),
  }),
  suppressFinding: t.field({
    type: SuppressionRef,
    errors: proErrors,
    description: "A rule for this finding's check on its resource",
    args: { id: t.arg.string({ required: true }), reason: t.arg.string() },
    resolve: (_root, { id, reason }, { services, actor }) =>
      services.findings.suppress(actor, id, reason),
  }),
  createSuppression: t.field({
    type: SuppressionRef,
    errors: proErrors,
    args: { input: t.arg({ type: SuppressionInput, required: true }) },
    resolve: (_root, { input }, { services, actor }) =>
      services.findings.createSuppression(actor, input),
  }),
  deleteSuppression: t.field({
    type: DeletedRef,
    errors: proErrors,
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_root, { id }, { services, actor }) => {
      await services.findings.deleteSuppression(actor, id);
      return { id };
    },
  }),
}));

builder.subscriptionField('patrolProgress', (t) =>
  t.field({
    type: ProgressRef,
    description: 'Each step of every patrol run from now on (Pro)',
    subscribe: (_root, _args, { actor, services }) => services.patrol.progress(actor),
    resolve: (progress: PatrolProgress) => progress,
  }),
);
