import type { CheckContext } from './checks/context.ts';
import { deterministicChecks } from './checks/index.ts';
import { type Finding, makeFinding, severityRank } from './finding.ts';
import type { PatrolInputs } from './inputs.ts';
import { patrolThresholds } from './thresholds.ts';

/**
 * The first pass of a patrol: every deterministic check over inputs gathered once. Pure and
 * deterministic: the same inputs and `now` give the same findings in the same order (worst
 * first, then by id), each with a stable id for dedupe across runs.
 */
export function runDeterministicPatrol(inputs: PatrolInputs, now: number): Finding[] {
  const context: CheckContext = { inputs, thresholds: patrolThresholds(inputs.thresholds), now };
  const byId = new Map<string, Finding>();
  for (const check of deterministicChecks) {
    for (const draft of check(context)) {
      const finding = makeFinding(draft, now);
      const seen = byId.get(finding.id);
      if (!seen || severityRank(finding.severity) > severityRank(seen.severity))
        byId.set(finding.id, finding);
    }
  }
  return [...byId.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
