/** Failed logins before a lock, and how long the lock lasts (Pulse's numbers). */
export const maxFailedAttempts = 5;
export const lockoutMs = 15 * 60_000;

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export interface LockState {
  locked: boolean;
  /** ms until the lock ends; 0 when not locked. */
  retryAfterMs: number;
  remainingAttempts: number;
}

/**
 * Counts failed logins per user name and per IP; the 5th failure locks both for 15 minutes.
 * Kept in memory: a restart forgets the counts, which costs an attacker a restart they
 * cannot cause, and keeps a flood of failures from writing to disk.
 */
export class Lockout {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The stricter state of all the given keys (e.g. the user and the IP). */
  check(keys: readonly string[]): LockState {
    const now = this.#now();
    let retryAfterMs = 0;
    let remainingAttempts = maxFailedAttempts;
    for (const key of keys) {
      const entry = this.#live(key, now);
      if (!entry) continue;
      retryAfterMs = Math.max(retryAfterMs, entry.lockedUntil - now);
      remainingAttempts = Math.min(remainingAttempts, maxFailedAttempts - entry.failures);
    }
    return {
      locked: retryAfterMs > 0,
      retryAfterMs,
      remainingAttempts: Math.max(0, remainingAttempts),
    };
  }

  /** Records a failure against every key; answers whether this failure locked any of them. */
  fail(keys: readonly string[]): boolean {
    const now = this.#now();
    let lockedNow = false;
    for (const key of keys) {
      const entry = this.#live(key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = now;
      if (entry.failures >= maxFailedAttempts && entry.lockedUntil <= now) {
        entry.lockedUntil = now + lockoutMs;
        lockedNow = true;
      }
      this.#entries.set(key, entry);
    }
    return lockedNow;
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.#entries.delete(key);
  }

  /** Clears a user name or an IP; answers whether anything was held. */
  reset(identifier: string): boolean {
    const a = this.#entries.delete(userKey(identifier));
    const b = this.#entries.delete(ipKey(identifier));
    return a || b;
  }

  #live(key: string, now: number): Entry | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    // Failures fade after a quiet lock-length; a lock ends when its time is up.
    if (entry.lockedUntil <= now && now - entry.lastFailureAt >= lockoutMs) {
      this.#entries.delete(key);
      return null;
    }
    if (entry.lockedUntil > 0 && entry.lockedUntil <= now) {
      this.#entries.delete(key);
      return null;
    }
    return entry;
  }
}

export const userKey = (username: string) => `user:${username.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
