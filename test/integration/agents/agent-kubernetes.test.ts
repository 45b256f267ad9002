import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type KubernetesReport, kubernetesReportSchema } from '../../../server/agents/reports.ts';
import {
  collectKubernetesReport,
  maxPodsPerReport,
} from '../../../server/pulse-agent/kubernetes/collect.ts';
import { bytesOf, millicores } from '../../../server/pulse-agent/kubernetes/quantity.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import {
  clusterCertificates,
  defaultCluster,
  type KubeApi,
  type KubeApiOptions,
  kubePod,
  kubeSystemUid,
  startKubeApi,
  uidOf,
  writeKubeconfig,
} from '../../fixtures/kube-api.ts';

const agent = { id: 'agent-k8s-test', version: '0.1.0', type: 'kubernetes' };
const apis: KubeApi[] = [];

afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

async function kubeApi(options: KubeApiOptions = {}): Promise<KubeApi> {
  const started = await startKubeApi(options);
  apis.push(started);
  return started;
}

async function collect(kubeconfigPath: string): Promise<KubernetesReport> {
  const report = await collectKubernetesReport({ kubeconfigPath, agent });
  // The server parses with the same schema: what the agent sends must pass it unchanged.
  expect(kubernetesReportSchema.parse(report)).toEqual(report);
  return report;
}

function byName<T extends { name: string }>(items: T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name} in the report`);
  return found;
}

const Ki = 1024;
const Mi = 1024 ** 2;
const Gi = 1024 ** 3;

describe('pulse-agent Kubernetes module against a Kubernetes API server', () => {
  it('names the cluster by its kubeconfig context and identifies it by kube-system', async () => {
    const api = await kubeApi();
    const report = await collect(writeKubeconfig(api));
    expect(report.agent).toEqual(agent);
    expect(report.cluster).toEqual({
      id: kubeSystemUid,
      name: 'homelab',
      context: 'pulse@homelab',
      server: api.url,
      version: 'v1.31.2',
    });
    expect(report.namespaces).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'shop',
    ]);

    // Another kubeconfig for the same cluster: another name, the same id.
    const other = await collect(
      writeKubeconfig(api, { clusterName: 'prod-eu', contextName: 'admin@prod-eu' }),
    );
    expect(other.cluster).toMatchObject({ id: kubeSystemUid, name: 'prod-eu' });
  });

  it('sends the bearer token and lists in pages', async () => {
    const api = await kubeApi();
    await collect(writeKubeconfig(api));
    expect(api.requests.map((r) => r.path).sort()).toEqual([
      '/api/v1/namespaces',
      '/api/v1/nodes',
      '/api/v1/pods',
      '/apis/apps/v1/deployments',
      '/version',
    ]);
    for (const request of api.requests) {
      expect(request.authorization).toBe(`Bearer ${api.token}`);
      if (request.path !== '/version') expect(request.query.get('limit')).toBe('500');
    }
  });

  it('reports node readiness, roles, capacity and allocatable', async () => {
    const api = await kubeApi();
    const { nodes } = await collect(writeKubeconfig(api));
    expect(nodes).toHaveLength(3);
    expect(byName(nodes, 'cp-1')).toEqual({
      uid: uidOf('node/cp-1'),
      name: 'cp-1',
      ready: true,
      unschedulable: false,
      roles: ['control-plane'],
      kubeletVersion: 'v1.31.2',
      containerRuntimeVersion: 'containerd://1.7.22',
      osImage: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-45-generic',
      architecture: 'amd64',
      capacity: { cpu: 4_000, memory: 16_393_148 * Ki, pods: 110 },
      allocatable: { cpu: 3_500, memory: 15_242_172 * Ki, pods: 110 },
    });
    expect(byName(nodes, 'worker-1')).toMatchObject({
      ready: true,
      roles: ['worker'],
      capacity: { cpu: 8_000, memory: 32 * Gi, pods: 110 },
      allocatable: { cpu: 7_910, memory: 31_488 * Mi, pods: 110 },
    });
    // The kubelet stopped posting status (Ready=Unknown) and the node is cordoned.
    expect(byName(nodes, 'worker-2')).toMatchObject({
      ready: false,
      unschedulable: true,
      roles: ['worker'],
      allocatable: { cpu: 1_930, memory: 7_680 * Mi },
    });
  });

  it('reports pod phases, restarts, readiness, reasons and owners', async () => {
    const api = await kubeApi();
    const { pods } = await collect(writeKubeconfig(api));
    expect(pods).toHaveLength(8);

    const crashing = byName(pods, 'api-5b8f7c9d4-kq8wz');
    expect(crashing).toMatchObject({
      uid: uidOf('pod/shop/api-5b8f7c9d4-kq8wz'),
      namespace: 'shop',
      nodeName: 'worker-1',
      phase: 'Running',
      reason: 'CrashLoopBackOff',
      // 14 restarts of the api container and 1 of its envoy sidecar.
      restarts: 15,
      readyContainers: 1,
      totalContainers: 2,
      ownerKind: 'ReplicaSet',
      ownerName: 'api-5b8f7c9d4',
      labels: { app: 'api', 'pod-template-hash': '5b8f7c9d4' },
      createdAt: Date.parse('2024-11-20T08:00:00Z'),
    });
    expect(crashing.message).toMatch(/^back-off 5m0s restarting failed container=api/);

    expect(byName(pods, 'api-5b8f7c9d4-p2d7n')).toMatchObject({
      phase: 'Pending',
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "ghcr.io/acme/api:2.4.0"',
      restarts: 0,
      readyContainers: 1,
      totalContainers: 2,
    });
    expect(byName(pods, 'web-6d4cf56db6-x7k2p')).toMatchObject({
      phase: 'Running',
      restarts: 0,
      readyContainers: 1,
      totalContainers: 1,
    });
    expect(byName(pods, 'web-6d4cf56db6-x7k2p').reason).toBeUndefined();
    expect(byName(pods, 'migrate-28793410-tq6vd')).toMatchObject({
      phase: 'Succeeded',
      reason: 'Completed',
      ownerKind: 'Job',
      ownerName: 'migrate-28793410',
    });
    expect(byName(pods, 'report-28793400-zz9kx')).toMatchObject({
      phase: 'Failed',
      reason: 'Evicted',
      nodeName: 'worker-2',
    });
    expect(byName(pods, 'report-28793400-zz9kx').message).toMatch(/low on resource: memory/);
    expect(byName(pods, 'kube-apiserver-cp-1')).toMatchObject({
      ownerKind: 'Node',
      ownerName: 'cp-1',
    });

    // Problem pods lead the list.
    const problems = ['api-5b8f7c9d4-kq8wz', 'api-5b8f7c9d4-p2d7n', 'report-28793400-zz9kx'];
    expect(pods.slice(0, 3).map((p) => p.name)).toEqual(problems);
  });

  it('reports init container failures and pods being deleted', async () => {
    const state = defaultCluster();
    state.pods = [
      kubePod({
        name: 'db-0',
        namespace: 'shop',
        node: 'worker-1',
        phase: 'Pending',
        owner: { kind: 'StatefulSet', name: 'db' },
        initContainers: [
          {
            name: 'init-schema',
            image: 'postgres:16.4',
            restarts: 4,
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s' },
          },
        ],
        containers: [
          { name: 'postgres', image: 'postgres:16.4', waiting: { reason: 'PodInitializing' } },
        ],
      }),
      kubePod({
        name: 'web-6d4cf56db6-old01',
        namespace: 'shop',
        node: 'worker-1',
        phase: 'Running',
        deleting: true,
        containers: [{ name: 'web', image: 'nginx:1.27-alpine' }],
      }),
    ];
    const api = await kubeApi({ state });
    const { pods } = await collect(writeKubeconfig(api));
    expect(byName(pods, 'db-0')).toMatchObject({
      phase: 'Pending',
      reason: 'Init:CrashLoopBackOff',
      ownerKind: 'StatefulSet',
      readyContainers: 0,
      totalContainers: 1,
    });
    expect(byName(pods, 'web-6d4cf56db6-old01')).toMatchObject({ reason: 'Terminating' });
  });

  it('reports deployments, ready against desired', async () => {
    const api = await kubeApi();
    const { deployments } = await collect(writeKubeconfig(api));
    expect(deployments).toHaveLength(3);
    expect(byName(deployments, 'api')).toEqual({
      uid: uidOf('Deployment/shop/api'),
      name: 'api',
      namespace: 'shop',
      desiredReplicas: 2,
      // The API leaves zero counts out of status: they read as 0.
      readyReplicas: 0,
      updatedReplicas: 2,
      availableReplicas: 0,
      labels: { app: 'api' },
    });
    expect(byName(deployments, 'web')).toMatchObject({
      desiredReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
  });

  it(`follows list pages and keeps ${maxPodsPerReport} pods, problem pods first`, async () => {
    const state = defaultCluster();
    const healthy = Array.from({ length: 2_100 }, (_, i) =>
      kubePod({
        name: `batch-${String(i).padStart(4, '0')}`,
        namespace: 'default',
        node: 'worker-1',
        phase: 'Running',
        containers: [{ name: 'main', image: 'busybox:1.36' }],
      }),
    );
    // Problem pods at the very end of the API's order, past the cap.
    state.pods = [...healthy, ...state.pods];
    const api = await kubeApi({ state });
    const { pods } = await collect(writeKubeconfig(api));

    const pages = api.requests.filter((r) => r.path === '/api/v1/pods');
    expect(pages).toHaveLength(Math.ceil(2_108 / 500));
    expect(pages[0]?.query.get('continue')).toBeNull();
    expect(pages.slice(1).every((r) => r.query.get('continue'))).toBe(true);

    expect(pods).toHaveLength(maxPodsPerReport);
    expect(pods.slice(0, 3).map((p) => p.name)).toEqual([
      'api-5b8f7c9d4-kq8wz',
      'api-5b8f7c9d4-p2d7n',
      'report-28793400-zz9kx',
    ]);
  });

  it('parses Kubernetes quantities to millicores and bytes', () => {
    expect(millicores('4')).toBe(4_000);
    expect(millicores('3500m')).toBe(3_500);
    expect(millicores('0.5')).toBe(500);
    expect(millicores('250000u')).toBe(250);
    expect(bytesOf('16Gi')).toBe(16 * Gi);
    expect(bytesOf('16384Mi')).toBe(16 * Gi);
    expect(bytesOf('1234567Ki')).toBe(1_234_567 * Ki);
    expect(bytesOf('129e6')).toBe(129_000_000);
    expect(bytesOf('2G')).toBe(2_000_000_000);
    expect(bytesOf('lots')).toBeUndefined();
  });
});

describe('a Kubernetes report in Pulse', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  interface PodResource {
    name: string;
    namespace: string;
    phase: string;
    reason: string | null;
    restarts: number;
    readyContainers: number | null;
    totalContainers: number | null;
  }

  const podsQuery = /* GraphQL */ `
    query {
      resources(filter: { types: [K8S_POD] }) {
        name
        ... on KubernetesPod { namespace phase reason restarts readyContainers totalContainers }
      }
    }
  `;

  it('is accepted with a kubernetes:report token and shows its pods', async () => {
    const minted = await app.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kubernetes agent', scopes: ['kubernetes:report'] }),
    });
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };

    const api = await kubeApi();
    const report = await collect(writeKubeconfig(api));
    const posted = await fetch(`${app.url}/api/agents/kubernetes/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ success: true });

    const pods = await vi.waitFor(async () => {
      const result = await graphql<{ resources: PodResource[] }>(app.url, podsQuery);
      expect(result.errors).toBeUndefined();
      const found = result.data?.resources ?? [];
      expect(found).toHaveLength(8);
      return found;
    });
    expect(pods.find((p) => p.name === 'api-5b8f7c9d4-kq8wz')).toEqual({
      name: 'api-5b8f7c9d4-kq8wz',
      namespace: 'shop',
      phase: 'Running',
      reason: 'CrashLoopBackOff',
      restarts: 15,
      readyContainers: 1,
      totalContainers: 2,
    });
    expect(pods.find((p) => p.name === 'report-28793400-zz9kx')).toMatchObject({
      phase: 'Failed',
      reason: 'Evicted',
    });
  });
});

describe('pulse-agent Kubernetes module errors', () => {
  it('says unauthorized when the token is wrong', async () => {
    const api = await kubeApi();
    const kubeconfig = writeKubeconfig(api, { token: 'not-the-token' });
    const failure = collectKubernetesReport({ kubeconfigPath: kubeconfig, agent });
    await expect(failure).rejects.toThrow(/^unauthorized: the Kubernetes API server at https:/);
    await expect(failure).rejects.toMatchObject({ status: 401 });
    await expect(failure).rejects.toThrow(`rejected the credentials from ${kubeconfig}`);
    expect(api.requests.every((r) => r.authorization === 'Bearer not-the-token')).toBe(true);
  });

  it('says which permission is missing when RBAC refuses a list', async () => {
    const api = await kubeApi({ forbidden: ['nodes'] });
    const failure = collectKubernetesReport({ kubeconfigPath: writeKubeconfig(api), agent });
    await expect(failure).rejects.toMatchObject({ status: 403 });
    await expect(failure).rejects.toThrow(
      'forbidden: nodes is forbidden: User "system:serviceaccount:pulse:pulse-agent" cannot list resource "nodes"',
    );
    await expect(failure).rejects.toThrow('ClusterRole');
  });

  it('refuses a server whose certificate the kubeconfig does not trust', async () => {
    const api = await kubeApi();
    const { ca: otherCa } = await clusterCertificates();
    const kubeconfig = writeKubeconfig(api, { caPem: otherCa.cert });
    await expect(collectKubernetesReport({ kubeconfigPath: kubeconfig, agent })).rejects.toThrow(
      `cannot trust the Kubernetes API server at ${api.url}`,
    );
    expect(api.requests).toHaveLength(0);
  });

  it('says the kubeconfig is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-kubeconfig-'));
    try {
      const path = join(dir, 'config');
      await expect(collectKubernetesReport({ kubeconfigPath: path, agent })).rejects.toThrow(
        `kubeconfig ${path} not found`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
