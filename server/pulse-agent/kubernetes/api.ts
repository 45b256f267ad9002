import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type V1Deployment,
  type V1ListMeta,
  type V1Namespace,
  type V1Node,
  type V1Pod,
  VersionApi,
} from '@kubernetes/client-node';

/** A failure the agent's user can act on; the message says what to do. */
export class KubernetesApiError extends Error {
  override name = 'KubernetesApiError';
  /** The HTTP status for API replies, absent for configuration and connection failures. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

export interface ClusterApi {
  /** The kubeconfig context's cluster name (`inCluster` inside a pod). */
  clusterName: string;
  context: string;
  server: string;
  /** Where the credentials came from, for messages: a file, or the in-cluster account. */
  source: string;
  listNodes(): Promise<V1Node[]>;
  listPods(): Promise<V1Pod[]>;
  listNamespaces(): Promise<V1Namespace[]>;
  listDeployments(): Promise<V1Deployment[]>;
  /** The server's `gitVersion` (`v1.31.2`), or undefined when /version says nothing. */
  version(): Promise<string | undefined>;
}

/** Items per list call; a large cluster's pods come in several pages rather than one huge reply. */
const pageSize = 500;
const timeoutMs = 30_000;

/**
 * The API server as the kubeconfig says (a file, or KUBECONFIG / ~/.kube/config / the pod's
 * service account when none is given), through @kubernetes/client-node.
 */
export function openClusterApi(kubeconfigPath?: string): ClusterApi {
  const config = new KubeConfig();
  let source: string;
  try {
    if (kubeconfigPath) {
      config.loadFromFile(kubeconfigPath);
      source = kubeconfigPath;
    } else {
      config.loadFromDefault();
      source =
        process.env.KUBECONFIG ||
        (inCluster(config) ? 'the pod service account' : '~/.kube/config');
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = kubeconfigPath ?? 'the default kubeconfig';
    throw new KubernetesApiError(
      code === 'ENOENT'
        ? `kubeconfig ${where} not found: pass --kubeconfig or run the agent in the cluster`
        : `cannot read kubeconfig ${where}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) {
    throw new KubernetesApiError(
      `kubeconfig ${source} has no current context with a cluster: set current-context`,
    );
  }
  const core = config.makeApiClient(CoreV1Api);
  const apps = config.makeApiClient(AppsV1Api);
  const versions = config.makeApiClient(VersionApi);
  const call = <T>(what: string, request: () => Promise<T>) =>
    explained(what, cluster.server, source, request);
  return {
    clusterName: cluster.name,
    context: config.getCurrentContext(),
    server: cluster.server,
    source,
    listNodes: () => call('nodes', () => paged((page) => core.listNode({ ...page }))),
    listPods: () => call('pods', () => paged((page) => core.listPodForAllNamespaces({ ...page }))),
    listNamespaces: () =>
      call('namespaces', () => paged((page) => core.listNamespace({ ...page }))),
    listDeployments: () =>
      call('deployments', () => paged((page) => apps.listDeploymentForAllNamespaces({ ...page }))),
    version: () => call('the version', async () => (await versions.getCode()).gitVersion),
  };
}

function inCluster(config: KubeConfig): boolean {
  return config.getCurrentCluster()?.name === 'inCluster';
}

interface Page {
  limit: number;
  _continue?: string;
}

/** Every item of a list, following `metadata.continue` page by page. */
async function paged<T>(
  list: (page: Page) => Promise<{ items: T[]; metadata?: V1ListMeta }>,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const reply = await list(next ? { limit: pageSize, _continue: next } : { limit: pageSize });
    items.push(...reply.items);
    next = reply.metadata?._continue || undefined;
  } while (next);
  return items;
}

/** The call, bounded in time, with its failure put in words the agent's user can act on. */
async function explained<T>(
  what: string,
  server: string,
  source: string,
  request: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new KubernetesApiError(
            `the Kubernetes API server at ${server} did not answer the ${what} list in ${timeoutMs / 1000} s`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([request(), timeout]);
  } catch (error) {
    throw explain(error, what, server, source);
  } finally {
    clearTimeout(timer);
  }
}

function explain(error: unknown, what: string, server: string, source: string): Error {
  if (error instanceof KubernetesApiError) return error;
  if (error instanceof ApiException) {
    const status = error.code;
    const said = statusMessage(error.body);
    if (status === 401) {
      return new KubernetesApiError(
        `unauthorized: the Kubernetes API server at ${server} rejected the credentials from ${source} (401 Unauthorized); the token may be wrong or expired`,
        401,
        { cause: error },
      );
    }
    if (status === 403) {
      return new KubernetesApiError(
        `forbidden: ${said ?? `listing ${what} was refused`}. Give the agent's account a ClusterRole with get/list/watch on nodes, pods and namespaces and on deployments (apps).`,
        403,
        { cause: error },
      );
    }
    return new KubernetesApiError(
      `listing ${what} from ${server}: ${status}${said ? ` ${said}` : ''}`,
      status,
      { cause: error },
    );
  }
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  const detail = cause?.message ?? (error as Error).message ?? String(error);
  const tls = cause?.code && /CERT|SELF_SIGNED|TLS|SSL/.test(cause.code);
  return new KubernetesApiError(
    tls
      ? `cannot trust the Kubernetes API server at ${server}: ${detail} (check certificate-authority in ${source})`
      : `cannot reach the Kubernetes API server at ${server}: ${detail}`,
    undefined,
    { cause: error },
  );
}

/** The `message` of a `Status` body, the API server's own words. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.slice(0, 300) || undefined;
    }
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}
