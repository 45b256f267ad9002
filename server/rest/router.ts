import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../access/actor.ts';
import type { Services } from '../app.ts';
import { withRequestOrigin } from '../audit/request-origin.ts';
import type { Authenticator, HeaderReader } from '../auth/authenticator.ts';
import { ServiceError, TooManyRequestsError } from '../errors.ts';
import {
  clientIp,
  credentialsOf,
  headerReader,
  isDirectLoopback,
  isSecure,
} from '../http/exchange.ts';
import type { Logger } from '../log/logger.ts';
import { agentRoutes } from './agents.ts';
import { aiChatRoutes } from './ai-chat.ts';
import { aiCostRoutes } from './ai-cost.ts';
import { aiSettingsRoutes } from './ai-settings.ts';
import { alertRoutes } from './alerts.ts';
import { auditRoutes } from './audit.ts';
import { guestMetadataRoutes } from './guest-metadata.ts';
import { RequestError, readJsonBody, sendError, sendJson } from './http-json.ts';
import { metricsRoutes } from './metrics.ts';
import { nodeRoutes } from './nodes.ts';
import { notificationRoutes } from './notifications.ts';
import { oidcRoutes } from './oidc.ts';
import { patrolRoutes } from './patrol.ts';
import { securityRoutes } from './security.ts';
import { sessionRoutes } from './sessions.ts';
import { settingsRoutes } from './settings.ts';
import { stateRoutes } from './state.ts';
import { systemRoutes } from './system.ts';
import { tokenRoutes } from './tokens.ts';

export interface RouteRequest {
  actor: Actor;
  services: Services;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`{}` when empty); read only for methods that carry one. */
  body: unknown;
  http: HttpExchange;
}

/** The HTTP side of a request, for the routes that sign people in and out. */
export interface HttpExchange {
  ip: string;
  /** HTTPS as the browser sees it (cookies get Secure). */
  secure: boolean;
  /** Straight from this machine, not through a proxy (recovery needs it). */
  loopback: boolean;
  header: HeaderReader;
  userAgent: string | null;
  addCookies(values: string[]): void;
  setHeader(name: string, value: string): void;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path with `:name` segments, e.g. `/api/config/nodes/:id`. */
  path: string;
  /** Accept `?token=` (Pulse allows it on export and import only). */
  queryToken?: boolean;
  /** A body limit other than the default 1 MiB (agent reports may be larger). */
  maxBodyBytes?: number;
  handle(request: RouteRequest): Promise<unknown> | unknown;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}/?$`), names };
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Every /api route, in matching order; exported so tests can check each one's access. A
 * function, so route modules that import `Status` from here never meet an unfinished list.
 */
export function restRoutes(): Route[] {
  return [
    ...systemRoutes,
    ...settingsRoutes,
    ...nodeRoutes,
    ...alertRoutes,
    ...stateRoutes,
    ...metricsRoutes,
    ...notificationRoutes,
    ...auditRoutes,
    ...sessionRoutes,
    ...securityRoutes,
    ...tokenRoutes,
    ...oidcRoutes,
    ...aiSettingsRoutes,
    ...patrolRoutes,
    ...aiChatRoutes,
    ...aiCostRoutes,
    ...guestMetadataRoutes,
    ...agentRoutes,
  ];
}

/** The /api compatibility layer: matches a route, reads the body, calls the service. */
export function createRestHandler(
  services: Services,
  auth: Authenticator,
  log: Logger,
  publicUrl: string | null,
) {
  const routes = restRoutes().map(compile);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const onPath = routes.filter((route) => route.pattern.test(url.pathname));
    const route = onPath.find(
      (r) => r.method === method || (method === 'HEAD' && r.method === 'GET'),
    );
    try {
      if (!route) {
        if (onPath.length === 0) throw new RequestError(404, `no such endpoint: ${url.pathname}`);
        res.setHeader('allow', [...new Set(onPath.map((r) => r.method))].join(', '));
        throw new RequestError(405, `${method} is not allowed on ${url.pathname}`);
      }
      const match = route.pattern.exec(url.pathname) ?? [];
      const params = Object.fromEntries(
        route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      const body = methodsWithBody.has(method) ? await readJsonBody(req, route.maxBodyBytes) : {};
      const queryToken = route.queryToken
        ? (url.searchParams.get('token') ?? undefined)
        : undefined;
      const actor = await auth.identify(credentialsOf(req, queryToken));
      const http = exchange(req, res, publicUrl);
      const origin = { ip: http.ip, path: url.pathname };
      const result = await withRequestOrigin(origin, () =>
        route.handle({ actor, services, params, query: url.searchParams, body, http }),
      );
      if (result === undefined) {
        res.writeHead(204).end();
        return;
      }
      if (result instanceof RawBody) {
        res.writeHead(200, {
          'content-type': result.contentType,
          'cache-control': 'no-store',
          ...(result.filename && {
            'content-disposition': `attachment; filename="${result.filename}"`,
          }),
        });
        res.end(result.body);
        return;
      }
      if (result instanceof NamedEventStream) {
        await result.pipe(req, res, log);
        return;
      }
      if (result instanceof Redirect) {
        res.writeHead(302, { location: result.location, 'cache-control': 'no-store' }).end();
        return;
      }
      const status = result instanceof Status ? result.status : 200;
      sendJson(res, status, result instanceof Status ? result.body : result);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        res.setHeader('retry-after', String(error.retryAfterSeconds));
      }
      if (error instanceof RequestError || error instanceof ServiceError) {
        if (error.status >= 500) log.error({ err: error }, 'REST request failed');
        sendError(res, error.status, error.message);
        return;
      }
      log.error({ err: error, method, path: url.pathname }, 'REST request failed');
      sendError(res, 500, 'internal error');
    }
  };
}

function exchange(
  req: IncomingMessage,
  res: ServerResponse,
  publicUrl: string | null,
): HttpExchange {
  const cookies: string[] = [];
  return {
    ip: clientIp(req),
    secure: isSecure(req, publicUrl),
    loopback: isDirectLoopback(req),
    header: headerReader(req),
    userAgent: headerReader(req)('user-agent') ?? null,
    addCookies(values) {
      cookies.push(...values);
      res.setHeader('set-cookie', cookies);
    },
    setHeader(name, value) {
      res.setHeader(name, value);
    },
  };
}

/** A handler result with a status other than 200. */
export class Status {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}

/** A handler result that is not JSON (a CSV download, say). */
export class RawBody {
  readonly contentType: string;
  readonly body: string;
  /** Sent as an attachment under this name. */
  readonly filename: string | null;

  constructor(contentType: string, body: string, filename: string | null = null) {
    this.contentType = contentType;
    this.body = body;
    this.filename = filename;
  }
}

/** One server-sent event: its name and a JSON payload. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/**
 * A handler result sent as server-sent events, each item naming its own event. Nothing is sent until the first item, so a refusal or a bad request before it
 * is an ordinary error status; `open` gets a signal that aborts when the client goes away, and
 * an error after the stream started is sent as an `error` event.
 */
export class NamedEventStream {
  readonly #open: (signal: AbortSignal) => AsyncIterable<ServerSentEvent>;

  constructor(open: (signal: AbortSignal) => AsyncIterable<ServerSentEvent>) {
    this.#open = open;
  }

  async pipe(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const iterator = this.#open(aborted.signal)[Symbol.asyncIterator]();
    // The first event decides the status: a refusal before anything streamed is a plain error.
    const first = await iterator.next();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const send = ({ event, data }: ServerSentEvent) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    try {
      if (!first.done) send(first.value);
      for (let next = first; !next.done && !aborted.signal.aborted; ) {
        next = await iterator.next();
        if (!next.done) send(next.value);
      }
    } catch (error) {
      if (!aborted.signal.aborted) {
        const known = error instanceof ServiceError || error instanceof RequestError;
        if (!known) log.error({ err: error, path: req.url }, 'event stream failed');
        send({ event: 'error', data: { error: known ? error.message : 'internal error' } });
      }
    } finally {
      await iterator.return?.();
      res.end();
    }
  }
}

/** A handler result that sends the browser elsewhere (302 with Location). */
export class Redirect {
  readonly location: string;

  constructor(location: string) {
    this.location = location;
  }
}
