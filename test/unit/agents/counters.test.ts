import { describe, expect, it } from 'vitest';
import { CounterMemory } from '../../../server/agents/counters.ts';
import { statusAfter } from '../../../server/agents/liveness.ts';

describe('counter rates', () => {
  it('gives no rate on the first report, then bytes per second between two', () => {
    const memory = new CounterMemory();
    const first = memory.begin('s', 1_000, 'agent');
    expect(first.rate('eth0', { rx: 100, tx: null })).toEqual({ rx: null, tx: null });
    first.commit();
    const second = memory.begin('s', 11_000, 'agent');
    expect(second.rate('eth0', { rx: 1_100, tx: 5 })).toEqual({ rx: 100, tx: null });
  });

  it('reads against the last applied report only, and not across a reset or a clock change', () => {
    const memory = new CounterMemory();
    const first = memory.begin('s', 0, 'agent');
    first.rate('eth0', { rx: 1_000 });
    first.commit();
    // Not committed (the report was refused): the next one still compares with the first.
    memory.begin('s', 5_000, 'agent').rate('eth0', { rx: 999_999 });
    const reset = memory.begin('s', 10_000, 'agent');
    expect(reset.rate('eth0', { rx: 500 })).toEqual({ rx: null });
    reset.commit();
    const serverClock = memory.begin('s', 20_000, 'server');
    expect(serverClock.rate('eth0', { rx: 600 })).toEqual({ rx: null });
    memory.forget('s');
    expect(memory.begin('s', 30_000, 'server').rate('eth0', { rx: 700 })).toEqual({ rx: null });
  });
});

describe('agent status by time since the last report', () => {
  it('is online, stale after one and a half intervals, offline after three', () => {
    expect(statusAfter(30_000, 30_000)).toBe('online');
    expect(statusAfter(45_001, 30_000)).toBe('stale');
    expect(statusAfter(90_000, 30_000)).toBe('stale');
    expect(statusAfter(90_001, 30_000)).toBe('offline');
  });
});
