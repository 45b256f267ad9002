import { type Actor, authorize } from '../access/actor.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { type LicenseService, patrolFeature } from '../license/license.service.ts';
import type { Logger } from '../log/logger.ts';
import type { Finding, FindingSource } from './finding.ts';
import type { FindingStore } from './finding-store.ts';
import type { FindingsService } from './findings.service.ts';
import type { PatrolInputs } from './inputs.ts';
import type { LlmPass, LlmPassResult, PassEstimate } from './llm/llm-pass.ts';
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
  /** The `provider:model` the model pass uses; null when there is none. */
  llmModel: string | null;
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
  /** What is left of the month's AI budget; null without one. */
  budgetLeft?: () => Promise<number | null>;
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
    llmStatus: run.llmStatus,
    llmModel: run.llmModel,
    llmNote: run.llmNote,
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    aiFindingsCount: run.aiFindingsCount,
  };
}

/** The token estimate and whether the model pass would run, shown before a manual run. */
export interface PatrolEstimate extends PassEstimate {
  llmModel: string | null;
  /** Why the model pass would not run, or null. */
  llmUnavailableReason: string | null;
  /** Null without a monthly budget. */
  budgetLeftUsd: number | null;
}

/** What the model's pass did to one run. */
interface PassOutcome {
  findings: Finding[];
  assessed: ReadonlySet<FindingSource>;
  fields: Pick<
    PatrolRun,
    'llmStatus' | 'llmModel' | 'llmNote' | 'inputTokens' | 'outputTokens' | 'aiFindingsCount'
  >;
}

const noPass = {
  llmStatus: 'off',
  llmModel: null,
  llmNote: null,
  inputTokens: null,
  outputTokens: null,
  aiFindingsCount: null,
} as const;

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
    const model = (await this.llmPass?.model()) ?? null;
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
      llmPassAvailable: model !== null,
      llmModel: model,
      findings: await this.#o.findings.summary(actor),
    };
  }

  async runs(actor: Actor, limit = 50): Promise<PatrolRunView[]> {
    authorize(actor, 'read', 'Finding');
    return (await this.#o.store.runs(Math.min(Math.max(limit, 1), 500))).map(runView);
  }

  async runById(actor: Actor, id: string): Promise<PatrolRunView> {
    authorize(actor, 'read', 'Finding');
    const run = await this.#o.store.run(id);
    if (!run) throw new NotFoundError(`no patrol run ${id}`);
    return runView(run);
  }

  /** What a run would send the model now, without sending it. */
  async estimate(actor: Actor): Promise<PatrolEstimate> {
    authorize(actor, 'read', 'Finding');
    const inputs = this.#o.gather();
    const now = this.#now();
    const findings = runDeterministicPatrol(inputs, now);
    const model = (await this.llmPass?.model()) ?? null;
    const budgetLeftUsd = (await this.#o.budgetLeft?.()) ?? null;
    const estimate = this.llmPass ? await this.llmPass.estimate({ inputs, findings, now }) : null;
    return {
      estimatedInputTokens: estimate?.estimatedInputTokens ?? 0,
      tokenBudget: estimate?.tokenBudget ?? 0,
      resources: estimate?.resources ?? { total: inputs.resources.length, included: 0 },
      findings: estimate?.findings ?? { total: findings.length, included: 0 },
      llmModel: model,
      llmUnavailableReason:
        model === null
          ? 'no AI provider or patrol model is set up; the deterministic checks still run'
          : budgetLeftUsd !== null && budgetLeftUsd <= 0
            ? 'the monthly AI budget is spent'
            : null,
      budgetLeftUsd,
    };
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
      const pass = await this.#withLlm(inputs, deterministic, progress);
      const findings = pass.findings;
      progress('merging', 'updating findings', { findings: findings.length });
      const counts = await store.merge(findings, new Date(this.#now()), pass.assessed);
      const finishedAt = this.#now();
      const done = runView(
        await store.finishRun(run.id, {
          ...counts,
          ...pass.fields,
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

  /** The model's pass when a model is set; its failure leaves the deterministic findings. */
  async #withLlm(
    inputs: PatrolInputs,
    deterministic: Finding[],
    progress: (phase: PatrolPhase, message: string, extra?: Partial<PatrolProgress>) => void,
  ): Promise<PassOutcome> {
    const deterministicOnly = new Set<FindingSource>(['deterministic']);
    const pass = this.llmPass;
    const model = (await pass?.model()) ?? null;
    if (!pass || model === null) {
      return { findings: deterministic, assessed: deterministicOnly, fields: noPass };
    }
    progress('llm', `asking ${model}`);
    let result: LlmPassResult;
    try {
      result = await pass.run({ inputs, findings: deterministic, now: this.#now() });
    } catch (error) {
      this.#o.log.warn({ err: error }, 'patrol model pass failed; keeping deterministic findings');
      result = {
        status: 'failed',
        findings: deterministic,
        model,
        inputTokens: 0,
        outputTokens: 0,
        added: 0,
        note: error instanceof Error ? error.message : String(error),
      };
    }
    const completed = result.status === 'completed';
    progress(
      'llm',
      completed
        ? `the model added ${result.added} findings`
        : `model pass ${result.status}: ${result.note ?? ''}`.trim(),
    );
    // Later entries win, so a model finding replaces one of the same id.
    const byId = new Map((completed ? result.findings : deterministic).map((f) => [f.id, f]));
    return {
      findings: [...byId.values()],
      assessed: completed ? new Set(['deterministic', 'ai']) : deterministicOnly,
      fields: {
        llmStatus: result.status,
        llmModel: result.model || model,
        llmNote: result.note,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        aiFindingsCount: completed ? result.added : null,
      },
    };
  }
}
