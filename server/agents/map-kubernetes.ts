import type { Resource, ResourceOf, ResourceStatus } from '../resources/model.ts';
import type { KubernetesReport } from './reports.ts';
import { agentLink, epochMs, type MapContext, total } from './sources.ts';

type PodReport = KubernetesReport['pods'][number];
type DeploymentReport = KubernetesReport['deployments'][number];

/** Reasons a pod in phase Running is not doing its job. */
const failingReasons = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'OOMKilled',
  'CreateContainerConfigError',
]);

/**
 * A pod's status from its phase: Running (degraded while a container is not ready or crash
 * looping), Succeeded → stopped, Failed → degraded, Pending and Unknown → unknown.
 */
export function podStatus(pod: PodReport): ResourceStatus {
  switch (pod.phase) {
    case 'Running': {
      const unready =
        pod.readyContainers !== undefined &&
        pod.totalContainers !== undefined &&
        pod.readyContainers < pod.totalContainers;
      return unready || failingReasons.has(pod.reason ?? '') ? 'degraded' : 'running';
    }
    case 'Succeeded':
      return 'stopped';
    case 'Failed':
      return 'degraded';
    default:
      return 'unknown';
  }
}

/** Degraded while fewer replicas are ready than wanted; stopped when scaled to zero. */
export function deploymentStatus(d: DeploymentReport): ResourceStatus {
  if (d.desiredReplicas === 0) return 'stopped';
  return d.readyReplicas < d.desiredReplicas ? 'degraded' : 'running';
}

const fraction = (used: number | null, available: number | null) =>
  used !== null && available !== null && available > 0 ? Math.min(1, used / available) : null;

/** A cluster with its nodes, pods and deployments as children. */
export function mapKubernetesReport(report: KubernetesReport, context: MapContext): Resource[] {
  const { cluster } = report;
  const clusterId = `${context.source}/cluster`;
  const common = { source: context.source, lastSeenAt: context.receivedAt, tags: [] };
  const none = { disk: null, network: null, diskIo: null, uptimeSeconds: null };
  const nodes: ResourceOf<'k8sNode'>[] = report.nodes.map((n) => {
    const cpuAvailable = n.allocatable?.cpu ?? n.capacity?.cpu ?? null;
    const memoryAvailable = n.allocatable?.memory ?? n.capacity?.memory ?? null;
    return {
      ...common,
      ...none,
      id: `${context.source}/node/${n.uid}`,
      type: 'k8sNode',
      parentId: clusterId,
      name: n.name,
      status: n.ready ? 'online' : 'offline',
      cpu: fraction(n.usage?.cpu ?? null, cpuAvailable),
      memory:
        n.usage?.memory !== undefined && memoryAvailable
          ? { usedBytes: n.usage.memory, totalBytes: memoryAvailable }
          : null,
      details: {
        cluster: cluster.name,
        ready: n.ready,
        unschedulable: n.unschedulable ?? false,
        roles: n.roles ?? [],
        kubeletVersion: n.kubeletVersion ?? null,
        containerRuntime: n.containerRuntimeVersion ?? null,
        osImage: n.osImage ?? null,
        kernelVersion: n.kernelVersion ?? null,
        architecture: n.architecture ?? null,
        allocatableCpuMillicores: cpuAvailable,
        allocatableMemoryBytes: memoryAvailable,
        podCapacity: n.allocatable?.pods ?? n.capacity?.pods ?? null,
      },
    };
  });
  const pods: ResourceOf<'k8sPod'>[] = report.pods.map((p) => ({
    ...common,
    ...none,
    id: `${context.source}/pod/${p.uid}`,
    type: 'k8sPod',
    parentId: clusterId,
    name: p.name,
    status: podStatus(p),
    cpu: null,
    memory: null,
    details: {
      cluster: cluster.name,
      namespace: p.namespace,
      nodeName: p.nodeName || null,
      phase: p.phase,
      reason: p.reason ?? null,
      message: p.message ?? null,
      restarts: p.restarts,
      readyContainers: p.readyContainers ?? null,
      totalContainers: p.totalContainers ?? null,
      ownerKind: p.ownerKind ?? null,
      ownerName: p.ownerName ?? null,
      createdAt: epochMs(p.createdAt),
    },
  }));
  const deployments: ResourceOf<'k8sDeployment'>[] = report.deployments.map((d) => ({
    ...common,
    ...none,
    id: `${context.source}/deployment/${d.uid}`,
    type: 'k8sDeployment',
    parentId: clusterId,
    name: d.name,
    status: deploymentStatus(d),
    cpu: null,
    memory: null,
    details: {
      cluster: cluster.name,
      namespace: d.namespace,
      desiredReplicas: d.desiredReplicas,
      readyReplicas: d.readyReplicas,
      updatedReplicas: d.updatedReplicas ?? null,
      availableReplicas: d.availableReplicas ?? null,
    },
  }));
  const namespaces = new Set([
    ...report.namespaces,
    ...report.pods.map((p) => p.namespace),
    ...report.deployments.map((d) => d.namespace),
  ]);
  const cpuUsed = total(report.nodes.map((n) => n.usage?.cpu));
  const cpuAvailable = total(nodes.map((n) => n.details.allocatableCpuMillicores));
  const memoryUsed = total(report.nodes.map((n) => n.usage?.memory));
  const memoryAvailable = total(nodes.map((n) => n.details.allocatableMemoryBytes));
  const clusterResource: ResourceOf<'k8sCluster'> = {
    ...common,
    ...none,
    id: clusterId,
    type: 'k8sCluster',
    parentId: null,
    name: cluster.name,
    // A cluster answers (its agent reports), but a node that is not ready is a problem.
    status: report.nodes.every((n) => n.ready) ? 'online' : 'degraded',
    cpu: fraction(cpuUsed, cpuAvailable),
    memory:
      memoryUsed !== null && memoryAvailable
        ? { usedBytes: memoryUsed, totalBytes: memoryAvailable }
        : null,
    details: {
      ...agentLink(report.agent, context),
      version: cluster.version ?? null,
      server: cluster.server ?? null,
      context: cluster.context ?? null,
      nodeCount: nodes.length,
      podCount: pods.length,
      deploymentCount: deployments.length,
      namespaceCount: namespaces.size,
    },
  };
  return [clusterResource, ...nodes, ...deployments, ...pods];
}
