import { describe, expect, it } from 'vitest';
import { backoffMs, defaultQueuePolicy } from '../../../server/notifications/queue/policy.ts';

describe('delivery backoff', () => {
  it('waits 1, 2, 4, 8, 16, 32 s, then 60 s, and gives up after 8 attempts', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, defaultQueuePolicy) / 1000);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(defaultQueuePolicy.maxAttempts).toBe(8);
  });

  it('scales with the base and never exceeds the cap', () => {
    expect(backoffMs(1, { baseBackoffMs: 10, maxBackoffMs: 50 })).toBe(10);
    expect(backoffMs(3, { baseBackoffMs: 10, maxBackoffMs: 50 })).toBe(40);
    expect(backoffMs(30, { baseBackoffMs: 10, maxBackoffMs: 50 })).toBe(50);
  });
});
