import type { z } from 'zod';
import { type AgentInfo, maxReportBytes } from '../agents/reports.ts';
import type { RetryPolicy } from './backoff.ts';
import type { AgentLog } from './log.ts';
import { Outbox } from './outbox.ts';
import type { ReportKind, Sender } from './transport.ts';
import { agentVersion } from './version.ts';

/** One kind of report and how to make it. */
export interface ReportSource {
  kind: ReportKind;
  /** How the module is named in log lines. */
  label: string;
  collect(agent: AgentInfo): Promise<unknown>;
  /** The wire schema: a report that fails it is logged here, not sent to be refused. */
  schema: z.ZodType;
}

export interface AgentLoopOptions {
  agentId: string;
  intervalSeconds: number;
  sources: ReportSource[];
  sender: Sender;
  log: AgentLog;
  retry?: RetryPolicy;
  bufferSize?: number;
}

interface Running {
  source: ReportSource;
  outbox: Outbox;
  timer: NodeJS.Timeout | null;
  collecting: Promise<void> | null;
  /** The last collection error, so a module that keeps failing says so once, not every interval. */
  lastError: string | null;
}

/**
 * Collects each enabled kind of report every interval and hands it to that kind's outbox.
 * The modules are independent: one that fails logs and the others carry on. Pulse may set
 * the interval through `config.intervalSeconds` in its answers.
 */
export class AgentLoop {
  readonly #options: AgentLoopOptions;
  readonly #running: Running[];
  #intervalSeconds: number;
  #stopped = false;

  constructor(options: AgentLoopOptions) {
    this.#options = options;
    this.#intervalSeconds = options.intervalSeconds;
    this.#running = options.sources.map((source) => ({
      source,
      outbox: new Outbox({
        kind: source.kind,
        sender: options.sender,
        log: options.log,
        ...(options.bufferSize ? { capacity: options.bufferSize } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        onAccepted: (delivery) => {
          if (delivery.intervalSeconds) this.#adoptInterval(delivery.intervalSeconds);
        },
      }),
      timer: null,
      collecting: null,
      lastError: null,
    }));
  }

  get intervalSeconds(): number {
    return this.#intervalSeconds;
  }

  start(): void {
    for (const running of this.#running) this.#collect(running);
  }

  /** Stops collecting; reports on the wire get `graceMs` to finish. */
  async stop(graceMs = 3_000): Promise<void> {
    this.#stopped = true;
    for (const running of this.#running) {
      if (running.timer) clearTimeout(running.timer);
      running.timer = null;
    }
    await Promise.all(this.#running.map((r) => r.outbox.stop(graceMs)));
  }

  #agentInfo(): AgentInfo {
    return {
      id: this.#options.agentId,
      version: agentVersion,
      type: 'unified',
      intervalSeconds: this.#intervalSeconds,
    };
  }

  #collect(running: Running): void {
    if (this.#stopped || running.collecting) return;
    const startedAt = Date.now();
    running.collecting = this.#collectOnce(running).finally(() => {
      running.collecting = null;
      if (this.#stopped) return;
      const waitMs = Math.max(0, this.#intervalSeconds * 1000 - (Date.now() - startedAt));
      this.#schedule(running, waitMs);
    });
  }

  #schedule(running: Running, waitMs: number): void {
    if (running.timer) clearTimeout(running.timer);
    running.timer = setTimeout(() => {
      running.timer = null;
      this.#collect(running);
    }, waitMs);
  }

  async #collectOnce(running: Running): Promise<void> {
    const { source } = running;
    const log = this.#options.log;
    let report: unknown;
    try {
      report = await source.collect(this.#agentInfo());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== running.lastError) {
        log.error(`${source.label}: cannot collect a report: ${message}`);
      } else {
        log.debug(`${source.label}: still failing: ${message}`);
      }
      running.lastError = message;
      return;
    }
    if (running.lastError !== null) {
      log.info(`${source.label}: collecting again`);
      running.lastError = null;
    }
    const checked = source.schema.safeParse(report);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      log.error(
        `${source.label}: the report does not fit Pulse's shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}; not sent`,
      );
      return;
    }
    const body = JSON.stringify(report);
    if (Buffer.byteLength(body) > maxReportBytes) {
      log.error(`${source.label}: the report is larger than Pulse accepts (8 MiB); not sent`);
      return;
    }
    log.debug(`${source.label}: report collected (${Buffer.byteLength(body)} bytes)`);
    running.outbox.push(body);
  }

  #adoptInterval(seconds: number): void {
    if (seconds === this.#intervalSeconds || this.#stopped) return;
    this.#options.log.info(
      `Pulse asks for a report every ${seconds}s (was ${this.#intervalSeconds}s)`,
    );
    this.#intervalSeconds = seconds;
    for (const running of this.#running) {
      if (running.timer) this.#schedule(running, seconds * 1000);
    }
  }
}
