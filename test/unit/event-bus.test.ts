import { describe, expect, it } from 'vitest';
import { EventBus, SlowSubscriberError } from '../../server/events/bus.ts';

interface TestEvents {
  tick: number;
}

describe('EventBus', () => {
  it('delivers to every subscriber in order, and stops after unsubscribe', () => {
    const bus = new EventBus<TestEvents>();
    const seen: string[] = [];
    const off = bus.subscribe('tick', (n) => seen.push(`a${n}`));
    bus.subscribe('tick', (n) => seen.push(`b${n}`));
    bus.publish('tick', 1);
    off();
    bus.publish('tick', 2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('keeps delivering to others when one handler throws, and reports the error', () => {
    const errors: unknown[] = [];
    const bus = new EventBus<TestEvents>((error) => errors.push(error));
    const seen: number[] = [];
    bus.subscribe('tick', () => {
      throw new Error('boom');
    });
    bus.subscribe('tick', (n) => seen.push(n));
    bus.publish('tick', 7);
    expect(seen).toEqual([7]);
    expect(errors).toHaveLength(1);
  });

  it('iterates events published after the call, in order', async () => {
    const bus = new EventBus<TestEvents>();
    const events = bus.iterate('tick');
    bus.publish('tick', 1);
    bus.publish('tick', 2);
    expect((await events.next()).value).toBe(1);
    expect((await events.next()).value).toBe(2);
    const pending = events.next();
    bus.publish('tick', 3);
    expect((await pending).value).toBe(3);
    await events.return?.();
    expect(bus.subscriberCount('tick')).toBe(0);
  });

  it('ends an iterator when its signal aborts, unsubscribing it', async () => {
    const bus = new EventBus<TestEvents>();
    const controller = new AbortController();
    const events = bus.iterate('tick', { signal: controller.signal });
    const pending = events.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.subscriberCount('tick')).toBe(0);
  });

  it('ends a subscriber that falls too far behind with an error, after what it queued', async () => {
    const bus = new EventBus<TestEvents>();
    const events = bus.iterate('tick', { maxQueued: 2 });
    bus.publish('tick', 1);
    bus.publish('tick', 2);
    bus.publish('tick', 3);
    expect((await events.next()).value).toBe(1);
    expect((await events.next()).value).toBe(2);
    await expect(events.next()).rejects.toBeInstanceOf(SlowSubscriberError);
    expect(bus.subscriberCount('tick')).toBe(0);
  });
});
