export interface RetryPolicy {
  /** The first retry's delay before jitter. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Wrong or under-scoped tokens do not fix themselves quickly: never retry faster than this. */
  authFloorMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 2_000,
  capMs: 5 * 60_000,
  authFloorMs: 60_000,
};

/**
 * Exponential backoff with "equal jitter": the delay doubles with each failure up to the cap,
 * and a random half of it is added to half of it, so agents that lost Pulse together do not
 * come back at the same instant.
 */
export function retryDelayMs(
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failures - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
