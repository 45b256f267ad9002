import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { withRequestOrigin } from '../audit/request-origin.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import type { EventBus } from '../events/bus.ts';
import { serveGraphqlOverWebSocket } from '../graphql/ws.ts';
import type { GraphqlServer } from '../graphql/yoga.ts';
import { createAgentDistribution, distributionPaths } from './agent-distribution.ts';
import type { NodeHandler } from './dashboard.ts';
import { clientIp } from './exchange.ts';
import { applySecurityHeaders, sameOriginUpgrade, withinRateLimit } from './guard.ts';
import { RateLimiter } from './rate-limit.ts';

export interface HttpParts {
  graphql: GraphqlServer;
  auth: Authenticator;
  bus: EventBus;
  publicUrl: string | null;
  /** Pulse's /ws stream for existing clients. */
  pulseWs: {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
    close(): void;
  };
  rest: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  dashboard: NodeHandler;
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').pathname;

/**
 * One port for everything: /graphql (HTTP and graphql-ws), /api (REST), the agent download
 * and installer, and every other path to the SvelteKit dashboard.
 */
export function createHttpServer(parts: HttpParts): { server: Server; close(): Promise<void> } {
  const limiter = new RateLimiter();
  const agentDistribution = createAgentDistribution();
  const server = createServer((req, res) => {
    const path = pathOf(req);
    applySecurityHeaders(req, res, path, parts.publicUrl);
    if (!withinRateLimit(limiter, req, res, path)) return;
    if (path === '/graphql') {
      // So the audit log knows where a GraphQL change came from, as it does for REST.
      void withRequestOrigin({ ip: clientIp(req), path }, () => parts.graphql(req, res));
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      void parts.rest(req, res);
      return;
    }
    if (distributionPaths.has(path)) {
      void agentDistribution(req, res, path);
      return;
    }
    parts.dashboard(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsServer = serveGraphqlOverWebSocket(parts.graphql, wss, parts.auth, parts.bus);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!sameOriginUpgrade(req, parts.publicUrl)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (pathOf(req) === '/ws') {
      void parts.pulseWs.handleUpgrade(req, socket, head);
      return;
    }
    if (pathOf(req) !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return {
    server,
    async close() {
      // Stop accepting first, then end subscriptions (graphql-ws sends close frames), then
      // drop whatever HTTP connections are still open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await wsServer.dispose();
      parts.pulseWs.close();
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await closed;
    },
  };
}
