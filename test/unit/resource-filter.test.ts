import { describe, expect, it } from 'vitest';
import { filterResources } from '../../server/resources/queries.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const estate = [
  makeVm(101, { name: 'db', status: 'stopped', tags: ['prod'] }),
  makeNode('pve1'),
  makeVm(100, { name: 'web', tags: ['prod', 'web'] }),
  makeVm(300, { name: 'other', tags: [] }, 'pve-b'),
];

const ids = (filter: Parameters<typeof filterResources>[1]) =>
  filterResources(estate, filter).map((r) => r.id);

describe('filterResources', () => {
  it('orders by type, then name', () => {
    expect(ids({})).toEqual([
      'pve-a/node/pve1',
      'pve-a/qemu/101',
      'pve-b/qemu/300',
      'pve-a/qemu/100',
    ]);
  });

  it('filters by type, status, source, tag and parent', () => {
    expect(ids({ types: ['node'] })).toEqual(['pve-a/node/pve1']);
    expect(ids({ statuses: ['stopped'] })).toEqual(['pve-a/qemu/101']);
    expect(ids({ source: 'pve-b' })).toEqual(['pve-b/qemu/300']);
    expect(ids({ tag: 'web' })).toEqual(['pve-a/qemu/100']);
    expect(ids({ parentId: 'pve-a/node/pve1', source: 'pve-a' })).toEqual([
      'pve-a/qemu/101',
      'pve-a/qemu/100',
    ]);
  });

  it('searches name, id and tags case-insensitively', () => {
    expect(ids({ search: 'WEB' })).toEqual(['pve-a/qemu/100']);
    expect(ids({ search: 'qemu/300' })).toEqual(['pve-b/qemu/300']);
    expect(ids({ search: 'prod', types: ['vm'] })).toEqual(['pve-a/qemu/101', 'pve-a/qemu/100']);
  });
});

describe('filterResources by node', () => {
  it('returns the node and what runs on it', () => {
    const onOtherNode = makeVm(200, { details: { ...makeVm(200).details, node: 'pve2' } });
    const ids = filterResources([...estate, onOtherNode], { node: 'pve1' }).map((r) => r.id);
    expect(ids).toEqual(['pve-a/node/pve1', 'pve-a/qemu/101', 'pve-b/qemu/300', 'pve-a/qemu/100']);
  });
});
