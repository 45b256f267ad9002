import { randomToken, sameSecret } from './secrets.ts';

export const defaultRecoveryMinutes = 15;
export const maxRecoveryMinutes = 60;

/**
 * Time-limited recovery tokens for a locked-out admin: minted only from this machine, held in
 * memory (a restart ends them), each usable until it expires.
 */
export class RecoveryTokens {
  readonly #tokens: { value: string; expiresAt: number }[] = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  mint(minutes: number): { token: string; expiresAt: Date } {
    this.#sweep();
    const value = randomToken();
    const expiresAt = this.#now() + minutes * 60_000;
    this.#tokens.push({ value, expiresAt });
    return { token: value, expiresAt: new Date(expiresAt) };
  }

  matches(candidate: string | undefined): boolean {
    this.#sweep();
    if (!candidate) return false;
    return this.#tokens.some((t) => sameSecret(t.value, candidate));
  }

  get active(): number {
    this.#sweep();
    return this.#tokens.length;
  }

  #sweep(): void {
    const now = this.#now();
    for (let i = this.#tokens.length - 1; i >= 0; i--) {
      if ((this.#tokens[i]?.expiresAt ?? 0) <= now) this.#tokens.splice(i, 1);
    }
  }
}
