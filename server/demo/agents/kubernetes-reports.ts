import type { KubernetesReport } from '../../agents/reports.ts';
import { DAY, MINUTE } from '../model/clock.ts';
import { clamp, hex, keyOf, unit, wander } from '../model/noise.ts';

const GiB = 1024 ** 3;
const seed = 8_203;
const agentId = 'demo-agent-k3s';

type Workload =
  | { kind: 'Deployment'; name: string; namespace: string; replicas: number; failing?: number }
  | { kind: 'StatefulSet'; name: string; namespace: string; replicas: number }
  | { kind: 'DaemonSet'; name: string; namespace: string }
  | { kind: 'Job'; name: string; namespace: string };

const nodes = [
  { name: 'k3s-1', roles: ['control-plane', 'master'], cpu: 4_000, memoryGiB: 16, base: 0.34 },
  { name: 'k3s-2', roles: ['worker'], cpu: 8_000, memoryGiB: 32, base: 0.27 },
  { name: 'k3s-3', roles: ['worker'], cpu: 8_000, memoryGiB: 32, base: 0.31 },
];

/** A small k3s homelab cluster: about 30 pods, an `api` deployment with one pod crash looping. */
const workloads: Workload[] = [
  { kind: 'Deployment', name: 'coredns', namespace: 'kube-system', replicas: 1 },
  { kind: 'Deployment', name: 'local-path-provisioner', namespace: 'kube-system', replicas: 1 },
  { kind: 'Deployment', name: 'metrics-server', namespace: 'kube-system', replicas: 1 },
  { kind: 'Deployment', name: 'traefik', namespace: 'kube-system', replicas: 1 },
  { kind: 'DaemonSet', name: 'svclb-traefik', namespace: 'kube-system' },
  { kind: 'Job', name: 'helm-install-traefik', namespace: 'kube-system' },
  { kind: 'StatefulSet', name: 'prometheus', namespace: 'monitoring', replicas: 1 },
  { kind: 'StatefulSet', name: 'alertmanager', namespace: 'monitoring', replicas: 1 },
  { kind: 'Deployment', name: 'grafana', namespace: 'monitoring', replicas: 1 },
  { kind: 'Deployment', name: 'kube-state-metrics', namespace: 'monitoring', replicas: 1 },
  { kind: 'DaemonSet', name: 'node-exporter', namespace: 'monitoring' },
  { kind: 'Deployment', name: 'web', namespace: 'apps', replicas: 3 },
  { kind: 'Deployment', name: 'api', namespace: 'apps', replicas: 3, failing: 1 },
  { kind: 'Deployment', name: 'worker', namespace: 'apps', replicas: 2 },
  { kind: 'StatefulSet', name: 'redis', namespace: 'apps', replicas: 1 },
  { kind: 'Deployment', name: 'cert-manager', namespace: 'cert-manager', replicas: 1 },
  { kind: 'Deployment', name: 'cert-manager-cainjector', namespace: 'cert-manager', replicas: 1 },
  { kind: 'Deployment', name: 'cert-manager-webhook', namespace: 'cert-manager', replicas: 1 },
  { kind: 'Deployment', name: 'argocd-server', namespace: 'argocd', replicas: 1 },
  { kind: 'Deployment', name: 'argocd-repo-server', namespace: 'argocd', replicas: 1 },
  { kind: 'Deployment', name: 'argocd-redis', namespace: 'argocd', replicas: 1 },
  { kind: 'StatefulSet', name: 'argocd-application-controller', namespace: 'argocd', replicas: 1 },
];

const uid = (...parts: (string | number)[]) => {
  const h = (i: number) => hex(keyOf(seed, ...parts, i)).toLowerCase();
  const a = h(0);
  const b = h(1);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${h(2).slice(1, 4)}-${h(3)}${h(4).slice(0, 4)}`;
};

/** Pod name suffixes as the controllers make them: a template hash and a 5-letter id. */
const letters = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (key: number, length: number) =>
  Array.from({ length }, (_, i) => letters[Math.floor(unit(key, i) * letters.length)]).join('');

type PodReport = KubernetesReport['pods'][number];

function podsOf(w: Workload, at: number, startedAt: number): PodReport[] {
  const key = keyOf(seed, w.namespace, w.name);
  const count = w.kind === 'DaemonSet' ? nodes.length : w.kind === 'Job' ? 1 : w.replicas;
  const createdAt = new Date(startedAt - (1 + 9 * unit(key, 1)) * DAY).toISOString();
  const templateHash = suffix(keyOf(key, 'rs'), 10);
  return Array.from({ length: count }, (_, i) => {
    const name =
      w.kind === 'StatefulSet'
        ? `${w.name}-${i}`
        : w.kind === 'Deployment'
          ? `${w.name}-${templateHash}-${suffix(keyOf(key, i), 5)}`
          : `${w.name}-${suffix(keyOf(key, i), 5)}`;
    const node = nodes[w.kind === 'DaemonSet' ? i : Math.floor(unit(key, 10 + i) * nodes.length)];
    const common = {
      uid: uid(w.namespace, w.name, i),
      name,
      namespace: w.namespace,
      nodeName: node?.name ?? 'k3s-1',
      createdAt,
      ownerKind: w.kind === 'Deployment' ? 'ReplicaSet' : w.kind,
      ownerName: w.kind === 'Deployment' ? `${w.name}-${templateHash}` : w.name,
      labels: { app: w.name },
    };
    if (w.kind === 'Job') {
      return {
        ...common,
        phase: 'Succeeded',
        reason: 'Completed',
        restarts: 0,
        readyContainers: 0,
        totalContainers: 1,
      };
    }
    const failing = w.kind === 'Deployment' && i >= w.replicas - (w.failing ?? 0);
    if (failing) {
      // Backs off and crashes again every few minutes for as long as the demo runs.
      const restarts = 7 + Math.floor((at - startedAt) / (4 * MINUTE));
      return {
        ...common,
        phase: 'Running',
        reason: 'CrashLoopBackOff',
        message: `back-off 5m0s restarting failed container=${w.name} pod=${name}`,
        restarts,
        readyContainers: 0,
        totalContainers: 1,
      };
    }
    return {
      ...common,
      phase: 'Running',
      restarts: Math.floor(3 * unit(key, 20 + i) ** 4),
      readyContainers: 1,
      totalContainers: 1,
    };
  });
}

export function kubernetesReport(at: number, startedAt: number): KubernetesReport {
  const pods = workloads.flatMap((w) => podsOf(w, at, startedAt));
  return {
    agent: {
      id: agentId,
      version: '5.1.0',
      type: 'unified',
      intervalSeconds: 30,
      hostname: 'k3s-1',
    },
    cluster: {
      id: uid('cluster'),
      name: 'homelab-k3s',
      server: 'https://192.168.10.30:6443',
      context: 'default',
      version: 'v1.31.3+k3s1',
    },
    nodes: nodes.map((n) => {
      const key = keyOf(seed, n.name);
      const load = clamp(n.base * (0.5 + wander(key, at, 12 * MINUTE)), 0.03, 0.95);
      const memory = n.memoryGiB * GiB;
      return {
        uid: uid('node', n.name),
        name: n.name,
        ready: true,
        unschedulable: false,
        kubeletVersion: 'v1.31.3+k3s1',
        containerRuntimeVersion: 'containerd://1.7.23-k3s2',
        osImage: 'Ubuntu 24.04.1 LTS',
        kernelVersion: '6.8.0-49-generic',
        architecture: 'amd64',
        capacity: { cpu: n.cpu, memory, pods: 110 },
        allocatable: { cpu: n.cpu, memory: memory - 0.5 * GiB, pods: 110 },
        usage: {
          cpu: Math.round(n.cpu * load),
          memory: Math.round(
            memory * clamp(0.3 + 0.5 * wander(keyOf(key, 'mem'), at, 40 * MINUTE), 0.1, 0.9),
          ),
          pods: pods.filter((p) => p.nodeName === n.name).length,
        },
        roles: n.roles,
      };
    }),
    pods,
    deployments: workloads.flatMap((w) =>
      w.kind === 'Deployment'
        ? [
            {
              uid: uid('deployment', w.namespace, w.name),
              name: w.name,
              namespace: w.namespace,
              desiredReplicas: w.replicas,
              updatedReplicas: w.replicas,
              readyReplicas: w.replicas - (w.failing ?? 0),
              availableReplicas: w.replicas - (w.failing ?? 0),
              labels: { app: w.name },
            },
          ]
        : [],
    ),
    namespaces: [
      'default',
      'kube-system',
      'kube-public',
      'monitoring',
      'apps',
      'cert-manager',
      'argocd',
    ],
    timestamp: new Date(at).toISOString(),
  };
}
