import { describe, expect, it } from 'vitest';
import { changedPaths, diffSnapshots, isEmptyDiff } from '../../server/resources/diff.ts';
import type { Resource } from '../../server/resources/model.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const byId = (resources: Resource[]) => new Map(resources.map((r) => [r.id, r]));

describe('diffSnapshots', () => {
  it('reports every resource of a first snapshot as added', () => {
    const diff = diffSnapshots(new Map(), [makeNode('pve1'), makeVm(100)]);
    expect(diff.added.map((r) => r.id)).toEqual(['pve-a/node/pve1', 'pve-a/qemu/100']);
    expect(diff.updated).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('reports nothing when the snapshot is unchanged', () => {
    const before = [makeNode('pve1'), makeVm(100)];
    const diff = diffSnapshots(byId(before), [makeNode('pve1'), makeVm(100)]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('ignores a change of lastSeenAt alone', () => {
    const diff = diffSnapshots(byId([makeVm(100)]), [makeVm(100, { lastSeenAt: 99_999 })]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('lists the changed top-level and nested fields of an updated resource', () => {
    const after = makeVm(100, {
      status: 'stopped',
      memory: { usedBytes: 0, totalBytes: 4 * 1024 ** 3 },
      lastSeenAt: 5_000,
    });
    const diff = diffSnapshots(byId([makeVm(100)]), [after]);
    expect(diff.updated).toHaveLength(1);
    expect(diff.updated[0]?.resource).toBe(after);
    expect(diff.updated[0]?.changedFields).toEqual(['memory.usedBytes', 'status']);
  });

  it('reports details changes with their path, and arrays as a whole', () => {
    const before = makeNode('pve1');
    const after = makeNode('pve1', {
      details: { ...before.details, loadAverage: [0.5, 0.4, 0.9] },
      tags: ['prod'],
    });
    const diff = diffSnapshots(byId([before]), [after]);
    expect(diff.updated[0]?.changedFields).toEqual(['details.loadAverage', 'tags']);
  });

  it('reports a field that goes from a value to null and back', () => {
    const withNetwork = makeVm(100, {
      network: { inBytesPerSecond: 1, outBytesPerSecond: 2 },
    });
    const withoutNetwork = makeVm(100, { network: null });
    expect(diffSnapshots(byId([withNetwork]), [withoutNetwork]).updated[0]?.changedFields).toEqual([
      'network',
    ]);
    expect(diffSnapshots(byId([withoutNetwork]), [withNetwork]).updated[0]?.changedFields).toEqual([
      'network',
    ]);
  });

  it('reports resources missing from the new snapshot as removed', () => {
    const diff = diffSnapshots(byId([makeNode('pve1'), makeVm(100), makeVm(101)]), [
      makeNode('pve1'),
    ]);
    expect(diff.removed).toEqual(['pve-a/qemu/100', 'pve-a/qemu/101']);
    expect(diff.added).toEqual([]);
  });

  it('handles adds, updates and removals in one diff', () => {
    const diff = diffSnapshots(byId([makeVm(100), makeVm(101)]), [
      makeVm(101, { cpu: 0.9 }),
      makeVm(102),
    ]);
    expect(diff.added.map((r) => r.id)).toEqual(['pve-a/qemu/102']);
    expect(diff.updated.map((u) => [u.resource.id, u.changedFields])).toEqual([
      ['pve-a/qemu/101', ['cpu']],
    ]);
    expect(diff.removed).toEqual(['pve-a/qemu/100']);
  });

  it('reports a guest migrated to another node by its parent and node fields', () => {
    const before = makeVm(100);
    const after = makeVm(100, {
      parentId: 'pve-a/node/pve2',
      details: { ...before.details, node: 'pve2' },
    });
    const diff = diffSnapshots(byId([before]), [after]);
    expect(diff.updated[0]?.changedFields).toEqual(['details.node', 'parentId']);
  });
});

describe('changedPaths', () => {
  it('treats NaN as equal to NaN so a missing reading does not flap', () => {
    expect(changedPaths({ cpu: Number.NaN }, { cpu: Number.NaN })).toEqual([]);
  });

  it('reports keys that appear or disappear', () => {
    expect(changedPaths({ a: 1 }, { a: 1, b: 2 })).toEqual(['b']);
    expect(changedPaths({ a: 1, b: 2 }, { a: 1 })).toEqual(['b']);
  });

  it('compares arrays of objects by value', () => {
    expect(changedPaths({ x: [{ a: 1 }] }, { x: [{ a: 1 }] })).toEqual([]);
    expect(changedPaths({ x: [{ a: 1 }] }, { x: [{ a: 2 }] })).toEqual(['x']);
    expect(changedPaths({ x: [1, 2] }, { x: [2, 1] })).toEqual(['x']);
  });
});
