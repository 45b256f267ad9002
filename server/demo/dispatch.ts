import { setTimeout as sleep } from 'node:timers/promises';
import type { Authenticator } from './auth.ts';
import type { Dialect } from './dialects.ts';
import { type FaultBook, wrongTypes } from './faults.ts';
import type { ApiRequest, ApiResponse, RequestHandler } from './http.ts';
import type { DemoClock } from './model/clock.ts';
import { ApiError, type Call, findRoute, Paged, type Route } from './router.ts';

const API_PREFIX = '/api2/json';

export interface ProductServer<E> {
  dialect: Dialect;
  auth: Authenticator;
  routes: Route<E>[];
  env: E;
  clock: DemoClock;
  faults: FaultBook;
  authFailureDelayMs: number;
  clusterName: string | null;
  /** PVE only: answer for a proxied node path whose target is down (595), else null. */
  proxy?: (apiPath: string) => ApiResponse | null;
}

/**
 * The request pipeline every listener shares: slow faults, authentication (with the
 * upstream 401 delay), deny and http-error faults, proxying, the route, malformed faults.
 */
export function createDispatcher<E>(server: ProductServer<E>): RequestHandler {
  const { dialect, auth, faults } = server;
  const product = dialect.product;
  return async (request: ApiRequest): Promise<ApiResponse> => {
    if (request.path !== API_PREFIX && !request.path.startsWith(`${API_PREFIX}/`)) {
      return dialect.notFound(request.method, request.path);
    }
    const apiPath = request.path.slice(API_PREFIX.length).replace(/\/+$/, '') || '/';
    const delay = faults.delayMs(product, apiPath);
    if (delay > 0) await sleep(delay);
    const at = server.clock.now();
    if (request.method === 'POST' && apiPath === '/access/ticket') {
      const response = auth.login(request, at, server.clusterName);
      if (response.status === 401) await sleep(server.authFailureDelayMs);
      return response;
    }
    const who = auth.authenticate(request, at, faults.tokenRevoked(product));
    if (!who.ok) {
      await sleep(server.authFailureDelayMs);
      return who.response;
    }
    const privilege = faults.denied(product, apiPath);
    if (privilege !== null) {
      // PBS holds every 403 for half a second (a sixth of its 3 s 401 delay).
      if (product === 'pbs') await sleep(server.authFailureDelayMs / 6);
      return dialect.forbidden(aclPath(apiPath), privilege);
    }
    const injected = faults.httpError(product, apiPath);
    if (injected) return dialect.error(injected.status, injected.message);
    const proxied = server.proxy?.(apiPath) ?? null;
    if (proxied) return proxied;
    const match = findRoute(server.routes, request.method, apiPath);
    if (match.kind === 'none') {
      return dialect.notFound(request.method, product === 'pbs' ? request.path : apiPath);
    }
    const call: Call = {
      params: match.params,
      args: new URLSearchParams([...request.query, ...request.body]),
      at,
      method: request.method,
      path: apiPath,
    };
    let result: unknown;
    try {
      result = match.route.handler(server.env, call);
    } catch (error) {
      if (error instanceof ApiError)
        return dialect.error(error.status, error.message, error.errors);
      throw error;
    }
    const data = result instanceof Paged ? result.data : result;
    const total = result instanceof Paged ? result.total : undefined;
    const broken = faults.malformed(product, apiPath);
    if (broken === null) return dialect.ok(data, total);
    return malformed(broken, dialect.ok(data, total), data);
  };
}

function malformed(
  kind: 'truncated' | 'html' | 'null-data' | 'wrong-types',
  good: ApiResponse,
  data: unknown,
): ApiResponse {
  switch (kind) {
    case 'truncated': {
      const body = good.body ?? '{}';
      return { status: 200, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) };
    }
    case 'html':
      return {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\n',
      };
    case 'null-data':
      return { status: 200, body: '{"data":null}' };
    case 'wrong-types':
      return { status: 200, body: JSON.stringify({ data: wrongTypes(data) }) };
  }
}

/** The ACL path a Perl permission check names for an API path. */
export function aclPath(apiPath: string): string {
  const guest = /^\/nodes\/[^/]+\/(?:qemu|lxc)\/(\d+)/.exec(apiPath);
  if (guest) return `/vms/${guest[1]}`;
  const storage = /^\/(?:nodes\/[^/]+\/)?storage\/([^/]+)/.exec(apiPath);
  if (storage) return `/storage/${storage[1]}`;
  const node = /^\/nodes\/([^/]+)/.exec(apiPath);
  if (node) return `/nodes/${node[1]}`;
  const datastore = /^\/admin\/datastore\/([^/]+)/.exec(apiPath);
  if (datastore) return `/datastore/${datastore[1]}`;
  const pool = /^\/pools\/([^/]+)/.exec(apiPath);
  if (pool) return `/pool/${pool[1]}`;
  return '/';
}
