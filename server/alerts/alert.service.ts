import { type Actor, authorize } from '../access/actor.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { filterMap } from '../events/iterators.ts';
import type { Logger } from '../log/logger.ts';
import type { RecordStore } from '../resources/records.ts';
import type { ResourceStore } from '../resources/store.ts';
import type { Alert, AlertChange, AlertNotification } from './alert.ts';
import type { AlertPersistence, HistoryQuery } from './alert-persistence.ts';
import {
  AlertConfigError,
  acknowledge,
  applyConfigPatch,
  type EngineResult,
  type EngineState,
  evaluate,
  tick,
  unacknowledge,
} from './engine/index.ts';
import type { AlertConfig, ResourceOverride } from './thresholds.ts';

/** Whoever delivers notifications; the alert engine only decides. */
export interface AlertNotifier {
  notify(notification: AlertNotification): Promise<unknown>;
}

export interface AlertServiceOptions {
  /** How often time-driven work runs (grouping, quiet hours, escalation). @default 5000 */
  tickMs?: number;
  now?: () => number;
}

const hour = 3_600_000;

/**
 * Runs the alert engine against the live state: on every poll and every few seconds, one
 * cycle at a time. Each cycle hands its notifications to the durable delivery queue first and
 * then saves the engine state, so a crash between the two re-decides and the queue's receipts
 * stop a second send.
 */
export class AlertService {
  readonly #persistence: AlertPersistence;
  readonly #bus: EventBus;
  readonly #resources: ResourceStore;
  readonly #records: RecordStore;
  readonly #notifier: AlertNotifier;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #tickMs: number;
  #config: AlertConfig | null = null;
  #state: EngineState | null = null;
  #cycle: Promise<void> = Promise.resolve();
  #evaluateQueued = false;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #prunedAt = 0;

  constructor(deps: {
    persistence: AlertPersistence;
    bus: EventBus;
    resources: ResourceStore;
    records: RecordStore;
    notifier: AlertNotifier;
    log: Logger;
    options?: AlertServiceOptions;
  }) {
    this.#persistence = deps.persistence;
    this.#bus = deps.bus;
    this.#resources = deps.resources;
    this.#records = deps.records;
    this.#notifier = deps.notifier;
    this.#log = deps.log;
    this.#now = deps.options?.now ?? Date.now;
    this.#tickMs = deps.options?.tickMs ?? 5_000;
  }

  async start(): Promise<void> {
    const { config, state } = await this.#persistence.load();
    this.#config = config;
    this.#state = state;
    this.#unsubscribe = this.#bus.subscribe('resources.sampled', () => this.#queueEvaluate());
    this.#timer = setInterval(() => void this.#run('tick'), this.#tickMs);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    if (this.#timer) clearInterval(this.#timer);
    await this.#cycle;
  }

  /** Active alerts: firing ones, and pending ones when asked. */
  active(actor: Actor, options: { includePending?: boolean } = {}): Alert[] {
    authorize(actor, 'read', 'Alert');
    const alerts = Object.values(this.#engineState().alerts);
    return alerts
      .filter((a) => options.includePending === true || a.state === 'firing')
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  /** The firing alerts of one resource (for badges). */
  forResource(actor: Actor, resourceId: string): Alert[] {
    return this.active(actor).filter((a) => a.resourceId === resourceId);
  }

  history(actor: Actor, query: Partial<HistoryQuery> = {}): Promise<Alert[]> {
    authorize(actor, 'read', 'Alert');
    const limit = query.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) {
      throw new ValidationError('limit must be 1 to 1000', 'limit');
    }
    return this.#persistence.history({ ...query, limit });
  }

  async clearHistory(actor: Actor): Promise<number> {
    authorize(actor, 'manage', 'Alert');
    return this.#persistence.clearHistory();
  }

  acknowledge(actor: Actor, alertId: string): Promise<Alert> {
    authorize(actor, 'acknowledge', 'Alert');
    return this.#change(alertId, (state, now) => acknowledge(state, alertId, actor.name, now));
  }

  unacknowledge(actor: Actor, alertId: string): Promise<Alert> {
    authorize(actor, 'acknowledge', 'Alert');
    return this.#change(alertId, (state) => unacknowledge(state, alertId));
  }

  config(actor: Actor): AlertConfig {
    authorize(actor, 'read', 'Alert');
    return this.#engineConfig();
  }

  /** Merges a partial config (objects merge, values replace, null removes) and re-evaluates. */
  async updateConfig(actor: Actor, patch: unknown): Promise<AlertConfig> {
    authorize(actor, 'manage', 'Alert');
    let next: AlertConfig;
    try {
      next = applyConfigPatch(this.#engineConfig(), patch);
    } catch (error) {
      if (error instanceof AlertConfigError) throw new ValidationError(error.message);
      throw error;
    }
    await this.#persistence.saveConfig(next, this.#now());
    this.#config = next;
    this.#queueEvaluate();
    return next;
  }

  /** Replaces every per-resource override at once (the REST overrides route). */
  async replaceOverrides(
    actor: Actor,
    overrides: Record<string, ResourceOverride>,
  ): Promise<AlertConfig> {
    const removed = Object.fromEntries(
      Object.keys(this.#engineConfig().overrides).map((key) => [key, null]),
    );
    return this.updateConfig(actor, { overrides: { ...removed, ...overrides } });
  }

  changes(actor: Actor): AsyncIterableIterator<AlertChange> {
    authorize(actor, 'read', 'Alert');
    return filterMap(this.#bus.iterate('alerts.changed'), (change) => change);
  }

  /** Waits for the cycles queued so far (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#cycle;
  }

  /** Runs one evaluation now, after any queued cycle (tests, `POST .../evaluate`). */
  evaluateNow(): Promise<void> {
    return this.#run('evaluate');
  }

  #queueEvaluate(): void {
    if (this.#evaluateQueued) return;
    this.#evaluateQueued = true;
    void this.#run('evaluate');
  }

  #run(kind: 'evaluate' | 'tick'): Promise<void> {
    this.#cycle = this.#cycle.then(async () => {
      if (kind === 'evaluate') this.#evaluateQueued = false;
      try {
        await this.#cycleOnce(kind);
      } catch (error) {
        this.#log.error({ err: error }, 'alert evaluation failed');
      }
    });
    return this.#cycle;
  }

  async #cycleOnce(kind: 'evaluate' | 'tick'): Promise<void> {
    const config = this.#engineConfig();
    const state = this.#engineState();
    const now = this.#now();
    const result: EngineResult =
      kind === 'evaluate'
        ? evaluate(
            { resources: this.#resources.all(), records: this.#recordLists(), config },
            state,
            now,
          )
        : tick(state, config, now);
    for (const notification of result.notifications) await this.#notifier.notify(notification);
    const resolved = result.transitions
      .filter((t) => t.type === 'resolved' && t.alert.firedAt !== null)
      .map((t) => t.alert);
    if (JSON.stringify(result.state) !== JSON.stringify(state) || resolved.length > 0) {
      await this.#persistence.saveState(result.state, resolved, now);
    }
    this.#state = result.state;
    if (result.transitions.length > 0)
      this.#bus.publish('alerts.changed', { changes: result.transitions });
    if (now - this.#prunedAt > hour) {
      this.#prunedAt = now;
      await this.#persistence.pruneHistory(now - config.historyRetentionDays * 24 * hour);
    }
  }

  #recordLists() {
    return {
      backups: this.#records.list('backups'),
      snapshots: this.#records.list('snapshots'),
      tasks: this.#records.list('tasks'),
      jobs: this.#records.list('jobs'),
    };
  }

  async #change(
    alertId: string,
    change: (state: EngineState, now: number) => { state: EngineState; alert: Alert | null },
  ): Promise<Alert> {
    let changed: Alert | null = null;
    const run = this.#cycle.then(async () => {
      const now = this.#now();
      const result = change(this.#engineState(), now);
      changed = result.alert;
      if (!result.alert) return;
      await this.#persistence.saveState(result.state, [], now);
      this.#state = result.state;
      this.#bus.publish('alerts.changed', {
        changes: [{ type: 'acknowledged', alert: result.alert }],
      });
    });
    // A failed save is the caller's error; later cycles still run.
    this.#cycle = run.catch(() => {});
    await run;
    if (!changed) throw new NotFoundError(`no active alert ${alertId}`);
    return changed;
  }

  #engineConfig(): AlertConfig {
    if (!this.#config) throw new Error('alert service not started');
    return this.#config;
  }

  #engineState(): EngineState {
    if (!this.#state) throw new Error('alert service not started');
    return this.#state;
  }
}
