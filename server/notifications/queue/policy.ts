import { type Clock, systemClock } from '../clock.ts';

/** How the delivery queue retries and forgets. Defaults follow Pulse's queue. */
export interface QueuePolicy {
  clock: Clock;
  /** Attempts before a delivery goes to the dead-letter queue. */
  maxAttempts: number;
  /** Delay before the first retry; doubled each time up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Sent and cancelled rows are kept this long (history), dead letters longer. */
  keepDoneMs: number;
  keepDeadMs: number;
}

const day = 24 * 60 * 60 * 1000;

export const defaultQueuePolicy: QueuePolicy = {
  clock: systemClock,
  maxAttempts: 8,
  baseBackoffMs: 1000,
  maxBackoffMs: 60_000,
  keepDoneMs: 7 * day,
  keepDeadMs: 30 * day,
};

/** The wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8, 16, 32 s, then 60 s. */
export function backoffMs(
  failures: number,
  policy: Pick<QueuePolicy, 'baseBackoffMs' | 'maxBackoffMs'>,
) {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.baseBackoffMs * 2 ** exponent, policy.maxBackoffMs);
}
