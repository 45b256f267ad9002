import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.ts';
import type { Finding, FindingSource } from './finding.ts';
import { FindingRecord } from './store/finding-record.entity.ts';
import { PatrolRun } from './store/patrol-run.entity.ts';
import { SuppressionRule } from './store/suppression.entity.ts';

export interface MergeCounts {
  /** First seen, or back after being resolved. */
  newCount: number;
  updatedCount: number;
  resolvedCount: number;
}

export const noLongerDetected = 'no longer detected';

type Change = Partial<Omit<FindingRecord, 'id'>>;

/**
 * The findings, runs and suppression rules in SQLite. Findings are keyed by their stable id,
 * so the same problem seen on many runs is one row with first/last seen and a count.
 */
export class FindingStore {
  readonly #orm: Orm;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  /**
   * Folds one completed run's findings in: new ones are added, known ones updated, resolved
   * ones reopened (a regression), and open ones the run did not see are resolved. Only
   * findings of the sources the run assessed can be resolved: a run whose model pass was
   * skipped leaves the model's earlier findings as they are.
   */
  async merge(
    findings: readonly Finding[],
    at: Date,
    assessed: ReadonlySet<FindingSource> = new Set(['deterministic']),
  ): Promise<MergeCounts> {
    const em = this.#orm.em.fork();
    return em.transactional(async (tx) => {
      const counts: MergeCounts = { newCount: 0, updatedCount: 0, resolvedCount: 0 };
      const known = new Map((await tx.find(FindingRecord, {})).map((r) => [r.id, r]));
      const seen = new Set<string>();
      for (const finding of findings) {
        seen.add(finding.id);
        const current = fromFinding(finding);
        const row = known.get(finding.id);
        if (!row) {
          tx.create(FindingRecord, {
            ...current,
            id: finding.id,
            detectedAt: at,
            lastSeenAt: at,
            timesRaised: 1,
            resolvedAt: null,
            resolveReason: null,
            autoResolved: false,
            regressionCount: 0,
            acknowledgedAt: null,
            acknowledgedBy: null,
            dismissedAt: null,
            dismissedBy: null,
            dismissedReason: null,
            dismissedNote: null,
            snoozedUntil: null,
          });
          counts.newCount += 1;
          continue;
        }
        const change: Change = { ...current, lastSeenAt: at, timesRaised: row.timesRaised + 1 };
        // An explanation stays until the model gives a newer one.
        if (finding.explanation === null) delete change.explanation;
        if (row.resolvedAt) {
          // Back after being resolved: a new occurrence that needs attention again.
          Object.assign(change, reopened(row));
          counts.newCount += 1;
        } else {
          counts.updatedCount += 1;
        }
        tx.assign(row, change);
      }
      for (const row of known.values()) {
        if (seen.has(row.id) || row.resolvedAt) continue;
        if (!assessed.has(row.source as FindingSource)) continue;
        tx.assign(row, { resolvedAt: at, resolveReason: noLongerDetected, autoResolved: true });
        counts.resolvedCount += 1;
      }
      await tx.flush();
      return counts;
    });
  }

  async all(): Promise<FindingRecord[]> {
    return this.#orm.em.fork().find(FindingRecord, {}, { orderBy: { lastSeenAt: 'desc' } });
  }

  async get(id: string): Promise<FindingRecord | null> {
    return this.#orm.em.fork().findOne(FindingRecord, { id });
  }

  /** Applies a change to one finding; null when there is no such finding. */
  async update(id: string, change: Change): Promise<FindingRecord | null> {
    const em = this.#orm.em.fork();
    const row = await em.findOne(FindingRecord, { id });
    if (!row) return null;
    em.assign(row, change);
    await em.flush();
    return row;
  }

  async clear(): Promise<number> {
    return this.#orm.em.fork().nativeDelete(FindingRecord, {});
  }

  async rules(): Promise<SuppressionRule[]> {
    return this.#orm.em.fork().find(SuppressionRule, {}, { orderBy: { createdAt: 'asc' } });
  }

  async addRule(rule: Omit<SuppressionRule, 'id'>): Promise<SuppressionRule> {
    const em = this.#orm.em.fork();
    const row = em.create(SuppressionRule, { ...rule, id: randomUUID() });
    await em.flush();
    return row;
  }

  async deleteRule(id: string): Promise<boolean> {
    return (await this.#orm.em.fork().nativeDelete(SuppressionRule, { id })) > 0;
  }

  async startRun(trigger: string, at: Date): Promise<PatrolRun> {
    const em = this.#orm.em.fork();
    const run = em.create(PatrolRun, {
      id: randomUUID(),
      trigger,
      status: 'running',
      startedAt: at,
      finishedAt: null,
      durationMs: null,
      findingsCount: 0,
      newCount: 0,
      updatedCount: 0,
      resolvedCount: 0,
      error: null,
      llmStatus: null,
      llmModel: null,
      llmNote: null,
      inputTokens: null,
      outputTokens: null,
      aiFindingsCount: null,
    });
    await em.flush();
    return run;
  }

  async finishRun(id: string, change: Partial<Omit<PatrolRun, 'id'>>): Promise<PatrolRun> {
    const em = this.#orm.em.fork();
    const run = await em.findOneOrFail(PatrolRun, { id });
    em.assign(run, change);
    await em.flush();
    return run;
  }

  async run(id: string): Promise<PatrolRun | null> {
    return this.#orm.em.fork().findOne(PatrolRun, { id });
  }

  /** Open findings the model raised, so the next pass can say whether each still holds. */
  /** People's notes on findings, by finding id. */
  async notes(): Promise<Map<string, string>> {
    const rows = await this.#orm.em.fork().find(FindingRecord, { userNote: { $ne: null } });
    return new Map(rows.map((r) => [r.id, r.userNote ?? '']));
  }

  async openModelFindings(): Promise<FindingRecord[]> {
    return this.#orm.em.fork().find(FindingRecord, { source: 'ai', resolvedAt: null });
  }

  async runs(limit: number): Promise<PatrolRun[]> {
    return this.#orm.em
      .fork()
      .find(PatrolRun, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit });
  }

  /** Runs left "running" by a stop mid-run. */
  async failInterruptedRuns(at: Date): Promise<void> {
    await this.#orm.em
      .fork()
      .nativeUpdate(
        PatrolRun,
        { status: 'running' },
        { status: 'failed', finishedAt: at, error: 'interrupted' },
      );
  }
}

function fromFinding(finding: Finding) {
  return {
    check: finding.check,
    source: finding.source,
    severity: finding.severity,
    category: finding.category,
    resourceId: finding.resourceId,
    resourceName: finding.resourceName,
    resourceType: finding.resourceType,
    node: finding.node,
    title: finding.title,
    description: finding.description,
    impact: finding.impact,
    recommendation: finding.recommendation,
    evidence: finding.evidence,
    explanation: finding.explanation,
  };
}

function reopened(row: FindingRecord): Change {
  return {
    resolvedAt: null,
    resolveReason: null,
    autoResolved: false,
    regressionCount: row.regressionCount + 1,
    acknowledgedAt: null,
    acknowledgedBy: null,
    dismissedAt: null,
    dismissedBy: null,
    dismissedReason: null,
    dismissedNote: null,
  };
}
