import type {
  V1ContainerStatus,
  V1Deployment,
  V1Node,
  V1ObjectMeta,
  V1Pod,
} from '@kubernetes/client-node';
import type { KubernetesReport } from '../../agents/reports.ts';
import { bytesOf, countOf, millicores } from './quantity.ts';

type NodeReport = KubernetesReport['nodes'][number];
type PodReport = KubernetesReport['pods'][number];
type DeploymentReport = KubernetesReport['deployments'][number];
type Quantities = NonNullable<NodeReport['capacity']>;

const rolePrefix = 'node-role.kubernetes.io/';

export function nodeReport(node: V1Node): NodeReport | null {
  const meta = node.metadata;
  if (!meta?.uid) return null;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const info = node.status?.nodeInfo;
  const report: NodeReport = {
    uid: clip(meta.uid, 128),
    name: clip(meta.name ?? meta.uid, 256),
    ready: ready?.status === 'True',
    unschedulable: node.spec?.unschedulable === true,
    roles: rolesOf(meta.labels ?? {}),
  };
  if (info?.kubeletVersion) report.kubeletVersion = clip(info.kubeletVersion, 64);
  if (info?.containerRuntimeVersion) {
    report.containerRuntimeVersion = clip(info.containerRuntimeVersion, 128);
  }
  if (info?.osImage) report.osImage = clip(info.osImage, 256);
  if (info?.kernelVersion) report.kernelVersion = clip(info.kernelVersion, 128);
  if (info?.architecture) report.architecture = clip(info.architecture, 64);
  const capacity = quantities(node.status?.capacity);
  if (capacity) report.capacity = capacity;
  const allocatable = quantities(node.status?.allocatable);
  if (allocatable) report.allocatable = allocatable;
  return report;
}

/** `node-role.kubernetes.io/control-plane: ""` and the older `kubernetes.io/role: worker`. */
function rolesOf(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(rolePrefix) && key.length > rolePrefix.length) {
      roles.add(key.slice(rolePrefix.length));
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles]
    .sort()
    .slice(0, 16)
    .map((role) => clip(role, 64));
}

function quantities(list: Record<string, string> | undefined): Quantities | undefined {
  if (!list) return undefined;
  const result: Quantities = {};
  const cpu = millicores(list.cpu);
  if (cpu !== undefined) result.cpu = cpu;
  const memory = bytesOf(list.memory);
  if (memory !== undefined) result.memory = memory;
  const pods = countOf(list.pods);
  if (pods !== undefined) result.pods = pods;
  return Object.keys(result).length > 0 ? result : undefined;
}

export function podReport(pod: V1Pod): PodReport | null {
  const meta = pod.metadata;
  if (!meta?.uid) return null;
  const statuses = pod.status?.containerStatuses ?? [];
  const report: PodReport = {
    uid: clip(meta.uid, 128),
    name: clip(meta.name ?? meta.uid, 256),
    namespace: clip(meta.namespace ?? 'default', 256),
    phase: clip(pod.status?.phase ?? 'Unknown', 32),
    restarts: statuses.reduce((sum, s) => sum + Math.max(0, s.restartCount ?? 0), 0),
    readyContainers: statuses.filter((s) => s.ready).length,
    totalContainers: pod.spec?.containers?.length ?? statuses.length,
  };
  if (pod.spec?.nodeName) report.nodeName = clip(pod.spec.nodeName, 256);
  const { reason, message } = whyOf(pod);
  if (reason) report.reason = clip(reason, 256);
  if (message) report.message = clip(message, 2_048);
  const created = meta.creationTimestamp;
  if (created) report.createdAt = new Date(created).getTime();
  const owner = meta.ownerReferences?.find((o) => o.controller) ?? meta.ownerReferences?.[0];
  if (owner) {
    report.ownerKind = clip(owner.kind, 64);
    report.ownerName = clip(owner.name, 256);
  }
  const labels = labelsOf(meta);
  if (labels) report.labels = labels;
  return report;
}

/**
 * Why the pod is not simply in its phase, close to kubectl's STATUS column: a failing init
 * container (`Init:CrashLoopBackOff`), else a container waiting (`CrashLoopBackOff`,
 * `ImagePullBackOff`), else the pod's own reason (`Evicted`), else a container's exit
 * (`OOMKilled`, `Completed`); `Terminating` once deletion has begun.
 */
function whyOf(pod: V1Pod): { reason?: string; message?: string } {
  const status = pod.status;
  const containers = status?.containerStatuses ?? [];
  const own = status?.reason ? { reason: status.reason, message: status.message } : null;
  const why = initProblem(status?.initContainerStatuses ?? []) ??
    waitingOf(containers) ??
    own ??
    terminatedOf(containers) ?? { message: status?.message };
  if (pod.metadata?.deletionTimestamp && status?.reason !== 'NodeLost') {
    return { reason: 'Terminating', message: why.message };
  }
  return why;
}

type Why = { reason: string; message?: string };

function initProblem(statuses: V1ContainerStatus[]): Why | null {
  for (const s of statuses) {
    const terminated = s.state?.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated)
      return { reason: `Init:${exitReason(terminated)}`, message: terminated.message };
    const waiting = s.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      return { reason: `Init:${waiting.reason}`, message: waiting.message };
    }
  }
  return null;
}

function waitingOf(statuses: V1ContainerStatus[]): Why | null {
  for (const s of statuses) {
    const waiting = s.state?.waiting;
    if (waiting?.reason) return { reason: waiting.reason, message: waiting.message };
  }
  return null;
}

function terminatedOf(statuses: V1ContainerStatus[]): Why | null {
  for (const s of statuses) {
    const terminated = s.state?.terminated;
    if (terminated) return { reason: exitReason(terminated), message: terminated.message };
  }
  return null;
}

function exitReason(terminated: { reason?: string; signal?: number; exitCode: number }): string {
  if (terminated.reason) return terminated.reason;
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
}

export function deploymentReport(deployment: V1Deployment): DeploymentReport | null {
  const meta = deployment.metadata;
  if (!meta?.uid) return null;
  const status = deployment.status;
  const report: DeploymentReport = {
    uid: clip(meta.uid, 128),
    name: clip(meta.name ?? meta.uid, 256),
    namespace: clip(meta.namespace ?? 'default', 256),
    // The API defaults spec.replicas to 1; a scaled-to-zero deployment says 0.
    desiredReplicas: deployment.spec?.replicas ?? 1,
    readyReplicas: status?.readyReplicas ?? 0,
    updatedReplicas: status?.updatedReplicas ?? 0,
    availableReplicas: status?.availableReplicas ?? 0,
  };
  const labels = labelsOf(meta);
  if (labels) report.labels = labels;
  return report;
}

/** Pods that need a look: not running or finished cleanly, not all ready, or with a reason. */
export function isProblemPod(pod: PodReport): boolean {
  if (pod.phase === 'Succeeded') return false;
  if (pod.phase !== 'Running') return true;
  if (pod.reason) return true;
  return (pod.readyContainers ?? 0) < (pod.totalContainers ?? 0);
}

function labelsOf(meta: V1ObjectMeta): Record<string, string> | undefined {
  const entries = Object.entries(meta.labels ?? {}).filter(([key]) => key.length <= 256);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key, clip(value, 1_024)]));
}

export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
