import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import type { GraphqlServer } from './yoga.ts';

type Operation = NonNullable<ServerOptions['execute']>;

/** Yoga's enveloped execute/subscribe travel to graphql-ws in the root value. */
interface EnvelopedRoot {
  execute: Operation;
  subscribe: Operation;
}

const enveloped = (args: ExecutionArgs) => args.rootValue as EnvelopedRoot;

/**
 * graphql-ws on the given WebSocket server, through Yoga's envelope, so the socket path
 * parses, validates and builds its context (and authenticates) exactly as HTTP does.
 * Clients without cookies may send `{ token }` in the connection_init payload.
 */
export function serveGraphqlOverWebSocket(yoga: GraphqlServer, wss: WebSocketServer) {
  return useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      execute: (args) => enveloped(args).execute(args),
      subscribe: (args) => enveloped(args).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        const token = ctx.connectionParams?.token;
        const headers = new Headers();
        for (const [name, value] of Object.entries(ctx.extra.request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        if (typeof token === 'string') headers.set('x-api-token', token);
        const request = new Request('http://localhost/graphql', { method: 'POST', headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          request,
          params: payload,
        });
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName ?? null,
          document: parse(payload.query),
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedRoot,
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wss,
  );
}
