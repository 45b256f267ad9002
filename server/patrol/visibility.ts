import type { FindingRecord } from './store/finding-record.entity.ts';
import type { SuppressionRule } from './store/suppression.entity.ts';

/** Where a finding stands for the people reading the list. */
export type FindingState =
  | 'active'
  | 'acknowledged'
  | 'snoozed'
  | 'dismissed'
  | 'suppressed'
  | 'resolved';

export const dismissReasons = ['not_an_issue', 'expected_behavior', 'will_fix_later'] as const;
export type DismissReason = (typeof dismissReasons)[number];

type RuleShape = Pick<SuppressionRule, 'check' | 'resourcePattern'>;
type FindingShape = Pick<FindingRecord, 'check' | 'resourceId'>;

/** `*` matches any run of characters; everything else is literal. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

export function ruleMatches(rule: RuleShape, finding: FindingShape): boolean {
  if (rule.check != null && rule.check !== finding.check) return false;
  if (rule.resourcePattern != null && !globMatches(rule.resourcePattern, finding.resourceId))
    return false;
  return true;
}

/** The state that wins when several apply: resolved, then suppressed, dismissed, snoozed. */
export function stateOf(
  finding: FindingRecord,
  rules: readonly RuleShape[],
  now: number,
): FindingState {
  if (finding.resolvedAt) return 'resolved';
  if (rules.some((rule) => ruleMatches(rule, finding))) return 'suppressed';
  if (finding.dismissedAt) return 'dismissed';
  if (finding.snoozedUntil && finding.snoozedUntil.getTime() > now) return 'snoozed';
  if (finding.acknowledgedAt) return 'acknowledged';
  return 'active';
}

export interface FindingFilter {
  severity?: readonly string[] | undefined;
  category?: readonly string[] | undefined;
  /** A resource id. */
  resource?: string | undefined;
  includeResolved?: boolean | undefined;
  includeDismissed?: boolean | undefined;
  includeSnoozed?: boolean | undefined;
  includeSuppressed?: boolean | undefined;
}

/** Active and acknowledged findings always show; the rest only when asked for. */
export function shown(state: FindingState, filter: FindingFilter): boolean {
  switch (state) {
    case 'active':
    case 'acknowledged':
      return true;
    case 'resolved':
      return !!filter.includeResolved;
    case 'dismissed':
      return !!filter.includeDismissed;
    case 'snoozed':
      return !!filter.includeSnoozed;
    case 'suppressed':
      return !!filter.includeSuppressed;
  }
}

export function matchesFilter(finding: FindingRecord, filter: FindingFilter): boolean {
  if (filter.severity?.length && !filter.severity.includes(finding.severity)) return false;
  if (filter.category?.length && !filter.category.includes(finding.category)) return false;
  if (filter.resource && finding.resourceId !== filter.resource) return false;
  return true;
}
