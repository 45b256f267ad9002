import type { Orm } from '../db/orm.ts';
import { ApiToken } from './api-token.entity.ts';
import { User } from './user.entity.ts';

/**
 * Whether any way to sign in exists. Until one does, Pulse is "not set up": only the setup
 * and public routes answer (and the demo estate may be looked at). Re-read after every change
 * that can add or remove a way in, and cheap to ask per request.
 */
export class SecurityPosture {
  readonly #orm: Orm;
  readonly #fixed: boolean;
  #oidcEnabled: () => Promise<boolean> = async () => false;
  #configured = false;

  /** `fixed`: a way in set outside the database (API_TOKEN(S), proxy auth). */
  constructor(orm: Orm, fixed: boolean) {
    this.#orm = orm;
    this.#fixed = fixed;
  }

  get configured(): boolean {
    return this.#configured;
  }

  useOidc(enabled: () => Promise<boolean>): void {
    this.#oidcEnabled = enabled;
  }

  async refresh(): Promise<void> {
    const em = this.#orm.em.fork();
    this.#configured =
      this.#fixed ||
      (await em.count(User, { passwordHash: { $ne: null } })) > 0 ||
      (await em.count(ApiToken, {})) > 0 ||
      (await this.#oidcEnabled());
  }
}
