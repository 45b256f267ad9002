import type Database from 'better-sqlite3';

/**
 * Per tier, the second up to which it is complete ('1m' also marks how far raw samples are
 * sealed into blocks). Cached in memory; written in the same transaction as the data.
 */
export class TierProgress {
  readonly #cache = new Map<string, number>();
  readonly #write: Database.Statement<[string, number]>;

  constructor(db: Database.Database) {
    const rows = db.prepare('select tier, done_until as d from rollup_state').all() as {
      tier: string;
      d: number;
    }[];
    for (const row of rows) this.#cache.set(row.tier, row.d);
    this.#write = db.prepare(
      'insert or replace into rollup_state (tier, done_until) values (?, ?)',
    );
  }

  doneUntil(tier: string): number | null {
    return this.#cache.get(tier) ?? null;
  }

  /** Call inside the transaction that wrote the tier's data. */
  set(tier: string, second: number): void {
    this.#write.run(tier, second);
    this.#cache.set(tier, second);
  }
}
