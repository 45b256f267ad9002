import { describe, expect, it } from 'vitest';
import { EventBus } from '../../server/events/bus.ts';
import { type ResourceChange, ResourceStore, SnapshotError } from '../../server/resources/store.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

function storeWithEvents() {
  const bus = new EventBus();
  const store = new ResourceStore(bus);
  const events: ResourceChange[] = [];
  bus.subscribe('resources.changed', (change) => events.push(change));
  return { store, events };
}

describe('ResourceStore', () => {
  it('publishes exactly one event per apply that changes something', () => {
    const { store, events } = storeWithEvents();
    store.apply('pve-a', [makeNode('pve1'), makeVm(100)]);
    store.apply('pve-a', [makeNode('pve1'), makeVm(100, { cpu: 0.5 })]);
    expect(events).toHaveLength(2);
    expect(events[0]?.added).toHaveLength(2);
    expect(events[1]?.updated.map((u) => u.changedFields)).toEqual([['cpu']]);
  });

  it('publishes nothing and keeps its version when a snapshot is unchanged', () => {
    const { store, events } = storeWithEvents();
    store.apply('pve-a', [makeVm(100)]);
    const change = store.apply('pve-a', [makeVm(100, { lastSeenAt: 2_000 })]);
    expect(change).toBeNull();
    expect(events).toHaveLength(1);
    expect(store.version).toBe(1);
    // The fresher lastSeenAt is still stored.
    expect(store.get('pve-a/qemu/100')?.lastSeenAt).toBe(2_000);
  });

  it('numbers changes consecutively across sources', () => {
    const { store, events } = storeWithEvents();
    store.apply('pve-a', [makeVm(100)]);
    store.apply('pve-b', [makeVm(100, {}, 'pve-b')]);
    expect(events.map((e) => [e.source, e.version])).toEqual([
      ['pve-a', 1],
      ['pve-b', 2],
    ]);
  });

  it('keeps each source separate: one source applying does not remove another', () => {
    const { store } = storeWithEvents();
    store.apply('pve-a', [makeVm(100)]);
    store.apply('pve-b', [makeVm(200, {}, 'pve-b')]);
    store.apply('pve-a', []);
    expect(store.all().map((r) => r.id)).toEqual(['pve-b/qemu/200']);
    expect(store.sources()).toEqual(['pve-b']);
  });

  it('removes a source with its resources and publishes the removals', () => {
    const { store, events } = storeWithEvents();
    store.apply('pve-a', [makeNode('pve1'), makeVm(100)]);
    store.removeSource('pve-a');
    expect(store.all()).toEqual([]);
    expect(events.at(-1)?.removed.sort()).toEqual(['pve-a/node/pve1', 'pve-a/qemu/100']);
  });

  it('rejects a snapshot with a resource claiming another source, changing nothing', () => {
    const { store, events } = storeWithEvents();
    expect(() => store.apply('pve-a', [makeVm(100, {}, 'pve-b')])).toThrow(SnapshotError);
    expect(store.all()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('rejects duplicate ids within a snapshot', () => {
    const { store } = storeWithEvents();
    expect(() => store.apply('pve-a', [makeVm(100), makeVm(100)])).toThrow(/duplicate/);
  });

  it('rejects an id that already belongs to another source', () => {
    const { store } = storeWithEvents();
    store.apply('pve-a', [makeVm(100)]);
    const stolen = { ...makeVm(100, {}, 'pve-b'), id: 'pve-a/qemu/100' };
    expect(() => store.apply('pve-b', [stolen])).toThrow(/already belongs/);
    expect(store.get('pve-a/qemu/100')?.source).toBe('pve-a');
  });
});
