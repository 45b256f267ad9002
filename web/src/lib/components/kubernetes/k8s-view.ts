import type { Resource } from '../../stores/resources.svelte.ts';
import {
  isK8sCluster,
  isK8sDeployment,
  isK8sNode,
  isK8sPod,
  type K8sClusterResource,
  type K8sDeploymentResource,
  type K8sNodeResource,
  type K8sPodResource,
} from '../resources/kinds.ts';
import type { BadgeTone } from '../ui/tone.ts';

export type K8sMember = K8sNodeResource | K8sPodResource | K8sDeploymentResource;

const natural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/**
 * The cluster a node, pod or deployment belongs to: up its parents, else the cluster of the
 * same report (its source) with the name it carries.
 */
export function clusterOf(
  member: K8sMember,
  byId: (id: string) => Resource | undefined,
  clusters: readonly K8sClusterResource[],
): K8sClusterResource | null {
  let current: Resource | undefined = member;
  for (let depth = 0; depth < 3 && current?.parentId; depth += 1) {
    current = byId(current.parentId);
    if (current && isK8sCluster(current)) return current;
  }
  const same = clusters.filter((c) => c.source === member.source);
  return (
    same.find((c) => c.name === member.clusterName) ?? (same.length === 1 ? same[0] : null) ?? null
  );
}

/** Everything Kubernetes in the feed, each member with its cluster's id. */
export interface K8sEstate {
  clusters: K8sClusterResource[];
  nodes: K8sNodeResource[];
  pods: K8sPodResource[];
  deployments: K8sDeploymentResource[];
  /** Member id → cluster id ('' when the cluster is unknown). */
  clusterIds: Map<string, string>;
}

export function k8sEstate(
  list: readonly Resource[],
  byId: (id: string) => Resource | undefined,
): K8sEstate {
  const clusters = list.filter(isK8sCluster).sort((a, b) => natural(a.name, b.name));
  const nodes = list.filter(isK8sNode).sort((a, b) => natural(a.name, b.name));
  const pods = list.filter(isK8sPod);
  // Deployments short of replicas first, like pods in trouble.
  const deployments = list
    .filter(isK8sDeployment)
    .sort(
      (a, b) =>
        Number(shortBy(b) > 0) - Number(shortBy(a) > 0) ||
        natural(a.namespace, b.namespace) ||
        natural(a.name, b.name),
    );
  const clusterIds = new Map<string, string>();
  for (const member of [...nodes, ...pods, ...deployments]) {
    clusterIds.set(member.id, clusterOf(member, byId, clusters)?.id ?? '');
  }
  return { clusters, nodes, pods: sortPods(pods), deployments, clusterIds };
}

/** Reasons a container gives when it cannot run, as kubectl shows them. */
const broken = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'Error',
  'Evicted',
]);

/** Bad: failed or crashing. Warn: waiting, unknown, or running but not ready. */
export function podProblem(pod: K8sPodResource): 'bad' | 'warn' | null {
  if (pod.phase === 'Succeeded') return null;
  if (pod.phase === 'Failed' || (pod.reason && broken.has(pod.reason))) return 'bad';
  if (pod.phase !== 'Running') return 'warn';
  if (pod.totalContainers != null && (pod.readyContainers ?? 0) < pod.totalContainers)
    return 'warn';
  return null;
}

export function phaseTone(pod: K8sPodResource): BadgeTone {
  const problem = podProblem(pod);
  if (problem) return problem;
  return pod.phase === 'Running' ? 'ok' : 'off';
}

const rank = (pod: K8sPodResource) => {
  const problem = podProblem(pod);
  return problem === 'bad' ? 0 : problem === 'warn' ? 1 : 2;
};

/** Problems first, then by namespace and name, so what needs a look is at the top. */
export function sortPods(pods: readonly K8sPodResource[]): K8sPodResource[] {
  return [...pods].sort(
    (a, b) => rank(a) - rank(b) || natural(a.namespace, b.namespace) || natural(a.name, b.name),
  );
}

/** Replicas missing from a deployment's desired count. */
export const shortBy = (d: K8sDeploymentResource) =>
  Math.max(0, d.desiredReplicas - d.readyReplicas);

/** The pods a deployment runs: through its ReplicaSets, named `<deployment>-<hash>`. */
export function podsOf(deployment: K8sDeploymentResource, pods: readonly K8sPodResource[]) {
  return pods.filter(
    (p) =>
      p.namespace === deployment.namespace &&
      p.clusterName === deployment.clusterName &&
      p.source === deployment.source &&
      ((p.ownerKind === 'ReplicaSet' && p.ownerName?.startsWith(`${deployment.name}-`)) ||
        (p.ownerKind === 'Deployment' && p.ownerName === deployment.name)),
  );
}

/** "45s", "12m", "5h", "3d": how long ago a pod was created, as kubectl's AGE column. */
export function age(createdAt: number | null | undefined, now: number): string {
  if (createdAt == null) return '–';
  const seconds = Math.max(0, Math.floor((now - createdAt) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** "500m" below a core, "3.5 cores" above. */
export function cpuText(millicores: number | null): string {
  if (millicores == null) return '–';
  if (millicores < 1000) return `${millicores}m`;
  const cores = millicores / 1000;
  return `${Number.isInteger(cores) ? cores : cores.toFixed(1)} cores`;
}

export const readyText = (pod: K8sPodResource) =>
  pod.totalContainers == null ? '–' : `${pod.readyContainers ?? 0}/${pod.totalContainers}`;

/** Pods by phase, in the order they read best: running, then trouble, then done. */
export function phaseCounts(pods: readonly K8sPodResource[]) {
  const order = ['Running', 'Pending', 'Failed', 'Unknown', 'Succeeded'];
  const counts = new Map<string, number>();
  for (const pod of pods) counts.set(pod.phase, (counts.get(pod.phase) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => {
      const x = order.indexOf(a);
      const y = order.indexOf(b);
      return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || natural(a, b);
    })
    .map(([phase, count]) => ({ phase, count }));
}

export const phaseCountTone = (phase: string): BadgeTone =>
  phase === 'Running'
    ? 'ok'
    : phase === 'Failed'
      ? 'bad'
      : phase === 'Pending' || phase === 'Unknown'
        ? 'warn'
        : 'off';
