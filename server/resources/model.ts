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

/** Who reports a resource that comes from pulse-agent, and how often. */
export interface AgentLink {
  agentId: string;
  agentVersion: string | null;
  /** Seconds between reports the agent promised. */
  intervalSeconds: number;
}

export interface DockerHostDetails extends AgentLink {
  hostname: string;
  runtime: string;
  runtimeVersion: string | null;
  os: string | null;
  architecture: string | null;
  cpuCount: number | null;
  containerCount: number;
  runningCount: number;
}

export interface ContainerPort {
  privatePort: number;
  publicPort: number | null;
  protocol: string;
  ip: string | null;
}

export interface DockerContainerDetails {
  /** The engine's container id (64 hex). */
  containerId: string;
  image: string;
  /** created, running, paused, restarting, removing, exited, dead. */
  state: string;
  /** The engine's sentence, e.g. "Up 3 hours (healthy)". */
  statusText: string | null;
  health: string | null;
  restartCount: number;
  exitCode: number | null;
  createdAt: number | null;
  ports: ContainerPort[];
  /** From the `com.docker.compose.project` label. */
  composeProject: string | null;
}

export interface K8sClusterDetails extends AgentLink {
  version: string | null;
  server: string | null;
  context: string | null;
  nodeCount: number;
  podCount: number;
  deploymentCount: number;
  namespaceCount: number;
}

export interface K8sNodeDetails {
  cluster: string;
  ready: boolean;
  unschedulable: boolean;
  roles: string[];
  kubeletVersion: string | null;
  containerRuntime: string | null;
  osImage: string | null;
  kernelVersion: string | null;
  architecture: string | null;
  /** Allocatable CPU in millicores and memory in bytes; pods the node may run. */
  allocatableCpuMillicores: number | null;
  allocatableMemoryBytes: number | null;
  podCapacity: number | null;
}

export interface K8sPodDetails {
  cluster: string;
  namespace: string;
  nodeName: string | null;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  reason: string | null;
  message: string | null;
  restarts: number;
  readyContainers: number | null;
  totalContainers: number | null;
  ownerKind: string | null;
  ownerName: string | null;
  createdAt: number | null;
}

export interface K8sDeploymentDetails {
  cluster: string;
  namespace: string;
  desiredReplicas: number;
  readyReplicas: number;
  updatedReplicas: number | null;
  availableReplicas: number | null;
}

export interface HostFilesystem {
  device: string;
  mountpoint: string;
  fsType: string | null;
  totalBytes: number;
  usedBytes: number;
}

export interface HostInterface {
  name: string;
  mac: string | null;
  addresses: string[];
  /** Rates from the last two reports; null after the first. */
  rxBytesPerSecond: number | null;
  txBytesPerSecond: number | null;
  speedMbps: number | null;
}

export interface HostTemperature {
  sensor: string;
  celsius: number;
}

export interface HostDetails extends AgentLink {
  hostname: string;
  platform: string | null;
  osName: string | null;
  osVersion: string | null;
  kernelVersion: string | null;
  architecture: string | null;
  cpuModel: string | null;
  cpuCount: number | null;
  loadAverage: number[];
  swap: Usage | null;
  filesystems: HostFilesystem[];
  interfaces: HostInterface[];
  temperatures: HostTemperature[];
  /** The address the agent says it is reached at. */
  reportIp: string | null;
  /** The PVE node this host is (linked in Settings → Agents): its temperatures are the node's. */
  linkedNodeId: string | null;
}

/** Sensors that read the CPU package (Intel, AMD, Raspberry Pi), best first. */
const cpuSensors = [/package id/i, /tctl/i, /tdie/i, /cpu_thermal/i, /coretemp/i, /k10temp/i];

/**
 * The CPU temperature among a host's sensors: the package sensor when there is one, else the
 * hottest reading (a drive or board sensor is still the best sign of a machine running hot).
 */
export function cpuTemperature(temperatures: readonly HostTemperature[]): number | null {
  for (const pattern of cpuSensors) {
    const match = temperatures.find((t) => pattern.test(t.sensor));
    if (match) return match.celsius;
  }
  return temperatures.length > 0 ? Math.max(...temperatures.map((t) => t.celsius)) : null;
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

/** The PVE node a resource is on (a node is its own); null for what has no node. */
export function nodeOf(resource: Resource): string | null {
  switch (resource.type) {
    case 'node':
      return resource.name;
    case 'vm':
    case 'container':
    case 'storage':
    case 'physicalDisk':
      return resource.details.node;
    default:
      return null;
  }
}

/** Percent used with one decimal, for people and models to read; null when unknown. */
export function usedPercent(usage: Usage | null): number | null {
  return usage && usage.totalBytes > 0
    ? Math.round((usage.usedBytes / usage.totalBytes) * 1000) / 10
    : null;
}
