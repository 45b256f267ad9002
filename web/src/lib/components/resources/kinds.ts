import type { Resource } from '../../stores/resources.svelte.ts';

/** One member of the resource union, picked by its GraphQL type name. */
export type ResourceOf<T extends Resource['__typename']> = Extract<Resource, { __typename: T }>;

export type NodeResource = ResourceOf<'Node'>;
export type GuestResource = ResourceOf<'VirtualMachine' | 'Container'>;
export type StorageResource = ResourceOf<'Storage'>;
export type DiskResource = ResourceOf<'PhysicalDisk'>;
export type CephResource = ResourceOf<'CephCluster'>;
export type PbsResource = ResourceOf<'PbsInstance'>;
export type DatastoreResource = ResourceOf<'PbsDatastore'>;
export type PmgResource = ResourceOf<'PmgInstance'>;

export const isNode = (r: Resource): r is NodeResource => r.__typename === 'Node';
export const isGuest = (r: Resource): r is GuestResource =>
  r.__typename === 'VirtualMachine' || r.__typename === 'Container';
export const isStorage = (r: Resource): r is StorageResource => r.__typename === 'Storage';
export const isDisk = (r: Resource): r is DiskResource => r.__typename === 'PhysicalDisk';
export const isCeph = (r: Resource): r is CephResource => r.__typename === 'CephCluster';
export const isPbs = (r: Resource): r is PbsResource => r.__typename === 'PbsInstance';
export const isDatastore = (r: Resource): r is DatastoreResource => r.__typename === 'PbsDatastore';
export const isPmg = (r: Resource): r is PmgResource => r.__typename === 'PmgInstance';

/** Cores of a node or vCPUs of a guest, when known. */
export function cores(r: Resource): number | null {
  if (isNode(r)) return r.cpuCount;
  if (isGuest(r)) return r.vcpus;
  return null;
}

/**
 * Resource ids contain slashes (`<source>/qemu/101`), so they travel as one encoded path
 * segment. Only nodes and guests have a detail page.
 */
export function detailHref(r: Pick<Resource, 'id' | 'type'>): string | null {
  if (r.type === 'NODE') return `/nodes/${encodeURIComponent(r.id)}`;
  if (r.type === 'VM' || r.type === 'CONTAINER') return `/guests/${encodeURIComponent(r.id)}`;
  return null;
}

/**
 * Where an alert's or finding's subject is shown, from the server's lower-case resource type:
 * nodes and guests have pages, storage and datastores only their list.
 */
export function subjectHref(subject: { resourceId: string; resourceType: string }): string | null {
  const id = encodeURIComponent(subject.resourceId);
  switch (subject.resourceType) {
    case 'node':
      return `/nodes/${id}`;
    case 'vm':
    case 'container':
      return `/guests/${id}`;
    case 'storage':
    case 'pbsDatastore':
      return '/storage';
    default:
      return null;
  }
}

/** Natural name order, so pve2 sorts before pve10. */
export const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true });
