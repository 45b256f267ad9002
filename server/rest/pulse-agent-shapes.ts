/**
 * What pulse-agent reports, in the shapes of Pulse's state arrays `hosts`, `dockerHosts` and
 * `kubernetesClusters`: built only from the resources the agents' reports became. A field we
 * do not hold is left out (Pulse omits it when empty too); the few Pulse clients read without
 * checking are present, null when unknown.
 */
import type { Resource, ResourceOf, Usage } from '../resources/model.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Two decimals, as Pulse's percentages. */
const round2 = (value: number) => Math.round(value * 100) / 100;
const percentOf = (used: number, total: number) => (total > 0 ? round2((used / total) * 100) : 0);

/** Pulse's `{total, used, free, usage}`; null when unknown rather than zeros. */
function memory(u: Usage | null) {
  if (!u) return null;
  return {
    total: u.totalBytes,
    used: u.usedBytes,
    free: u.totalBytes - u.usedBytes,
    usage: percentOf(u.usedBytes, u.totalBytes),
  };
}

/** The entries whose value is known: Pulse leaves empty optional fields out. */
function known<T extends Record<string, unknown>>(fields: T) {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  ) as { [K in keyof T]?: NonNullable<T[K]> };
}

/**
 * The id the agent gave a child (a pod's or node's Kubernetes uid): the mappers make resource
 * ids `<source>/<kind>/<their id>`.
 */
function localId(r: Resource, kind: string): string {
  const prefix = `${r.source}/${kind}/`;
  return r.id.startsWith(prefix) ? r.id.slice(prefix.length) : r.id;
}

export function pulseHost(r: ResourceOf<'host'>) {
  const d = r.details;
  const temperatures = Object.fromEntries(d.temperatures.map((t) => [t.sensor, t.celsius]));
  return {
    id: r.id,
    agentId: d.agentId,
    hostname: d.hostname,
    displayName: r.name,
    ...known({
      platform: d.platform,
      osName: d.osName,
      osVersion: d.osVersion,
      kernelVersion: d.kernelVersion,
      architecture: d.architecture,
      cpuCount: d.cpuCount,
      cpuUsage: r.cpu === null ? null : round2(r.cpu * 100),
    }),
    memory: r.memory && {
      ...memory(r.memory),
      ...(d.swap && { swapUsed: d.swap.usedBytes, swapTotal: d.swap.totalBytes }),
    },
    loadAverage: d.loadAverage,
    disks: d.filesystems.map((f) => ({
      device: f.device,
      mountpoint: f.mountpoint,
      ...known({ type: f.fsType }),
      total: f.totalBytes,
      used: f.usedBytes,
      free: f.totalBytes - f.usedBytes,
      usage: percentOf(f.usedBytes, f.totalBytes),
    })),
    networkInterfaces: d.interfaces.map((i) => ({
      name: i.name,
      ...known({ mac: i.mac, speedMbps: i.speedMbps }),
      addresses: i.addresses,
    })),
    sensors: d.temperatures.length > 0 ? { temperatureCelsius: temperatures } : {},
    status: r.status,
    ...known({
      uptimeSeconds: r.uptimeSeconds,
      netInRate: r.network?.inBytesPerSecond,
      netOutRate: r.network?.outBytesPerSecond,
      diskReadRate: r.diskIo?.readBytesPerSecond,
      diskWriteRate: r.diskIo?.writeBytesPerSecond,
    }),
    intervalSeconds: d.intervalSeconds,
    lastSeen: iso(r.lastSeenAt),
    ...known({ agentVersion: d.agentVersion, reportIp: d.reportIp, linkedNodeId: d.linkedNodeId }),
    tags: r.tags,
  };
}

/** A container: the engine's id, and CPU back in the engine's terms (100% per core). */
export function pulseDockerContainer(r: ResourceOf<'dockerContainer'>, cpuCount: number | null) {
  const d = r.details;
  return {
    id: d.containerId,
    name: r.name,
    image: d.image,
    state: d.state,
    status: d.statusText,
    ...known({ health: d.health }),
    cpuPercent: r.cpu === null ? null : round2(r.cpu * 100 * (cpuCount ?? 1)),
    memoryUsageBytes: r.memory?.usedBytes ?? null,
    // Docker reports the machine's memory as the limit of an unlimited container; so do we.
    memoryLimitBytes: r.memory?.totalBytes ?? null,
    memoryPercent: r.memory ? percentOf(r.memory.usedBytes, r.memory.totalBytes) : null,
    uptimeSeconds: r.uptimeSeconds,
    restartCount: d.restartCount,
    exitCode: d.exitCode,
    createdAt: iso(d.createdAt),
    ports: d.ports.map((p) => ({
      privatePort: p.privatePort,
      ...known({ publicPort: p.publicPort }),
      protocol: p.protocol,
      ...known({ ip: p.ip }),
    })),
    ...known({
      netInRate: r.network?.inBytesPerSecond,
      netOutRate: r.network?.outBytesPerSecond,
    }),
    ...(r.diskIo && {
      blockIo: {
        readRateBytesPerSecond: r.diskIo.readBytesPerSecond,
        writeRateBytesPerSecond: r.diskIo.writeBytesPerSecond,
      },
    }),
  };
}

/**
 * A Docker (or Podman) engine with its containers. Its CPU and used memory are what the
 * containers use together (the Docker report carries no whole-machine figures).
 */
export function pulseDockerHost(
  r: ResourceOf<'dockerHost'>,
  containers: ResourceOf<'dockerContainer'>[],
) {
  const d = r.details;
  return {
    id: r.id,
    agentId: d.agentId,
    hostname: d.hostname,
    displayName: r.name,
    ...known({
      os: d.os,
      architecture: d.architecture,
      runtime: d.runtime,
      runtimeVersion: d.runtimeVersion,
      dockerVersion: d.runtime === 'docker' ? d.runtimeVersion : null,
    }),
    cpus: d.cpuCount,
    totalMemoryBytes: r.memory?.totalBytes ?? null,
    uptimeSeconds: r.uptimeSeconds,
    cpuUsagePercent: r.cpu === null ? null : round2(r.cpu * 100),
    memory: memory(r.memory),
    status: r.status,
    lastSeen: iso(r.lastSeenAt),
    intervalSeconds: d.intervalSeconds,
    ...known({ agentVersion: d.agentVersion }),
    containers: containers.map((c) => pulseDockerContainer(c, d.cpuCount)),
  };
}

function pulseK8sNode(r: ResourceOf<'k8sNode'>) {
  const d = r.details;
  return {
    uid: localId(r, 'node'),
    name: r.name,
    ready: d.ready,
    unschedulable: d.unschedulable,
    ...known({
      kubeletVersion: d.kubeletVersion,
      containerRuntimeVersion: d.containerRuntime,
      osImage: d.osImage,
      kernelVersion: d.kernelVersion,
      architecture: d.architecture,
      allocatableCpuCores:
        d.allocatableCpuMillicores === null ? null : d.allocatableCpuMillicores / 1000,
      allocatableMemoryBytes: d.allocatableMemoryBytes,
      allocatablePods: d.podCapacity,
      usageCpuPercent: r.cpu === null ? null : round2(r.cpu * 100),
      usageMemoryBytes: r.memory?.usedBytes,
      usageMemoryPercent: r.memory && percentOf(r.memory.usedBytes, r.memory.totalBytes),
    }),
    roles: d.roles,
  };
}

function pulseK8sPod(r: ResourceOf<'k8sPod'>) {
  const d = r.details;
  return {
    uid: localId(r, 'pod'),
    name: r.name,
    namespace: d.namespace,
    ...known({ nodeName: d.nodeName }),
    phase: d.phase,
    ...known({
      reason: d.reason,
      message: d.message,
      createdAt: iso(d.createdAt),
    }),
    restarts: d.restarts,
    ...known({
      readyContainers: d.readyContainers,
      totalContainers: d.totalContainers,
      ownerKind: d.ownerKind,
      ownerName: d.ownerName,
    }),
  };
}

function pulseK8sDeployment(r: ResourceOf<'k8sDeployment'>) {
  const d = r.details;
  return {
    uid: localId(r, 'deployment'),
    name: r.name,
    namespace: d.namespace,
    desiredReplicas: d.desiredReplicas,
    ...known({ updatedReplicas: d.updatedReplicas }),
    readyReplicas: d.readyReplicas,
    ...known({ availableReplicas: d.availableReplicas }),
  };
}

export function pulseKubernetesCluster(r: ResourceOf<'k8sCluster'>, children: Resource[]) {
  const d = r.details;
  const of = <T extends Resource['type']>(type: T) =>
    children.filter((c) => c.type === type) as ResourceOf<T>[];
  return {
    id: r.id,
    agentId: d.agentId,
    name: r.name,
    displayName: r.name,
    ...known({ server: d.server, context: d.context, version: d.version }),
    status: r.status,
    lastSeen: iso(r.lastSeenAt),
    intervalSeconds: d.intervalSeconds,
    ...known({ agentVersion: d.agentVersion }),
    nodes: of('k8sNode').map(pulseK8sNode),
    pods: of('k8sPod').map(pulseK8sPod),
    deployments: of('k8sDeployment').map(pulseK8sDeployment),
  };
}

/**
 * The three agent arrays of Pulse's state from the resource list: children (containers, pods,
 * nodes, deployments) nested under the resource their parentId names.
 */
export function pulseAgentArrays(resources: Resource[]) {
  const children = new Map<string, Resource[]>();
  for (const r of resources) {
    if (r.parentId === null) continue;
    const siblings = children.get(r.parentId);
    if (siblings) siblings.push(r);
    else children.set(r.parentId, [r]);
  }
  const childrenOf = (id: string) => children.get(id) ?? [];
  const hosts: ReturnType<typeof pulseHost>[] = [];
  const dockerHosts: ReturnType<typeof pulseDockerHost>[] = [];
  const kubernetesClusters: ReturnType<typeof pulseKubernetesCluster>[] = [];
  for (const r of resources) {
    if (r.type === 'host') {
      hosts.push(pulseHost(r));
    } else if (r.type === 'dockerHost') {
      const containers = childrenOf(r.id).filter(
        (c): c is ResourceOf<'dockerContainer'> => c.type === 'dockerContainer',
      );
      dockerHosts.push(pulseDockerHost(r, containers));
    } else if (r.type === 'k8sCluster') {
      kubernetesClusters.push(pulseKubernetesCluster(r, childrenOf(r.id)));
    }
  }
  return { hosts, dockerHosts, kubernetesClusters };
}
