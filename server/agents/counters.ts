/** One report's counters: when they were read and their values by key and name. */
interface Reading {
  at: number;
  /** Whose clock `at` is: rates only between two readings on the same clock. */
  clock: 'agent' | 'server';
  values: Map<string, Record<string, number>>;
}

/**
 * Turns the cumulative counters of two consecutive reports into bytes per second. A report
 * is read against the previous one and only becomes "the previous one" once it was applied,
 * so a report that fails leaves the next one's rates as they would have been.
 */
export class CounterMemory {
  readonly #bySource = new Map<string, Reading>();

  begin(source: string, at: number, clock: Reading['clock']): CounterPass {
    const previous = this.#bySource.get(source);
    const next: Reading = { at, clock, values: new Map() };
    const seconds = previous && previous.clock === clock ? (at - previous.at) / 1000 : 0;
    return {
      rate: (key, counters) => {
        const before = seconds > 0 ? previous?.values.get(key) : undefined;
        const kept: Record<string, number> = {};
        const result: Record<string, number | null> = {};
        for (const [name, value] of Object.entries(counters)) {
          result[name] = null;
          if (value === null) continue;
          kept[name] = value;
          const old = before?.[name];
          // A counter that went down was reset (reboot, container recreated): no rate this time.
          if (old !== undefined && value >= old) result[name] = (value - old) / seconds;
        }
        next.values.set(key, kept);
        return result;
      },
      commit: () => {
        this.#bySource.set(source, next);
      },
    };
  }

  forget(source: string): void {
    this.#bySource.delete(source);
  }
}

export interface CounterPass {
  rate(key: string, counters: Record<string, number | null>): Record<string, number | null>;
  commit(): void;
}
