import { createHash } from 'node:crypto';
import type { AgentInfo, KubernetesReport } from '../../agents/reports.ts';
import { openClusterApi } from './api.ts';
import { clip, deploymentReport, isProblemPod, nodeReport, podReport } from './map.ts';

export { KubernetesApiError } from './api.ts';

export interface KubernetesCollectOptions {
  /** A kubeconfig file; without one, the usual lookup (KUBECONFIG, ~/.kube/config, in-cluster). */
  kubeconfigPath?: string;
  agent: AgentInfo;
}

/** Pods per report: enough for the pods that matter, small enough for every report. */
export const maxPodsPerReport = 2_000;
const maxNodes = 5_000;
const maxDeployments = 5_000;
const maxNamespaces = 5_000;

/** One Kubernetes report from the API server. */
export async function collectKubernetesReport(
  options: KubernetesCollectOptions,
): Promise<KubernetesReport> {
  const api = openClusterApi(options.kubeconfigPath);
  const [nodes, pods, namespaces, deployments] = await allOrFirstError([
    api.listNodes(),
    api.listPods(),
    api.listNamespaces(),
    api.listDeployments(),
  ] as const);
  // Only the lists are required: a server that hides /version still gets reported.
  const version = await api.version().catch(() => undefined);
  const cluster: KubernetesReport['cluster'] = {
    id: clusterId(namespaces, api.server),
    name: clip(api.clusterName, 256),
    server: clip(api.server, 1_024),
    context: clip(api.context, 256),
  };
  if (version) cluster.version = clip(version, 64);
  return {
    agent: options.agent,
    cluster,
    nodes: present(nodes.map(nodeReport)).slice(0, maxNodes),
    pods: worstFirst(present(pods.map(podReport))),
    deployments: present(deployments.map(deploymentReport)).slice(0, maxDeployments),
    namespaces: namespaces
      .map((ns) => ns.metadata?.name)
      .filter((name): name is string => Boolean(name))
      .slice(0, maxNamespaces)
      .map((name) => clip(name, 256)),
    timestamp: Date.now(),
  };
}

/**
 * kube-system's uid: made when the cluster was, kept for its life, the same whichever
 * kubeconfig or address reaches it. Without access to it, the server URL stands in.
 */
function clusterId(
  namespaces: { metadata?: { name?: string; uid?: string } }[],
  server: string,
): string {
  const uid = namespaces.find((ns) => ns.metadata?.name === 'kube-system')?.metadata?.uid;
  if (uid) return clip(uid, 128);
  return `server-${createHash('sha256').update(server).digest('hex').slice(0, 32)}`;
}

/** Problem pods first, so a capped report never drops the ones worth a look. */
function worstFirst(pods: KubernetesReport['pods']): KubernetesReport['pods'] {
  const problems = pods.filter(isProblemPod);
  const healthy = pods.filter((pod) => !isProblemPod(pod));
  return [...problems, ...healthy].slice(0, maxPodsPerReport);
}

/** Like Promise.all, but settles every call first, so a failed report leaves nothing running. */
async function allOrFirstError<T extends readonly unknown[]>(
  calls: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const results = await Promise.allSettled(calls);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function present<T>(items: (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}
