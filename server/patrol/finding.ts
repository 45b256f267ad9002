import type { ResourceType } from '../resources/model.ts';

/** How bad a finding is; info and watch are for the record, warning and critical need action. */
export const findingSeverities = ['info', 'watch', 'warning', 'critical'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

export const findingCategories = [
  'performance',
  'capacity',
  'reliability',
  'backup',
  'security',
  'general',
] as const;
export type FindingCategory = (typeof findingCategories)[number];

/** The deterministic checks, named for what they look at. */
export const checkNames = [
  'capacity',
  'memory-pressure',
  'swap',
  'restarts',
  'backup-missing',
  'backup-stale',
  'backup-failed',
  'job-failed',
  'verify-failed',
  'node-offline',
  'snapshot-sprawl',
  'smart',
] as const;
export type CheckName = (typeof checkNames)[number];

/** Model findings carry `ai` as their check: the model names the problem in `id` instead. */
export type FindingCheck = CheckName | 'ai';

/** Who raised it: the deterministic checks, or the model's pass over the estate summary. */
export type FindingSource = 'deterministic' | 'ai';

/** Jobs are not resources; their findings name them with this type. */
export type FindingSubjectType = ResourceType | 'job';

/** The numbers behind a finding, and one line a person reads. */
export interface FindingEvidence {
  summary: string;
  values: Record<string, number | string | null>;
}

export interface Finding {
  /**
   * `<check>:<subject id>`: the same problem on the same thing gets the same id on every run,
   * so a store can dedupe and keep first/last seen.
   */
  id: string;
  check: FindingCheck;
  source: FindingSource;
  severity: FindingSeverity;
  category: FindingCategory;
  resourceId: string;
  resourceName: string;
  resourceType: FindingSubjectType;
  /** The PVE node it sits on, when it has one. */
  node: string | null;
  title: string;
  description: string;
  impact: string;
  recommendation: string;
  evidence: FindingEvidence;
  /** The model's words on a deterministic finding (why it matters here); null without one. */
  explanation: string | null;
  /** When this run saw it; first/last seen are the store's business. */
  observedAt: number;
}

export interface FindingSubject {
  id: string;
  name: string;
  type: FindingSubjectType;
  node: string | null;
}

export type FindingDraft = Omit<
  Finding,
  'id' | 'check' | 'source' | 'explanation' | 'observedAt' | keyof SubjectFields
> & {
  check: CheckName;
  subject: FindingSubject;
};

interface SubjectFields {
  resourceId: string;
  resourceName: string;
  resourceType: FindingSubjectType;
  node: string | null;
}

export function findingId(check: CheckName, subjectId: string): string {
  return `${check}:${subjectId}`;
}

export function makeFinding(draft: FindingDraft, observedAt: number): Finding {
  const { subject, ...rest } = draft;
  return {
    id: findingId(draft.check, subject.id),
    source: 'deterministic',
    explanation: null,
    ...rest,
    resourceId: subject.id,
    resourceName: subject.name,
    resourceType: subject.type,
    node: subject.node,
    observedAt,
  };
}

export function severityRank(severity: FindingSeverity): number {
  return findingSeverities.indexOf(severity);
}

export function worst(...levels: (FindingSeverity | null)[]): FindingSeverity | null {
  let out: FindingSeverity | null = null;
  for (const level of levels) {
    if (level !== null && (out === null || severityRank(level) > severityRank(out))) out = level;
  }
  return out;
}

/** Rounded for evidence: enough digits to read, stable across runs. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
