import type { ResourceType } from '../../graphql/generated/graphql.ts';
import type { Resource } from '../../stores/resources.svelte.ts';
import { typeMeta } from './meta.ts';

export type SortKey = 'name' | 'type' | 'status' | 'cpu' | 'memory' | 'disk' | 'uptime';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface ViewOptions {
  search: string;
  type: ResourceType | 'ALL';
  sort: Sort;
  grouped: boolean;
}

/** A table row: grouped views nest children one level under their parent. */
export interface Row {
  resource: Resource;
  depth: 0 | 1;
  /** A parent shown only to head its matching children; it did not match itself. */
  context: boolean;
}

const sortValue: Record<SortKey, (r: Resource) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  type: (r) => typeMeta[r.type].rank,
  status: (r) => r.status,
  cpu: (r) => r.cpu ?? -1,
  memory: (r) => r.memory?.fraction ?? -1,
  disk: (r) => r.disk?.fraction ?? -1,
  uptime: (r) => r.uptimeSeconds ?? -1,
};

function compare(sort: Sort) {
  const value = sortValue[sort.key];
  return (a: Resource, b: Resource) => {
    const x = value(a);
    const y = value(b);
    const order = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
    return sort.descending ? -order : order;
  };
}

function matches(resource: Resource, search: string): boolean {
  if (!search) return true;
  const guestId = 'vmid' in resource ? String(resource.vmid) : '';
  return [resource.name, resource.id, guestId, ...resource.tags].some((field) =>
    field.toLowerCase().includes(search),
  );
}

/**
 * Filters, sorts and (optionally) groups children under their parent. A parent that does not
 * match the filters still heads its group when a child does, so context is never lost.
 */
export function buildRows(list: readonly Resource[], options: ViewOptions): Row[] {
  const search = options.search.trim().toLowerCase();
  const visible = list.filter(
    (r) => (options.type === 'ALL' || r.type === options.type) && matches(r, search),
  );
  const byCompare = compare(options.sort);
  if (!options.grouped) {
    return visible.sort(byCompare).map((resource) => ({ resource, depth: 0, context: false }));
  }

  const byId = new Map(list.map((r) => [r.id, r]));
  const shown = new Set(visible);
  const children = new Map<string, Resource[]>();
  const roots = new Set<Resource>();
  for (const resource of visible) {
    const parent = resource.parentId ? byId.get(resource.parentId) : undefined;
    if (!parent) {
      roots.add(resource);
      continue;
    }
    roots.add(parent);
    const siblings = children.get(parent.id) ?? [];
    siblings.push(resource);
    children.set(parent.id, siblings);
  }
  const rows: Row[] = [];
  for (const root of [...roots].sort(byCompare)) {
    rows.push({ resource: root, depth: 0, context: !shown.has(root) });
    // Within a node, guests come before its storage whatever the sort, so groups read alike.
    const kids = (children.get(root.id) ?? []).sort(
      (a, b) => typeMeta[a.type].rank - typeMeta[b.type].rank || byCompare(a, b),
    );
    for (const child of kids) rows.push({ resource: child, depth: 1, context: false });
  }
  return rows;
}
