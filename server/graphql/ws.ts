import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Actor } from '../access/actor.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { userCredential } from '../auth/session.service.ts';
import { ServiceError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { credentialsOf } from '../http/exchange.ts';
import type { GraphqlServer } from './yoga.ts';

type Operation = NonNullable<ServerOptions['execute']>;

/** Yoga's enveloped execute/subscribe travel to graphql-ws in the root value. */
interface EnvelopedRoot {
  execute: Operation;
  subscribe: Operation;
}

interface SocketExtra extends Record<PropertyKey, unknown> {
  request: IncomingMessage;
  socket: WebSocket;
  actor?: Actor;
}

/** Close code for "your credentials were revoked" (4xxx codes are the application's). */
export const revokedCloseCode = 4401;

const enveloped = (args: ExecutionArgs) => args.rootValue as EnvelopedRoot;

/**
 * graphql-ws on the given WebSocket server, through Yoga's envelope, so the socket path
 * parses, validates and builds its context exactly as HTTP does. The socket signs in once,
 * when it connects: with the session cookie of the upgrade request, or `{ token }` in
 * connection_init. Revoking that session or token closes the socket.
 */
export function serveGraphqlOverWebSocket(
  yoga: GraphqlServer,
  wss: WebSocketServer,
  auth: Authenticator,
  bus: EventBus,
) {
  const live = new Map<string, Set<WebSocket>>();
  const track = (key: string, socket: WebSocket) => {
    const set = live.get(key) ?? new Set<WebSocket>();
    set.add(socket);
    live.set(key, set);
    socket.once('close', () => {
      set.delete(socket);
      if (set.size === 0) live.delete(key);
    });
  };
  const unsubscribe = bus.subscribe('credentials.revoked', ({ credentialIds }) => {
    for (const id of credentialIds) {
      for (const socket of live.get(id) ?? [])
        socket.close(revokedCloseCode, 'Credentials revoked');
    }
  });

  const server = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      execute: (args) => enveloped(args).execute(args),
      subscribe: (args) => enveloped(args).subscribe(args),
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.token;
        try {
          const actor = await auth.identify(
            credentialsOf(ctx.extra.request, typeof token === 'string' ? token : undefined),
          );
          ctx.extra.actor = actor;
          if (actor.credentialId) track(actor.credentialId, ctx.extra.socket);
          if (actor.method === 'basic') track(userCredential(actor.name), ctx.extra.socket);
          return true;
        } catch (error) {
          if (error instanceof ServiceError) return false;
          throw error;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          socketActor: ctx.extra.actor,
          request: new Request('http://localhost/graphql', { method: 'POST' }),
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
  return {
    async dispose() {
      unsubscribe();
      await server.dispose();
    },
  };
}
