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
export type HostResource = ResourceOf<'Host'>;
export type DockerHostResource = ResourceOf<'DockerHost'>;
export type DockerContainerResource = ResourceOf<'DockerContainer'>;
export type K8sClusterResource = ResourceOf<'KubernetesCluster'>;
export type K8sNodeResource = ResourceOf<'KubernetesNode'>;
export type K8sPodResource = ResourceOf<'KubernetesPod'>;
export type K8sDeploymentResource = ResourceOf<'KubernetesDeployment'>;

export const isNode = (r: Resource): r is NodeResource => r.__typename === 'Node';
export const isGuest = (r: Resource): r is GuestResource =>
  r.__typename === 'VirtualMachine' || r.__typename === 'Container';
export const isStorage = (r: Resource): r is StorageResource => r.__typename === 'Storage';
export const isDisk = (r: Resource): r is DiskResource => r.__typename === 'PhysicalDisk';
export const isCeph = (r: Resource): r is CephResource => r.__typename === 'CephCluster';
export const isPbs = (r: Resource): r is PbsResource => r.__typename === 'PbsInstance';
export const isDatastore = (r: Resource): r is DatastoreResource => r.__typename === 'PbsDatastore';
export const isPmg = (r: Resource): r is PmgResource => r.__typename === 'PmgInstance';
export const isHost = (r: Resource): r is HostResource => r.__typename === 'Host';
export const isDockerHost = (r: Resource): r is DockerHostResource => r.__typename === 'DockerHost';
export const isDockerContainer = (r: Resource): r is DockerContainerResource =>
  r.__typename === 'DockerContainer';
export const isK8sCluster = (r: Resource): r is K8sClusterResource =>
  r.__typename === 'KubernetesCluster';
export const isK8sNode = (r: Resource): r is K8sNodeResource => r.__typename === 'KubernetesNode';
export const isK8sPod = (r: Resource): r is K8sPodResource => r.__typename === 'KubernetesPod';
export const isK8sDeployment = (r: Resource): r is K8sDeploymentResource =>
  r.__typename === 'KubernetesDeployment';

/** Cores of a node, host or Docker host, or vCPUs of a guest, when known. */
export function cores(r: Resource): number | null {
  if (isNode(r)) return r.cpuCount;
  if (isGuest(r)) return r.vcpus;
  if (isHost(r) || isDockerHost(r)) return r.cpuCores;
  return null;
}

/** The page that shows a resource type's detail; storage, disks and the like have none. */
const detailArea: Partial<Record<Resource['type'], string>> = {
  NODE: 'nodes',
  VM: 'guests',
  CONTAINER: 'guests',
  HOST: 'hosts',
  DOCKER_HOST: 'docker',
  DOCKER_CONTAINER: 'docker',
  K8S_CLUSTER: 'kubernetes',
  K8S_NODE: 'kubernetes',
  K8S_POD: 'kubernetes',
  K8S_DEPLOYMENT: 'kubernetes',
};

/**
 * Resource ids contain slashes (`<source>/qemu/101`), so they travel as one encoded path
 * segment.
 */
export function detailHref(r: Pick<Resource, 'id' | 'type'>): string | null {
  const area = detailArea[r.type];
  return area ? `/${area}/${encodeURIComponent(r.id)}` : null;
}

/**
 * Where an alert's or finding's subject is shown, from the server's lower-case resource type:
 * nodes, guests and agent-reported resources have pages, storage and datastores only their list.
 */
export function subjectHref(subject: { resourceId: string; resourceType: string }): string | null {
  const id = encodeURIComponent(subject.resourceId);
  switch (subject.resourceType) {
    case 'node':
      return `/nodes/${id}`;
    case 'vm':
    case 'container':
      return `/guests/${id}`;
    case 'host':
      return `/hosts/${id}`;
    case 'dockerHost':
    case 'dockerContainer':
      return `/docker/${id}`;
    case 'k8sCluster':
    case 'k8sNode':
    case 'k8sPod':
    case 'k8sDeployment':
      return `/kubernetes/${id}`;
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
