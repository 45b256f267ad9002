import { nodeOf, type Resource } from '../../resources/model.ts';
import {
  type Finding,
  type FindingCategory,
  type FindingSeverity,
  findingCategories,
  findingSeverities,
  severityRank,
} from '../finding.ts';

/** What the model's report_findings call amounts to, after checking every field. */
export interface ModelReport {
  /** The run's findings: the deterministic ones (with any explanations) and the model's. */
  findings: Finding[];
  /** Findings the model added. */
  added: number;
  explained: number;
  /** Items dropped: unknown resource, duplicates of a known finding, malformed. */
  dropped: { reason: string; title: string }[];
}

export interface ReportContext {
  resources: ReadonlyMap<string, Resource>;
  deterministic: readonly Finding[];
  now: number;
}

const maxAdded = 10;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

/** `Cpu Saturation!` → `cpu-saturation`; the id part that makes a model finding stable. */
export function findingKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

const oneOf = <T extends string>(options: readonly T[], value: unknown, fallback: T): T =>
  options.includes(value as T) ? (value as T) : fallback;

type Candidate = { ok: true; finding: Finding } | { ok: false; reason: string; title: string };

function candidate(raw: unknown, context: ReportContext): Candidate {
  const item = record(raw);
  const title = text(item.title, 160);
  const resource = context.resources.get(text(item.resourceId, 200));
  if (!title) return { ok: false, reason: 'no title', title };
  if (!resource) return { ok: false, reason: 'resource not in the estate', title };
  const key = findingKey(text(item.key, 48) || title);
  const category = oneOf<FindingCategory>(findingCategories, item.category, 'general');
  const severity = oneOf<FindingSeverity>(findingSeverities, item.severity, 'watch');
  const evidence = text(item.evidence, 500);
  return {
    ok: true,
    finding: {
      id: `ai:${key}:${resource.id}`,
      check: 'ai',
      source: 'ai',
      severity,
      category,
      resourceId: resource.id,
      resourceName: resource.name,
      resourceType: resource.type,
      node: nodeOf(resource),
      title,
      description: text(item.description, 1000),
      impact: text(item.impact, 500),
      recommendation: text(item.recommendation, 1000),
      evidence: { summary: evidence, values: {} },
      explanation: null,
      observedAt: context.now,
    },
  };
}

/**
 * Reads the model's report against the estate. A finding on a resource the estate does not
 * have is dropped (the model made it up); one on a resource and category a deterministic
 * finding already covers is a duplicate, so its text becomes that finding's explanation
 * unless the model explained it already; repeats of one id keep the worst severity.
 */
export function readModelReport(input: unknown, context: ReportContext): ModelReport {
  const body = record(input);
  const byId = new Map(context.deterministic.map((f) => [f.id, { ...f }]));
  const dropped: ModelReport['dropped'] = [];
  let explained = 0;
  for (const raw of list(body.explanations)) {
    const item = record(raw);
    const target = byId.get(text(item.findingId, 200));
    const explanation = text(item.explanation, 1000);
    if (!target || !explanation || target.explanation) continue;
    target.explanation = explanation;
    explained += 1;
  }
  const covered = new Map(
    context.deterministic.map((f) => [`${f.resourceId}\u0000${f.category}`, f.id]),
  );
  const added = new Map<string, Finding>();
  for (const raw of list(body.findings)) {
    const next = candidate(raw, context);
    if (!next.ok) {
      dropped.push({ reason: next.reason, title: next.title });
      continue;
    }
    const { finding } = next;
    const knownId = covered.get(`${finding.resourceId}\u0000${finding.category}`);
    if (knownId) {
      const known = byId.get(knownId);
      if (known && !known.explanation && finding.description) {
        known.explanation = finding.description;
        explained += 1;
      }
      dropped.push({ reason: `repeats ${knownId}`, title: finding.title });
      continue;
    }
    const seen = added.get(finding.id);
    if (seen && severityRank(seen.severity) >= severityRank(finding.severity)) continue;
    if (!seen && added.size >= maxAdded) {
      dropped.push({ reason: 'over the limit of findings per run', title: finding.title });
      continue;
    }
    added.set(finding.id, finding);
  }
  return {
    findings: [...byId.values(), ...added.values()],
    added: added.size,
    explained,
    dropped,
  };
}
