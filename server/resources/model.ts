/**
 * The unified resource model: every monitored thing, whatever its source, is a Resource with
 * common fields plus a typed `details` object for its type. Units are in the names.
 */

export const resourceTypes = [
  'node',
  'vm',
  'container',
  'storage',
  'pbs',
  'pbsDatastore',
  'pmg',
  'dockerHost',
  'dockerContainer',
  'k8sCluster',
  'k8sNode',
  'k8sPod',
  'k8sDeployment',
  'host',
  'physicalDisk',
  'ceph',
] as const;
export type ResourceType = (typeof resourceTypes)[number];

export const resourceStatuses = [
  'online',
  'offline',
  'running',
  'stopped',
  'paused',
  'degraded',
  'unknown',
] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

export interface Usage {
  usedBytes: number;
  totalBytes: number;
}

export interface NetworkRate {
  inBytesPerSecond: number;
  outBytesPerSecond: number;
}

export interface DiskIoRate {
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
}

export interface NodeDetails {
  cluster: string | null;
  cpuCount: number | null;
  cpuModel: string | null;
  loadAverage: number[];
  kernelVersion: string | null;
  pveVersion: string | null;
  swap: Usage | null;
}

export interface GuestDetails {
  vmid: number;
  node: string;
  cpuCount: number | null;
  template: boolean;
  lock: string | null;
  osName: string | null;
  osVersion: string | null;
  /** HA manager state (started, stopped, fence, …) when the guest is HA-managed. */
  haState: string | null;
  /** Balloon target for VMs with a balloon device. */
  balloonBytes: number | null;
  /** QEMU guest agent: null for containers. */
  agent: 'running' | 'not-running' | 'not-configured' | null;
  /** Where `disk` comes from: the guest agent sees inside a VM, the host does not. */
  diskSource: 'agent' | 'host' | null;
  ipAddresses: string[];
  pool: string | null;
  lastBackupAt: number | null;
}

export interface StorageDetails {
  node: string | null;
  storageType: string;
  content: string[];
  shared: boolean;
  enabled: boolean;
  active: boolean;
}

export interface PbsDetails {
  version: string | null;
  datastoreCount: number;
}

export interface PbsDatastoreDetails {
  /** index-data-bytes / disk-bytes from the last garbage collection; null before the first. */
  deduplicationFactor: number | null;
  groupCount: number | null;
  snapshotCount: number | null;
  estimatedFullAt: number | null;
  gcLastRunAt: number | null;
  gcLastRunState: string | null;
  error: string | null;
}

export interface MailCounts {
  total: number;
  incoming: number;
  outgoing: number;
  spamIncoming: number;
  spamOutgoing: number;
  virusIncoming: number;
  virusOutgoing: number;
  bouncesIncoming: number;
  bouncesOutgoing: number;
  bytesIncoming: number;
  bytesOutgoing: number;
}

export interface MailQueues {
  active: number;
  deferred: number;
  hold: number;
  incoming: number;
}

export interface Quarantine {
  spamCount: number;
  spamMegabytes: number;
  virusCount: number;
  virusMegabytes: number;
}

export interface PmgDetails {
  version: string | null;
  /** The last 24 hours. */
  mail: MailCounts | null;
  queues: MailQueues | null;
  quarantine: Quarantine | null;
}

export interface PhysicalDiskDetails {
  node: string;
  devPath: string;
  model: string | null;
  serial: string | null;
  diskType: string | null;
  sizeBytes: number | null;
  /** SMART overall health: PASSED, OK, FAILED, UNKNOWN. */
  health: string | null;
  /** Life remaining for flash, 100 = new. */
  wearoutPercent: number | null;
  usedBy: string | null;
}

export interface CephDetails {
  health: string;
  healthMessages: string[];
  monitorCount: number | null;
  osdCount: number | null;
  osdsUp: number | null;
  osdsIn: number | null;
  placementGroupCount: number | null;
}

export interface DockerHostDetails {
  runtime: string;
  runtimeVersion: string | null;
  containerCount: number;
}

export interface DockerContainerDetails {
  image: string;
  state: string;
  health: string | null;
  restartCount: number;
}

export interface K8sClusterDetails {
  version: string | null;
}

export interface K8sNodeDetails {
  ready: boolean;
  kubeletVersion: string | null;
}

export interface K8sPodDetails {
  namespace: string;
  phase: string;
  restarts: number;
}

export interface K8sDeploymentDetails {
  namespace: string;
  desiredReplicas: number;
  readyReplicas: number;
}

export interface HostDetails {
  hostname: string;
  platform: string | null;
  osName: string | null;
  kernelVersion: string | null;
  agentVersion: string | null;
}

export interface DetailsByType {
  node: NodeDetails;
  vm: GuestDetails;
  container: GuestDetails;
  storage: StorageDetails;
  pbs: PbsDetails;
  pbsDatastore: PbsDatastoreDetails;
  pmg: PmgDetails;
  dockerHost: DockerHostDetails;
  dockerContainer: DockerContainerDetails;
  k8sCluster: K8sClusterDetails;
  k8sNode: K8sNodeDetails;
  k8sPod: K8sPodDetails;
  k8sDeployment: K8sDeploymentDetails;
  host: HostDetails;
  physicalDisk: PhysicalDiskDetails;
  ceph: CephDetails;
}

export interface ResourceBase {
  /** Stable and source-qualified: `<source>/<local id>`. */
  id: string;
  parentId: string | null;
  name: string;
  status: ResourceStatus;
  /** The id of the source that reported it (a PVE cluster, a PBS, an agent). */
  source: string;
  /** CPU use as a fraction of the available CPUs, 0..1. */
  cpu: number | null;
  memory: Usage | null;
  disk: Usage | null;
  network: NetworkRate | null;
  diskIo: DiskIoRate | null;
  uptimeSeconds: number | null;
  tags: string[];
  /** When the source last saw it, in epoch milliseconds. */
  lastSeenAt: number;
}

export type ResourceOf<T extends ResourceType> = ResourceBase & {
  type: T;
  details: DetailsByType[T];
};

/** A discriminated union over `type`, so `details` narrows with it. */
export type Resource = { [T in ResourceType]: ResourceOf<T> }[ResourceType];

export function isResourceType(value: string): value is ResourceType {
  return (resourceTypes as readonly string[]).includes(value);
}
