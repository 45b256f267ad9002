import { bytes, count, dateTime, epoch } from '../../format.ts';
import type {
  PatrolFindingFieldsFragment,
  PatrolRunFieldsFragment,
  PatrolStatusQuery,
  PatrolSuppressionsQuery,
} from '../../graphql/generated/graphql.ts';
import { typeLabel } from '../alerts/alert-view.ts';
import type { BadgeTone } from '../ui/tone.ts';

export type Finding = PatrolFindingFieldsFragment;
export type PatrolRun = PatrolRunFieldsFragment;
export type PatrolStatus = Extract<
  PatrolStatusQuery['patrolStatus'],
  { __typename: 'QueryPatrolStatusSuccess' }
>['data'];
export type Suppression = Extract<
  PatrolSuppressionsQuery['patrolSuppressions'],
  { __typename: 'QueryPatrolSuppressionsSuccess' }
>['data'][number];

export type Severity = 'critical' | 'warning' | 'watch' | 'info';
/** Worst first, as the list and the header read them. */
export const severities: readonly Severity[] = ['critical', 'warning', 'watch', 'info'];

export const severityLabel: Record<Severity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  watch: 'Watch',
  info: 'Info',
};

export const severityTone: Record<Severity, BadgeTone> = {
  critical: 'bad',
  warning: 'warn',
  watch: 'info',
  info: 'off',
};

const isSeverity = (value: string): value is Severity =>
  (severities as readonly string[]).includes(value);

/** Unknown severities (a newer server) sort last and read as they are. */
export const severityOf = (value: string): Severity => (isSeverity(value) ? value : 'info');

const rank = (severity: string) => {
  const index = severities.indexOf(severityOf(severity));
  return index < 0 ? severities.length : index;
};

export const stateLabel: Record<string, string> = {
  active: 'Active',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  dismissed: 'Dismissed',
  suppressed: 'Suppressed',
  resolved: 'Resolved',
};

export const stateTone: Record<string, BadgeTone> = {
  active: 'warn',
  acknowledged: 'info',
  snoozed: 'off',
  dismissed: 'off',
  suppressed: 'off',
  resolved: 'ok',
};

export const dismissReasons = [
  { value: 'not_an_issue', label: 'Not an issue' },
  { value: 'expected_behavior', label: 'Expected behaviour' },
  { value: 'will_fix_later', label: 'Will fix later' },
] as const;
export type DismissReason = (typeof dismissReasons)[number]['value'];

export const dismissReasonLabel = (reason: string | null): string =>
  dismissReasons.find((r) => r.value === reason)?.label ?? reason ?? '';

/** Jobs are not resources, but findings name them as one. */
export const subjectLabel = (type: string): string => (type === 'job' ? 'Job' : typeLabel(type));

export const categoryLabel = (category: string): string =>
  category ? category.charAt(0).toUpperCase() + category.slice(1) : category;

/** Who raised it, in the words the filter uses. */
export const sourceLabel = (source: string): string => (source === 'ai' ? 'AI' : 'Checks');

/** Open findings before closed ones would hide the worst of the closed; severity decides first. */
export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      b.lastSeenAt.localeCompare(a.lastSeenAt) ||
      a.id.localeCompare(b.id),
  );
}

export type SourceFilter = '' | 'deterministic' | 'ai';

export interface FindingFilters {
  search: string;
  severity: '' | Severity;
  category: string;
  source: SourceFilter;
  /** States the server leaves out unless asked. */
  showResolved: boolean;
  showDismissed: boolean;
  showSnoozed: boolean;
  showSuppressed: boolean;
}

export const noFindingFilters: FindingFilters = {
  search: '',
  severity: '',
  category: '',
  source: '',
  showResolved: false,
  showDismissed: false,
  showSnoozed: false,
  showSuppressed: false,
};

/** What narrows on this side; the state toggles are the server's filter. */
export function filterFindings(
  list: readonly Finding[],
  filters: FindingFilters,
  ignoreSeverity = false,
): Finding[] {
  const needle = filters.search.trim().toLowerCase();
  return list.filter(
    (f) =>
      (ignoreSeverity || !filters.severity || severityOf(f.severity) === filters.severity) &&
      (!filters.category || f.category === filters.category) &&
      (!filters.source || (filters.source === 'ai') === (f.source === 'ai')) &&
      (!needle ||
        f.resourceName.toLowerCase().includes(needle) ||
        f.resourceId.toLowerCase().includes(needle) ||
        (f.node ?? '').toLowerCase().includes(needle) ||
        f.title.toLowerCase().includes(needle)),
  );
}

export function severityCounts(list: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, watch: 0, info: 0 };
  for (const f of list) counts[severityOf(f.severity)] += 1;
  return counts;
}

/** The server's `findings` JSON, read defensively: a count per severity. */
export function statusCounts(value: unknown): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, watch: 0, info: 0 };
  if (value && typeof value === 'object') {
    for (const [key, n] of Object.entries(value)) {
      if (isSeverity(key) && typeof n === 'number') counts[key] = n;
    }
  }
  return counts;
}

export interface EvidenceLine {
  key: string;
  label: string;
  text: string;
}

// Evidence values are raw numbers; these keys are fractions of one, shown as percentages.
const fractionKeys = new Set([
  'used',
  'averageUsed',
  'minimumUsed',
  'swapUsed',
  'memoryUsed',
  'growthPerDay',
]);

const words = (key: string) => {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** "sizeBytes" reads "Size"; "usedBytes" beside a "used" fraction reads "Used (bytes)". */
function labelOf(key: string, keys: ReadonlySet<string>): string {
  const base = key.replace(/Bytes$/, '');
  if (base === key || base === '') return words(key);
  return keys.has(base) ? `${words(base)} (bytes)` : words(base);
}

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') {
    if (fractionKeys.has(key)) return `${(value * 100).toFixed(1)}%`;
    if (/Bytes$/.test(key)) return bytes(value);
    // Epoch milliseconds (2001 onwards); seconds-based times would be far smaller.
    if (/At$/.test(key) && value > 1e12) return dateTime(value);
    return count(value);
  }
  if (typeof value === 'string' && /At$/.test(key)) {
    const at = epoch(value);
    if (at !== null) return dateTime(at);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The evidence's one line and its numbers, labelled for people. */
export function evidenceOf(finding: Finding): { summary: string; values: EvidenceLine[] } {
  const raw = finding.evidence;
  if (!raw || typeof raw !== 'object') return { summary: '', values: [] };
  const { summary, values } = raw as { summary?: unknown; values?: unknown };
  const entries = values && typeof values === 'object' ? Object.entries(values) : [];
  const keys = new Set(entries.map(([key]) => key));
  const lines = entries.map(([key, value]) => ({
    key,
    label: labelOf(key, keys),
    text: valueText(key, value),
  }));
  return { summary: typeof summary === 'string' ? summary : '', values: lines };
}

/** "1.2 s", "3 min 4 s". */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

export const triggerLabel = (trigger: string): string =>
  trigger === 'schedule' ? 'Scheduled' : trigger === 'manual' ? 'Manual' : trigger;

/** "claude-3-5" from "anthropic:claude-3-5": the provider is in the settings, the model is news. */
export const modelName = (model: string | null): string =>
  model ? model.slice(model.indexOf(':') + 1) || model : '';

/** How a run's model pass went, in one line. */
export function modelPassText(run: PatrolRun): string {
  switch (run.llmStatus) {
    case null:
      return run.status === 'running' ? 'Running' : '–';
    case 'off':
      return 'Off';
    case 'completed': {
      const added = run.aiFindingsCount ?? 0;
      return `${modelName(run.llmModel)}: ${added} ${added === 1 ? 'finding' : 'findings'} added`;
    }
    case 'skipped-budget':
      return 'Skipped: budget spent';
    case 'failed':
      return `Failed${run.llmNote ? `: ${run.llmNote}` : ''}`;
    default:
      return run.llmStatus;
  }
}

export function tokensText(run: PatrolRun): string {
  if (run.inputTokens === null && run.outputTokens === null) return '–';
  return `${count(run.inputTokens ?? 0)} in / ${count(run.outputTokens ?? 0)} out`;
}

export interface PatrolEstimateView {
  estimatedInputTokens: number;
  tokenBudget: number;
  llmModel: string | null;
  llmUnavailableReason: string | null;
  budgetLeftUsd: number | null;
  resources: { total: number; included: number };
  findings: { total: number; included: number };
}

/** What a run would send the model, or why the model pass will not run. */
export function estimateSentence(e: PatrolEstimateView): string {
  if (e.llmUnavailableReason || !e.llmModel) {
    const reason = e.llmUnavailableReason ?? 'no patrol model is set up';
    const still = /deterministic/.test(reason) ? '' : '; the deterministic checks still run';
    return `The model pass will not run: ${reason}${still}.`;
  }
  return (
    `≈ ${count(e.estimatedInputTokens)} of ${count(e.tokenBudget)} input tokens to ` +
    `${modelName(e.llmModel)}; ${count(e.resources.included)} of ${count(e.resources.total)} ` +
    `resources and ${count(e.findings.included)} of ${count(e.findings.total)} known findings ` +
    'fit the summary.'
  );
}

export function budgetSentence(budgetLeftUsd: number | null): string {
  if (budgetLeftUsd === null) return 'No monthly AI budget is set.';
  if (budgetLeftUsd <= 0) return 'The monthly AI budget is spent.';
  return `$${budgetLeftUsd.toFixed(2)} of the monthly AI budget is left.`;
}

/** "Acknowledged by ana", "Snoozed until …": where a finding stands, in a few words. */
export function stateText(f: Finding): string {
  const label = stateLabel[f.state] ?? f.state;
  switch (f.state) {
    case 'acknowledged':
      return f.acknowledgedBy ? `${label} by ${f.acknowledgedBy}` : label;
    case 'snoozed':
      return `${label} until ${dateTime(epoch(f.snoozedUntil))}`;
    case 'dismissed':
      return f.dismissedReason ? `${label}: ${dismissReasonLabel(f.dismissedReason)}` : label;
    case 'resolved':
      return f.autoResolved
        ? `${label}: no longer detected`
        : f.resolveReason
          ? `${label} (${f.resolveReason})`
          : label;
    default:
      return label;
  }
}
