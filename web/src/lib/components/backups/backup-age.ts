import type { BadgeTone } from '../ui/tone.ts';

const HOUR = 3_600_000;

/**
 * A nightly backup is at most a day old; 26 hours leaves room for a job that ran late. Within a
 * week a guest is still recoverable to recently, beyond that (or never) it is at risk.
 */
export function backupAgeTone(lastAt: number | null, now: number): BadgeTone {
  if (lastAt == null) return 'bad';
  const age = now - lastAt;
  if (age < 26 * HOUR) return 'ok';
  if (age < 7 * 24 * HOUR) return 'warn';
  return 'bad';
}
