import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../server/events/bus.ts';
import { createLogger } from '../../server/log/logger.ts';
import type { Resource } from '../../server/resources/model.ts';
import { RecordStore } from '../../server/resources/records.ts';
import { ResourceStore } from '../../server/resources/store.ts';
import { Scheduler } from '../../server/sources/scheduler.ts';
import type { Source, SourceSnapshot } from '../../server/sources/source.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

/** A source whose every poll is a promise the test settles. */
class ScriptedSource implements Source {
  readonly name: string;
  readonly kind = 'pve' as const;
  readonly intervalMs: number;
  readonly polls: { resolve(r: Resource[]): void; reject(e: Error): void }[] = [];

  readonly id: string;

  constructor(id: string, intervalMs = 10_000) {
    this.id = id;
    this.name = id;
    this.intervalMs = intervalMs;
  }

  async poll(): Promise<SourceSnapshot> {
    const resources = await new Promise<Resource[]>((resolve, reject) =>
      this.polls.push({ resolve, reject }),
    );
    return { resources, records: null };
  }

  get pending() {
    const poll = this.polls.at(-1);
    if (!poll) throw new Error('no poll in flight');
    return poll;
  }
}

const log = createLogger('silent');
let store: ResourceStore;
let records: RecordStore;

beforeEach(() => {
  vi.useFakeTimers();
  const bus = new EventBus();
  store = new ResourceStore(bus);
  records = new RecordStore(bus);
});
afterEach(() => {
  vi.useRealTimers();
});

const snapshot = (source: string) => [makeNode('pve1', {}, source), makeVm(100, {}, source)];

describe('Scheduler', () => {
  it('polls at once, applies the snapshot, and polls again after the interval', async () => {
    const scheduler = new Scheduler(store, records, log);
    const source = new ScriptedSource('pve-a');
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    expect(source.polls).toHaveLength(1);
    source.pending.resolve(snapshot('pve-a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.all()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(source.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.polls).toHaveLength(2);
    await scheduler.stop();
  });

  it('never overlaps polls of one source', async () => {
    const scheduler = new Scheduler(store, records, log);
    const source = new ScriptedSource('pve-a', 1_000);
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(source.polls).toHaveLength(1);
    source.pending.resolve([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(source.polls).toHaveLength(2);
    source.pending.resolve([]);
    await scheduler.stop();
  });

  it('backs off exponentially while a source fails', async () => {
    const scheduler = new Scheduler(store, records, log, { failuresBeforeOpen: 100 });
    const source = new ScriptedSource('pve-a', 10_000);
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      source.pending.reject(new Error('connect ECONNREFUSED'));
      await vi.advanceTimersByTimeAsync(0);
      const health = scheduler.health()[0];
      delays.push((health?.nextPollAt ?? 0) - Date.now());
      await vi.advanceTimersByTimeAsync(delays.at(-1) ?? 0);
    }
    // 10 s, 20 s, 40 s, 80 s, each within the ±10% jitter.
    for (const [i, expected] of [10_000, 20_000, 40_000, 80_000].entries()) {
      expect(delays[i]).toBeGreaterThanOrEqual(expected * 0.9);
      expect(delays[i]).toBeLessThanOrEqual(expected * 1.1);
    }
    expect(scheduler.health()[0]).toMatchObject({
      consecutiveFailures: 4,
      lastError: 'connect ECONNREFUSED',
    });
    await scheduler.stop();
  });

  it('marks resources unknown after missed polls instead of keeping them running, and recovers', async () => {
    const scheduler = new Scheduler(store, records, log, {
      failuresBeforeStale: 3,
      maxBackoffMs: 1_000,
    });
    const source = new ScriptedSource('pve-a', 1_000);
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    source.pending.resolve(snapshot('pve-a'));
    await vi.advanceTimersByTimeAsync(1_000);
    for (let i = 0; i < 3; i += 1) {
      expect(store.get('pve-a/qemu/100')?.status).toBe('running');
      source.pending.reject(new Error('timeout'));
      await vi.advanceTimersByTimeAsync(1_100);
    }
    expect(store.get('pve-a/qemu/100')).toMatchObject({ status: 'unknown', cpu: null });
    expect(scheduler.health()[0]?.stale).toBe(true);

    source.pending.resolve(snapshot('pve-a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get('pve-a/qemu/100')?.status).toBe('running');
    expect(scheduler.health()[0]).toMatchObject({ stale: false, consecutiveFailures: 0 });
    await scheduler.stop();
  });

  it('opens the breaker after repeated failures, probes later, and closes on success', async () => {
    const scheduler = new Scheduler(store, records, log, {
      failuresBeforeOpen: 2,
      probeAfterMs: 30_000,
      maxBackoffMs: 300_000,
    });
    const source = new ScriptedSource('pve-a', 1_000);
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    source.pending.reject(new Error('down'));
    await vi.advanceTimersByTimeAsync(1_100);
    source.pending.reject(new Error('down'));
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.health()[0]?.breaker).toBe('open');
    const polls = source.polls.length;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(source.polls).toHaveLength(polls);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(source.polls).toHaveLength(polls + 1);
    expect(scheduler.health()[0]?.breaker).toBe('half-open');
    source.pending.reject(new Error('still down'));
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.health()[0]).toMatchObject({ breaker: 'open', deadLetters: 1 });
    await vi.advanceTimersByTimeAsync(60_000);
    source.pending.resolve([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.health()[0]).toMatchObject({ breaker: 'closed', consecutiveFailures: 0 });
    await scheduler.stop();
  });

  it('runs at most maxConcurrentPolls polls at once', async () => {
    const scheduler = new Scheduler(store, records, log, { maxConcurrentPolls: 2 });
    const sources = ['a', 'b', 'c', 'd'].map((id) => new ScriptedSource(id));
    for (const source of sources) scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    expect(sources.map((s) => s.polls.length)).toEqual([1, 1, 0, 0]);
    sources[0]?.pending.resolve([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sources.map((s) => s.polls.length)).toEqual([1, 1, 1, 0]);
    for (const source of sources.slice(1)) source.polls.at(-1)?.resolve([]);
    await vi.advanceTimersByTimeAsync(0);
    sources[3]?.pending.resolve([]);
    await scheduler.stop();
  });

  it('removing a source drops its resources and stops polling it', async () => {
    const scheduler = new Scheduler(store, records, log);
    const source = new ScriptedSource('pve-a', 1_000);
    scheduler.add(source);
    await vi.advanceTimersByTimeAsync(0);
    source.pending.resolve(snapshot('pve-a'));
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.remove('pve-a');
    expect(store.all()).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(source.polls).toHaveLength(1);
  });
});
