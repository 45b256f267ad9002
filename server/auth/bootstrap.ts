import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken, sameSecret } from './secrets.ts';

export const bootstrapFileName = '.bootstrap_token';

/**
 * The one-time token that proves the person setting up security can read the data directory
 * or the log. It exists only until security is set up; a restart before then keeps the same
 * token, so the one already copied still works.
 */
export class BootstrapToken {
  readonly #file: string;
  #token: string | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, bootstrapFileName);
  }

  get path(): string {
    return this.#file;
  }

  get active(): boolean {
    return this.#token !== null;
  }

  /** Reads or creates the token; answers it when it was created or re-read. */
  ensure(): string {
    if (this.#token) return this.#token;
    if (existsSync(this.#file)) {
      const stored = readFileSync(this.#file, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(stored)) this.#token = stored;
    }
    if (!this.#token) {
      this.#token = randomToken();
      writeFileSync(this.#file, `${this.#token}\n`, { mode: 0o600 });
    }
    return this.#token;
  }

  matches(candidate: string | undefined): boolean {
    return (
      this.#token !== null && candidate !== undefined && sameSecret(candidate.trim(), this.#token)
    );
  }

  /** Security is set up: the token stops working and its file goes. */
  clear(): void {
    this.#token = null;
    rmSync(this.#file, { force: true });
  }
}
