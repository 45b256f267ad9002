import { sameSecret, sha256Hex } from '../secrets.ts';

/** A sign-in that went to the provider and has not come back yet. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  /** The redirect_uri sent: the token request must repeat it. */
  redirectUri: string;
  returnTo: string;
  /** sha256 of the browser's binding cookie: only the browser that started may finish. */
  bindingHash: string;
  expiresAt: number;
}

export const pendingTtlMs = 10 * 60_000;
const maxPending = 1000;

/**
 * Pending sign-ins by `state`, in memory: Pulse is one process, a restart only costs a
 * started login, and nothing about them has to be signed or stored. Each is taken once.
 */
export class PendingLogins {
  readonly #byState = new Map<string, PendingLogin>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(state: string, login: Omit<PendingLogin, 'expiresAt'>): void {
    const now = this.#now();
    for (const [key, entry] of this.#byState) {
      if (entry.expiresAt <= now) this.#byState.delete(key);
    }
    // The auth rate limit already bounds this per address; the cap bounds it overall.
    while (this.#byState.size >= maxPending) {
      const oldest = this.#byState.keys().next().value;
      if (oldest === undefined) break;
      this.#byState.delete(oldest);
    }
    this.#byState.set(state, { ...login, expiresAt: now + pendingTtlMs });
  }

  /** The pending login for this state and browser, removed so it cannot be replayed. */
  take(state: string, binding: string | undefined): PendingLogin | null {
    const entry = this.#byState.get(state);
    if (!entry) return null;
    this.#byState.delete(state);
    if (entry.expiresAt <= this.#now()) return null;
    if (!binding || !sameSecret(sha256Hex(binding), entry.bindingHash)) return null;
    return entry;
  }
}
