/** Runs `work` over the items with at most `limit` at once; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

/** Remembers slow answers (SMART, snapshots, backups) and refreshes them after a while. */
export class TtlCache<V> {
  readonly #entries = new Map<string, { at: number; value: V }>();
  readonly #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  fresh(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    return entry && now - entry.at < this.#ttlMs ? entry.value : undefined;
  }

  /** The last value, however old: better than nothing when a refresh fails. */
  last(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** Keys whose entries are missing or expired, oldest first. */
  stale(keys: readonly string[], now: number): string[] {
    return keys
      .filter((key) => this.fresh(key, now) === undefined)
      .sort((a, b) => (this.#entries.get(a)?.at ?? 0) - (this.#entries.get(b)?.at ?? 0));
  }

  set(key: string, value: V, now: number): void {
    this.#entries.set(key, { at: now, value });
  }

  retain(keys: Set<string>): void {
    for (const key of this.#entries.keys()) if (!keys.has(key)) this.#entries.delete(key);
  }
}
