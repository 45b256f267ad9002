import type { ResourceStatus, ResourceType } from '../../graphql/generated/graphql.ts';

/** The colour family a status is drawn in. */
export type Tone = 'ok' | 'warn' | 'bad' | 'off';

export const statusTone: Record<ResourceStatus, Tone> = {
  RUNNING: 'ok',
  ONLINE: 'ok',
  PAUSED: 'warn',
  DEGRADED: 'warn',
  OFFLINE: 'bad',
  STOPPED: 'off',
  UNKNOWN: 'off',
};

export const statusLabel: Record<ResourceStatus, string> = {
  RUNNING: 'Running',
  ONLINE: 'Online',
  PAUSED: 'Paused',
  DEGRADED: 'Degraded',
  OFFLINE: 'Offline',
  STOPPED: 'Stopped',
  UNKNOWN: 'Unknown',
};

interface TypeMeta {
  /** Short badge text. */
  label: string;
  /** Filter chip text. */
  plural: string;
  /** Plural inside a sentence ("8 VMs", "3 nodes"). */
  noun: string;
  /** Order of types in filters and when sorting by type: infrastructure first. */
  rank: number;
}

export const typeMeta: Record<ResourceType, TypeMeta> = {
  NODE: { label: 'Node', plural: 'Nodes', noun: 'nodes', rank: 0 },
  VM: { label: 'VM', plural: 'VMs', noun: 'VMs', rank: 1 },
  CONTAINER: { label: 'LXC', plural: 'Containers', noun: 'containers', rank: 2 },
  STORAGE: { label: 'Storage', plural: 'Storage', noun: 'storage pools', rank: 3 },
  CEPH: { label: 'Ceph', plural: 'Ceph', noun: 'Ceph clusters', rank: 4 },
  PHYSICAL_DISK: { label: 'Disk', plural: 'Disks', noun: 'physical disks', rank: 5 },
  PBS: { label: 'PBS', plural: 'Backup servers', noun: 'backup servers', rank: 6 },
  PBS_DATASTORE: { label: 'Datastore', plural: 'Datastores', noun: 'datastores', rank: 7 },
  PMG: { label: 'PMG', plural: 'Mail gateways', noun: 'mail gateways', rank: 8 },
  HOST: { label: 'Host', plural: 'Hosts', noun: 'hosts', rank: 9 },
  DOCKER_HOST: { label: 'Docker', plural: 'Docker hosts', noun: 'Docker hosts', rank: 10 },
  DOCKER_CONTAINER: {
    label: 'Docker ctr',
    plural: 'Docker containers',
    noun: 'Docker containers',
    rank: 11,
  },
  K8S_CLUSTER: { label: 'K8s cluster', plural: 'K8s clusters', noun: 'clusters', rank: 12 },
  K8S_NODE: { label: 'K8s node', plural: 'K8s nodes', noun: 'Kubernetes nodes', rank: 13 },
  K8S_DEPLOYMENT: { label: 'Deployment', plural: 'Deployments', noun: 'deployments', rank: 14 },
  K8S_POD: { label: 'Pod', plural: 'Pods', noun: 'pods', rank: 15 },
};

/** A stable hue per tag, so the same tag has the same colour everywhere. */
export function tagHue(tag: string): number {
  let hash = 0;
  for (const char of tag) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}
