import { nodeOf, type Resource, type ResourceStatus, type ResourceType } from './model.ts';

export interface ResourceFilter {
  types?: readonly ResourceType[] | null;
  statuses?: readonly ResourceStatus[] | null;
  source?: string | null;
  parentId?: string | null;
  tag?: string | null;
  /** A PVE node's name: the node itself and what runs or is stored on it. */
  node?: string | null;
  /** Case-insensitive match on name, id and tags. */
  search?: string | null;
}

export function matchesFilter(resource: Resource, filter: ResourceFilter): boolean {
  if (filter.types?.length && !filter.types.includes(resource.type)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(resource.status)) return false;
  if (filter.source && resource.source !== filter.source) return false;
  if (filter.parentId && resource.parentId !== filter.parentId) return false;
  if (filter.tag && !resource.tags.includes(filter.tag)) return false;
  if (filter.node && nodeOf(resource) !== filter.node) return false;
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const haystack = [resource.name, resource.id, ...resource.tags].join(' ').toLowerCase();
    if (!haystack.includes(search)) return false;
  }
  return true;
}

/** Resources matching the filter, ordered by type then name so lists are stable. */
export function filterResources(resources: Iterable<Resource>, filter: ResourceFilter): Resource[] {
  const matched = [...resources].filter((resource) => matchesFilter(resource, filter));
  return matched.sort(
    (a, b) =>
      a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
