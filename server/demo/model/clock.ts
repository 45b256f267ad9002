/** Simulated time in epoch milliseconds. Everything the estate reports is a function of it. */
export interface DemoClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * A real clock reads the wall clock; a manual one starts at `startAt` and only moves with
 * `advance()`, so tests can step through hours without sleeping.
 */
export function createClock(kind: 'real' | 'manual', startAt: number): DemoClock {
  if (kind === 'real') {
    return {
      now: () => Date.now(),
      advance() {
        throw new Error('advance() needs the manual clock (startDemoEstate({ clock: "manual" }))');
      },
    };
  }
  let offset = 0;
  return {
    now: () => startAt + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a positive ms');
      offset += ms;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** pvestatd refreshes status every 10 s; readings inside one window are identical upstream. */
export const STATUS_STEP_MS = 10 * SECOND;

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Day number since the epoch (UTC). The simulated hosts run in UTC. */
export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY);
}
