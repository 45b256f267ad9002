import type { Resource } from '../../../stores/resources.svelte.ts';
import { isGuest, isNode } from '../../resources/kinds.ts';
import { typeMeta } from '../../resources/meta.ts';
import type { Metric } from './config.ts';

/**
 * The key an override is stored under, built like the server's `resourceKeyOf`: a guest is its
 * node's cluster (or, outside a cluster, its source) and VMID, so the override follows it
 * through a migration; anything else is its id.
 */
export function resourceKey(resource: Resource, all: readonly Resource[]): string {
  if (!isGuest(resource)) return resource.id;
  const parent = all.find((r) => r.id === resource.parentId);
  const cluster = parent && isNode(parent) ? parent.cluster : null;
  return `guest:${cluster ?? resource.source}:${resource.vmid}`;
}

/** What an override can tune for this kind of resource. */
export function metricsOf(resource: Resource | undefined): Metric[] {
  if (!resource) return ['cpu', 'memory', 'disk', 'usage'];
  if (resource.type === 'STORAGE' || resource.type === 'PBS_DATASTORE') return ['usage'];
  return ['cpu', 'memory', 'disk'];
}

export interface KeyedResource {
  key: string;
  resource: Resource;
  label: string;
}

/** Every live resource with its key, named for the picker: "web-01 (VM 100)". */
export function keyedResources(all: readonly Resource[]): KeyedResource[] {
  return all
    .filter((r) => !('template' in r && r.template))
    .map((resource) => ({
      key: resourceKey(resource, all),
      resource,
      label: `${resource.name} (${typeMeta[resource.type].label}${'vmid' in resource ? ` ${resource.vmid}` : ''})`,
    }))
    .sort(
      (a, b) =>
        typeMeta[a.resource.type].rank - typeMeta[b.resource.type].rank ||
        a.label.localeCompare(b.label, undefined, { numeric: true }),
    );
}
