/**
 * Turns cumulative byte counters (netin, diskread, …) into bytes per second between two
 * polls. Counters restart at zero when a guest restarts or migrates; a negative delta gives
 * no rate for that poll rather than a spike.
 */
export class RateTracker {
  readonly #last = new Map<string, { at: number; values: Record<string, number> }>();

  /** Rates for the counters given, or null for each on the first poll or after a reset. */
  rates<K extends string>(
    key: string,
    at: number,
    counters: Record<K, number | null>,
  ): Record<K, number | null> {
    const previous = this.#last.get(key);
    const result = {} as Record<K, number | null>;
    const values: Record<string, number> = {};
    for (const name of Object.keys(counters) as K[]) {
      const value = counters[name];
      result[name] = null;
      if (value === null) continue;
      values[name] = value;
      const before = previous?.values[name];
      const seconds = previous ? (at - previous.at) / 1000 : 0;
      if (before === undefined || seconds <= 0 || value < before) continue;
      result[name] = (value - before) / seconds;
    }
    this.#last.set(key, { at, values });
    return result;
  }

  /** Forgets keys not seen in the latest poll, so removed guests do not leak. */
  retain(keys: Set<string>): void {
    for (const key of this.#last.keys()) if (!keys.has(key)) this.#last.delete(key);
  }
}
