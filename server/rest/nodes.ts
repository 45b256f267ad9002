import { ValidationError } from '../errors.ts';
import type { NodeView } from '../nodes/node.service.ts';
import type { NodePatch, NodeType } from '../nodes/node-input.ts';
import type { Route } from './router.ts';
import { Status } from './router.ts';

type Body = Record<string, unknown>;

function asObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body must be a JSON object');
  }
  return body as Body;
}

function optional<T>(
  body: Body,
  key: string,
  type: 'string' | 'boolean' | 'number',
): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new ValidationError(`${key} must be a ${type}`, key);
  return value as T;
}

/** Pulse's documented field names → the service's. */
function toPatch(body: Body): NodePatch {
  const monitorKeys = {
    monitorVMs: 'vms',
    monitorContainers: 'containers',
    monitorStorage: 'storage',
    monitorBackups: 'backups',
    monitorPhysicalDisks: 'physicalDisks',
  } as const;
  const monitor: Record<string, boolean> = {};
  for (const [from, to] of Object.entries(monitorKeys)) {
    const value = optional<boolean>(body, from, 'boolean');
    if (value !== undefined) monitor[to] = value;
  }
  const patch: NodePatch = {
    type: optional<NodeType>(body, 'type', 'string'),
    name: optional<string>(body, 'name', 'string'),
    host: optional<string>(body, 'host', 'string'),
    username: optional<string>(body, 'user', 'string'),
    password: optional<string>(body, 'password', 'string'),
    tokenId: optional<string>(body, 'tokenName', 'string'),
    tokenValue: optional<string>(body, 'tokenValue', 'string'),
    verifySsl: optional<boolean>(body, 'verifySSL', 'boolean'),
    fingerprint: optional<string>(body, 'fingerprint', 'string'),
    pollIntervalSeconds: optional<number>(body, 'pollIntervalSeconds', 'number'),
    enabled: optional<boolean>(body, 'enabled', 'boolean'),
    ...(Object.keys(monitor).length > 0 && { monitor }),
  };
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as NodePatch;
}

/** A node in Pulse's JSON shape; secrets are never included, only whether one is stored. */
function toPulse(node: NodeView) {
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    host: node.host,
    user: node.username ?? '',
    hasPassword: node.authKind === 'password',
    tokenName: node.tokenId ?? '',
    hasToken: node.authKind === 'token',
    fingerprint: node.fingerprint ?? '',
    verifySSL: node.verifySsl,
    monitorVMs: node.monitor.vms,
    monitorContainers: node.monitor.containers,
    monitorStorage: node.monitor.storage,
    monitorBackups: node.monitor.backups,
    monitorPhysicalDisks: node.monitor.physicalDisks,
    pollIntervalSeconds: node.pollIntervalSeconds,
    enabled: node.enabled,
    isCluster: (node.cluster?.endpoints.length ?? 0) > 1,
    clusterName: node.cluster?.name ?? '',
    clusterEndpoints: (node.cluster?.endpoints ?? []).map((e) => ({
      nodeName: e.node,
      host: e.host,
      fingerprint: e.fingerprint ?? '',
      online: e.online,
    })),
  };
}

/** /api/config/nodes: list, add, update, remove and test connections. */
export const nodeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/config/nodes',
    handle: async ({ actor, services }) => (await services.nodes.list(actor)).map(toPulse),
  },
  {
    method: 'POST',
    path: '/api/config/nodes',
    handle: async ({ actor, services, body }) => {
      const patch = toPatch(asObject(body));
      const node = await services.nodes.add(actor, {
        ...patch,
        type: patch.type ?? ('' as NodeType),
        name: patch.name ?? '',
        host: patch.host ?? '',
      });
      return new Status(201, toPulse(node));
    },
  },
  {
    method: 'POST',
    path: '/api/config/nodes/test-connection',
    handle: async ({ actor, services, body }) => {
      const input = asObject(body);
      const id = optional<string>(input, 'id', 'string') ?? null;
      const result = await services.nodes.test(actor, { ...toPatch(input), id });
      if (result.ok) {
        return {
          status: 'success',
          message: result.message,
          version: result.version,
          clusterName: result.clusterName,
          nodes: result.nodeNames,
        };
      }
      return new Status(400, {
        error: result.message,
        kind: result.kind,
        privilege: result.privilege,
      });
    },
  },
  {
    method: 'PUT',
    path: '/api/config/nodes/:id',
    handle: async ({ actor, services, body, params }) =>
      toPulse(await services.nodes.update(actor, params.id ?? '', toPatch(asObject(body)))),
  },
  {
    method: 'DELETE',
    path: '/api/config/nodes/:id',
    handle: async ({ actor, services, params }) => {
      await services.nodes.remove(actor, params.id ?? '');
      return undefined;
    },
  },
  {
    method: 'GET',
    path: '/api/monitoring/scheduler/health',
    handle: ({ actor, services }) => {
      const sources = services.sources.health(actor);
      return {
        updatedAt: new Date().toISOString(),
        instances: sources.map((s) => ({
          key: s.id,
          name: s.name,
          type: s.kind,
          pollIntervalSeconds: s.intervalMs / 1000,
          lastSuccess: s.lastSuccessAt ? new Date(s.lastSuccessAt).toISOString() : null,
          lastError: s.lastError ? { message: s.lastError, at: iso(s.lastErrorAt) } : null,
          consecutiveFailures: s.consecutiveFailures,
          nextPoll: iso(s.nextPollAt),
          lastPollDurationMs: s.lastPollDurationMs,
          breaker: { state: s.breaker },
          deadLetter: { count: s.deadLetters },
          stale: s.stale,
        })),
      };
    },
  },
];

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
