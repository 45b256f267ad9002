/** A request class and its budget per IP: `limit` requests per `windowMs`. */
export interface RateBudget {
  name: string;
  limit: number;
  windowMs: number;
}

/** Pulse's budgets (per IP). */
export const budgets = {
  general: { name: 'general', limit: 500, windowMs: 60_000 },
  auth: { name: 'auth', limit: 10, windowMs: 60_000 },
  bootstrap: { name: 'bootstrap', limit: 10, windowMs: 5 * 60_000 },
  recovery: { name: 'recovery', limit: 3, windowMs: 10 * 60_000 },
  /** The public agent download and installer. */
  download: { name: 'download', limit: 60, windowMs: 60_000 },
} satisfies Record<string, RateBudget>;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Fixed windows per (budget, IP), in memory; stale windows are swept as they are met. */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  take(budget: RateBudget, ip: string): RateDecision {
    const now = this.#now();
    this.#sweep(now);
    const key = `${budget.name}|${ip}`;
    let window = this.#windows.get(key);
    if (!window || now - window.startedAt >= budget.windowMs) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + budget.windowMs - now) / 1000));
    return {
      allowed: window.count <= budget.limit,
      limit: budget.limit,
      remaining: Math.max(0, budget.limit - window.count),
      resetSeconds,
    };
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    const longest = Math.max(...Object.values(budgets).map((b) => b.windowMs));
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt >= longest) this.#windows.delete(key);
    }
  }
}
