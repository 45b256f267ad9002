import { defaultRetryPolicy, type RetryPolicy, retryDelayMs } from './backoff.ts';
import type { AgentLog } from './log.ts';
import type { Delivery, ReportKind, Sender } from './transport.ts';

export interface OutboxOptions {
  kind: ReportKind;
  sender: Sender;
  log: AgentLog;
  /** Reports kept while Pulse cannot take them; the oldest go first when it is full. */
  capacity?: number;
  retry?: RetryPolicy;
  onAccepted?(delivery: Extract<Delivery, { outcome: 'accepted' }>): void;
}

const labels: Record<ReportKind, string> = {
  host: 'host',
  docker: 'Docker',
  kubernetes: 'Kubernetes',
};

/**
 * One kind of report on its way to Pulse: sent oldest first, one at a time. While Pulse is
 * unreachable or refuses the token, reports wait here (the last `capacity` of them) and the
 * next attempt backs off exponentially with jitter; a report Pulse calls malformed is dropped,
 * since sending it again cannot help.
 */
export class Outbox {
  readonly #options: OutboxOptions;
  readonly #retry: RetryPolicy;
  readonly #capacity: number;
  readonly #label: string;
  readonly #queue: string[] = [];
  readonly #abort = new AbortController();
  #sending: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #failures = 0;
  #droppedThisOutage = 0;
  #everAccepted = false;
  #stopped = false;

  constructor(options: OutboxOptions) {
    this.#options = options;
    this.#retry = options.retry ?? defaultRetryPolicy;
    this.#capacity = options.capacity ?? 10;
    this.#label = labels[options.kind];
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** Queues a report (already JSON) and sends it unless a retry is pending. */
  push(body: string): void {
    if (this.#stopped) return;
    this.#queue.push(body);
    if (this.#queue.length > this.#capacity) {
      this.#queue.shift();
      if (this.#droppedThisOutage === 0) {
        this.#options.log.warn(
          `${this.#label} reports are piling up; keeping the last ${this.#capacity} and dropping older ones`,
        );
      }
      this.#droppedThisOutage += 1;
    }
    this.#flush();
  }

  /**
   * Stops retrying and waits up to `graceMs` for a report already on the wire; after that
   * the request is abandoned.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    if (!this.#sending) return;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.#sending, expired]);
    clearTimeout(timer);
    this.#abort.abort();
  }

  #flush(): void {
    if (this.#sending || this.#retryTimer || this.#stopped) return;
    this.#sending = this.#drain().finally(() => {
      this.#sending = null;
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#stopped) {
      const body = this.#queue[0] as string;
      const delivery = await this.#options.sender.send(
        this.#options.kind,
        body,
        this.#abort.signal,
      );
      if (this.#stopped) return;
      if (delivery.outcome === 'accepted') {
        this.#queue.shift();
        this.#recovered();
        this.#options.onAccepted?.(delivery);
        continue;
      }
      if (delivery.outcome === 'rejected' && [400, 413, 422].includes(delivery.status)) {
        this.#queue.shift();
        this.#options.log.error(
          `Pulse refused the ${this.#label} report (${delivery.status}): ${delivery.message}`,
        );
        continue;
      }
      this.#failed(delivery);
      return;
    }
  }

  #recovered(): void {
    if (this.#failures > 0) {
      const dropped = this.#droppedThisOutage;
      this.#options.log.info(
        `${this.#label} reports reach Pulse ${this.#everAccepted ? 'again' : 'now'}${dropped > 0 ? ` (${dropped} older reports were dropped meanwhile)` : ''}`,
      );
    } else if (!this.#everAccepted) {
      // One line that says the setup works, for whoever is watching the journal after installing.
      this.#options.log.info(`Pulse accepted the first ${this.#label} report`);
    }
    this.#everAccepted = true;
    this.#failures = 0;
    this.#droppedThisOutage = 0;
  }

  #failed(delivery: Exclude<Delivery, { outcome: 'accepted' }>): void {
    this.#failures += 1;
    let delayMs = retryDelayMs(this.#failures, this.#retry);
    const url = this.#options.sender.url;
    let problem: string;
    if (delivery.outcome === 'unreachable') {
      problem = `cannot reach Pulse at ${url}: ${delivery.message}`;
    } else if (delivery.status === 401) {
      delayMs = Math.max(delayMs, this.#retry.authFloorMs);
      problem = `Pulse at ${url} did not accept the token (401): check --token; it may be wrong, revoked or expired`;
    } else if (delivery.status === 403) {
      delayMs = Math.max(delayMs, this.#retry.authFloorMs);
      problem = `the token lacks the scope for ${this.#label} reports (403): create a token with the agent:report scope (${delivery.message})`;
    } else if (delivery.status === 409) {
      // Removed in Pulse, or enrolled with another token: only an admin there can change that.
      delayMs = Math.max(delayMs, this.#retry.authFloorMs);
      problem = `Pulse refuses this agent (409): ${delivery.message}`;
    } else if (delivery.status === 404) {
      problem = `Pulse at ${url} has no ${this.#label} report endpoint (404): is it older than this agent?`;
    } else if (delivery.status === 429) {
      if (delivery.retryAfterSeconds)
        delayMs = Math.max(delayMs, delivery.retryAfterSeconds * 1000);
      problem = 'Pulse asks the agent to slow down (429)';
    } else {
      problem = `Pulse answered ${delivery.status} to the ${this.#label} report: ${delivery.message}`;
    }
    const level = delivery.outcome === 'rejected' && delivery.status < 500 ? 'error' : 'warn';
    this.#options.log[level](
      `${problem}; retrying in ${formatDelay(delayMs)} (${this.#queue.length} ${this.#label} report${this.#queue.length === 1 ? '' : 's'} waiting)`,
    );
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#flush();
    }, delayMs);
  }
}

function formatDelay(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${Math.max(1, seconds)}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
}
