import { type Actor, authorize } from '../access/actor.ts';
import { ConflictError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { type LicenseService, patrolFeature } from '../license/license.service.ts';
import type { Logger } from '../log/logger.ts';
import type { Finding } from './finding.ts';
import type { FindingStore } from './finding-store.ts';
import type { FindingsService } from './findings.service.ts';
import type { PatrolInputs } from './inputs.ts';
import { runDeterministicPatrol } from './patrol.ts';
import type { PatrolRun } from './store/patrol-run.entity.ts';

export type PatrolTrigger = 'manual' | 'schedule';

export type PatrolRunView = { [K in keyof PatrolRun]: PatrolRun[K] };

export type PatrolPhase =
  | 'started'
  | 'gathering'
  | 'deterministic'
  | 'llm'
  | 'merging'
  | 'completed'
  | 'failed';

/** Published on the bus as a run goes; REST SSE and the GraphQL subscription follow it. */
export interface PatrolProgress {
  runId: string;
  phase: PatrolPhase;
  message: string;
  /** Findings so far, once the deterministic pass has run. */
  findings: number | null;
  /** The finished run, on `completed` and `failed`. */
  run: PatrolRunView | null;
}

/** What the LLM pass is given: the estate as read for this run and the deterministic findings. */
export interface PatrolSummary {
  inputs: PatrolInputs;
  findings: readonly Finding[];
}

/**
 * The model's pass, filled in by the chat/LLM work: it may add findings (merged by id with
 * the deterministic ones; a model finding with the same id replaces the deterministic one).
 */
export type LlmPass = (summary: PatrolSummary) => Promise<Finding[]>;

export interface PatrolStatus {
  running: boolean;
  currentRunId: string | null;
  lastRun: PatrolRunView | null;
  /** From the AI settings; 0 = no schedule. */
  intervalMinutes: number;
  nextRunAt: Date | null;
  /** Whether the Pro patrol (run on demand, live progress, acknowledge, snooze, suppress) is on. */
  licensed: boolean;
  llmPassAvailable: boolean;
  /** Visible findings by severity. */
  findings: Record<string, number>;
}

export interface PatrolServiceOptions {
  store: FindingStore;
  findings: FindingsService;
  license: LicenseService;
  bus: EventBus;
  log: Logger;
  /** One read of the estate (resources, records, metrics history). */
  gather: () => PatrolInputs;
  intervalMinutes: () => Promise<number>;
  llmPass?: LlmPass;
  now?: () => number;
  /** How often the schedule looks whether a run is due. */
  tickMs?: number;
}

export function runView(run: PatrolRun): PatrolRunView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    findingsCount: run.findingsCount,
    newCount: run.newCount,
    updatedCount: run.updatedCount,
    resolvedCount: run.resolvedCount,
    error: run.error,
  };
}

interface CurrentRun {
  id: string | null;
  done: Promise<PatrolRunView> | null;
}

/** Runs the patrol on demand and on the configured schedule, never two at once. */
export class PatrolService {
  readonly #o: PatrolServiceOptions;
  readonly #now: () => number;
  #current: CurrentRun | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lastStartedAt: number | null = null;
  /** Filled by the LLM work once a provider is configured. */
  llmPass: LlmPass | undefined;

  constructor(options: PatrolServiceOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.llmPass = options.llmPass;
  }

  async start(): Promise<void> {
    await this.#o.store.failInterruptedRuns(new Date(this.#now()));
    const [last] = await this.#o.store.runs(1);
    this.#lastStartedAt = last ? last.startedAt.getTime() : null;
    this.#timer = setInterval(() => void this.#tick(), this.#o.tickMs ?? 60_000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#current?.done?.catch(() => undefined);
  }

  /** A run on demand (admins, Pro): resolves with the finished run. */
  async run(actor: Actor): Promise<PatrolRunView> {
    authorize(actor, 'manage', 'Finding');
    this.#o.license.requireFeature(patrolFeature, 'Running the patrol on demand');
    if (this.#current) throw new ConflictError('a patrol run is already in progress');
    return this.#execute('manual');
  }

  async status(actor: Actor): Promise<PatrolStatus> {
    authorize(actor, 'read', 'Finding');
    const [last] = await this.#o.store.runs(1);
    const intervalMinutes = await this.#o.intervalMinutes();
    const lastStart = last ? last.startedAt.getTime() : null;
    return {
      running: this.#current !== null,
      currentRunId: this.#current?.id ?? null,
      lastRun: last ? runView(last) : null,
      intervalMinutes,
      nextRunAt:
        intervalMinutes > 0 && lastStart !== null
          ? new Date(lastStart + intervalMinutes * 60_000)
          : null,
      licensed: this.#o.license.has(patrolFeature),
      llmPassAvailable: this.llmPass !== undefined,
      findings: await this.#o.findings.summary(actor),
    };
  }

  async runs(actor: Actor, limit = 50): Promise<PatrolRunView[]> {
    authorize(actor, 'read', 'Finding');
    return (await this.#o.store.runs(Math.min(Math.max(limit, 1), 500))).map(runView);
  }

  /** Progress events from now on; subscribed at the call, so nothing after it is missed. */
  progress(actor: Actor, signal?: AbortSignal): AsyncIterableIterator<PatrolProgress> {
    authorize(actor, 'read', 'Finding');
    this.#o.license.requireFeature(patrolFeature, 'Following patrol runs live');
    return this.#o.bus.iterate('patrol.progress', signal ? { signal } : {});
  }

  async #tick(): Promise<void> {
    if (this.#current) return;
    try {
      const minutes = await this.#o.intervalMinutes();
      if (minutes <= 0) return;
      const due =
        this.#lastStartedAt === null || this.#now() - this.#lastStartedAt >= minutes * 60_000;
      if (due && !this.#current) await this.#execute('schedule');
    } catch (error) {
      this.#o.log.error({ err: error }, 'scheduled patrol failed');
    }
  }

  #execute(trigger: PatrolTrigger): Promise<PatrolRunView> {
    const current: CurrentRun = { id: null, done: null };
    this.#current = current;
    const done = this.#pass(trigger, current).finally(() => {
      this.#current = null;
    });
    current.done = done;
    return done;
  }

  async #pass(trigger: PatrolTrigger, current: CurrentRun): Promise<PatrolRunView> {
    const { store, bus } = this.#o;
    const started = this.#now();
    this.#lastStartedAt = started;
    const run = await store.startRun(trigger, new Date(started));
    current.id = run.id;
    const progress = (phase: PatrolPhase, message: string, extra: Partial<PatrolProgress> = {}) =>
      bus.publish('patrol.progress', {
        runId: run.id,
        phase,
        message,
        findings: null,
        run: null,
        ...extra,
      });
    progress('started', `patrol started (${trigger})`);
    try {
      progress('gathering', 'reading resources, records and metrics history');
      const inputs = this.#o.gather();
      const deterministic = runDeterministicPatrol(inputs, this.#now());
      progress('deterministic', `deterministic checks found ${deterministic.length}`, {
        findings: deterministic.length,
      });
      const findings = await this.#withLlm(inputs, deterministic, progress);
      progress('merging', 'updating findings', { findings: findings.length });
      const counts = await store.merge(findings, new Date(this.#now()));
      const finishedAt = this.#now();
      const done = runView(
        await store.finishRun(run.id, {
          ...counts,
          status: 'completed',
          findingsCount: findings.length,
          finishedAt: new Date(finishedAt),
          durationMs: finishedAt - started,
        }),
      );
      progress('completed', `patrol completed: ${findings.length} findings`, {
        findings: findings.length,
        run: done,
      });
      return done;
    } catch (error) {
      this.#o.log.error({ err: error, runId: run.id }, 'patrol run failed');
      const finishedAt = this.#now();
      const failed = runView(
        await store.finishRun(run.id, {
          status: 'failed',
          finishedAt: new Date(finishedAt),
          durationMs: finishedAt - started,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      progress('failed', 'patrol failed', { run: failed });
      return failed;
    }
  }

  /** The LLM pass when there is one; its failure leaves the deterministic findings standing. */
  async #withLlm(
    inputs: PatrolInputs,
    deterministic: Finding[],
    progress: (phase: PatrolPhase, message: string, extra?: Partial<PatrolProgress>) => void,
  ): Promise<Finding[]> {
    if (!this.llmPass) return deterministic;
    progress('llm', 'asking the model');
    try {
      const extra = await this.llmPass({ inputs, findings: deterministic });
      const byId = new Map(deterministic.map((f) => [f.id, f]));
      for (const finding of extra) byId.set(finding.id, finding);
      return [...byId.values()];
    } catch (error) {
      this.#o.log.warn({ err: error }, 'patrol LLM pass failed; keeping deterministic findings');
      return deterministic;
    }
  }
}
