import { type Actor, authorize } from '../access/actor.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type LicenseService, patrolFeature } from '../license/license.service.ts';
import type { FindingStore } from './finding-store.ts';
import type { FindingRecord } from './store/finding-record.entity.ts';
import type { SuppressionRule } from './store/suppression.entity.ts';
import {
  type DismissReason,
  dismissReasons,
  type FindingFilter,
  type FindingState,
  matchesFilter,
  shown,
  stateOf,
} from './visibility.ts';

/** A finding as callers see it: the stored fields and where it stands now. */
export type FindingView = { [K in keyof FindingRecord]: FindingRecord[K] } & {
  state: FindingState;
};

function viewOf(row: FindingRecord, state: FindingState): FindingView {
  return {
    id: row.id,
    check: row.check,
    source: row.source,
    severity: row.severity,
    category: row.category,
    resourceId: row.resourceId,
    resourceName: row.resourceName,
    resourceType: row.resourceType,
    node: row.node,
    title: row.title,
    description: row.description,
    impact: row.impact,
    recommendation: row.recommendation,
    evidence: row.evidence,
    explanation: row.explanation,
    detectedAt: row.detectedAt,
    lastSeenAt: row.lastSeenAt,
    timesRaised: row.timesRaised,
    resolvedAt: row.resolvedAt,
    resolveReason: row.resolveReason,
    autoResolved: row.autoResolved,
    regressionCount: row.regressionCount,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    dismissedAt: row.dismissedAt,
    dismissedBy: row.dismissedBy,
    dismissedReason: row.dismissedReason,
    dismissedNote: row.dismissedNote,
    userNote: row.userNote ?? null,
    snoozedUntil: row.snoozedUntil,
    state,
  };
}

export interface SuppressionInput {
  check?: string | null;
  resourcePattern?: string | null;
  reason?: string | null;
}

const maxNoteChars = 1_000;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** Findings as people read and act on them: every call checks the caller's ability first. */
export class FindingsService {
  readonly #store: FindingStore;
  readonly #license: LicenseService;
  readonly #now: () => number;

  constructor(store: FindingStore, license: LicenseService, now: () => number = Date.now) {
    this.#store = store;
    this.#license = license;
    this.#now = now;
  }

  async list(actor: Actor, filter: FindingFilter = {}): Promise<FindingView[]> {
    authorize(actor, 'read', 'Finding');
    const views = await this.#views();
    return views.filter((f) => shown(f.state, filter) && matchesFilter(f, filter));
  }

  /** Every finding ever seen, resolved ones included, latest first. */
  async history(actor: Actor, limit = 500): Promise<FindingView[]> {
    authorize(actor, 'read', 'Finding');
    return (await this.#views()).slice(0, limit);
  }

  async dismissed(actor: Actor): Promise<FindingView[]> {
    authorize(actor, 'read', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Listing dismissed findings');
    return (await this.#views()).filter((f) => f.state === 'dismissed');
  }

  /** Counts of what people see now, by severity. */
  async summary(actor: Actor): Promise<Record<string, number>> {
    const counts: Record<string, number> = { info: 0, watch: 0, warning: 0, critical: 0 };
    for (const f of await this.list(actor)) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    return counts;
  }

  async acknowledge(actor: Actor, id: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Acknowledging findings');
    return this.#change(id, { acknowledgedAt: this.#date(), acknowledgedBy: actor.name });
  }

  /** Hidden while it keeps being detected; a return after resolution shows it again. */
  async dismiss(actor: Actor, id: unknown, reason: unknown, note?: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    if (!dismissReasons.includes(reason as DismissReason)) {
      throw new ValidationError(`reason must be one of ${dismissReasons.join(', ')}`, 'reason');
    }
    return this.#change(id, {
      dismissedAt: this.#date(),
      dismissedBy: actor.name,
      dismissedReason: reason as DismissReason,
      dismissedNote: text(note),
    });
  }

  async resolve(actor: Actor, id: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    return this.#change(id, {
      resolvedAt: this.#date(),
      resolveReason: 'resolved by user',
      autoResolved: false,
    });
  }

  async snooze(actor: Actor, id: unknown, until: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Snoozing findings');
    const at = until instanceof Date ? until : new Date(typeof until === 'string' ? until : NaN);
    if (Number.isNaN(at.getTime()) || at.getTime() <= this.#now()) {
      throw new ValidationError('until must be a future ISO 8601 time', 'until');
    }
    return this.#change(id, { snoozedUntil: at });
  }

  /**
   * Takes back an acknowledgement, a snooze or a dismissal: the finding is open and shown
   * again (a resolved one stays resolved until it is detected again).
   */
  async reopen(actor: Actor, id: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    return this.#change(id, {
      acknowledgedAt: null,
      acknowledgedBy: null,
      snoozedUntil: null,
      dismissedAt: null,
      dismissedBy: null,
      dismissedReason: null,
      dismissedNote: null,
    });
  }

  /** People's note on a finding (empty clears it); the model reads it as data next run. */
  async note(actor: Actor, id: unknown, note: unknown): Promise<FindingView> {
    authorize(actor, 'acknowledge', 'Finding');
    if (note !== null && note !== undefined && typeof note !== 'string') {
      throw new ValidationError('note must be a string', 'note');
    }
    const value = text(note);
    if (value !== null && value.length > maxNoteChars) {
      throw new ValidationError(`a note is at most ${maxNoteChars} characters`, 'note');
    }
    return this.#change(id, { userNote: value });
  }

  /** A rule for this finding's check on this resource: hides it now and in later runs. */
  async suppress(actor: Actor, id: unknown, reason?: unknown): Promise<SuppressionRule> {
    authorize(actor, 'manage', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Suppressing findings');
    const finding = await this.#find(id);
    return this.#store.addRule({
      check: finding.check,
      resourcePattern: finding.resourceId,
      reason: text(reason),
      createdBy: actor.name,
      createdAt: this.#date(),
    });
  }

  async suppressions(actor: Actor): Promise<SuppressionRule[]> {
    authorize(actor, 'read', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Suppression rules');
    return this.#store.rules();
  }

  async createSuppression(actor: Actor, input: SuppressionInput): Promise<SuppressionRule> {
    authorize(actor, 'manage', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Suppression rules');
    const check = text(input.check);
    const resourcePattern = text(input.resourcePattern);
    if (!check && !resourcePattern) {
      throw new ValidationError('a rule needs a check, a resource pattern or both', 'check');
    }
    return this.#store.addRule({
      check,
      resourcePattern,
      reason: text(input.reason),
      createdBy: actor.name,
      createdAt: this.#date(),
    });
  }

  async deleteSuppression(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'manage', 'Finding');
    this.#license.requireFeature(patrolFeature, 'Suppression rules');
    if (!(await this.#store.deleteRule(id))) throw new NotFoundError(`no suppression rule ${id}`);
  }

  /** Clears every finding (not the rules or runs). Free, as in Pulse. */
  async clear(actor: Actor): Promise<number> {
    authorize(actor, 'manage', 'Finding');
    return this.#store.clear();
  }

  async #views(): Promise<FindingView[]> {
    const [rows, rules] = await Promise.all([this.#store.all(), this.#store.rules()]);
    const now = this.#now();
    return rows.map((row) => viewOf(row, stateOf(row, rules, now)));
  }

  async #find(id: unknown): Promise<FindingRecord> {
    if (typeof id !== 'string' || id === '')
      throw new ValidationError('finding_id is required', 'finding_id');
    const row = await this.#store.get(id);
    if (!row) throw new NotFoundError(`no finding ${id}`);
    return row;
  }

  async #change(id: unknown, change: Partial<FindingRecord>): Promise<FindingView> {
    const row = await this.#find(id);
    const updated = (await this.#store.update(row.id, change)) ?? row;
    const rules = await this.#store.rules();
    return viewOf(updated, stateOf(updated, rules, this.#now()));
  }

  #date(): Date {
    return new Date(this.#now());
  }
}
