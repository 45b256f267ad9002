import type { IncomingMessage } from 'node:http';
import { createGraphQLError, createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { Actor } from '../access/actor.ts';
import type { Services } from '../app.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { ServiceError } from '../errors.ts';
import { credentialsOf } from '../http/exchange.ts';
import type { Logger } from '../log/logger.ts';
import type { Context } from './context.ts';
import { schema } from './schema.ts';

export type ServerContext = Record<string, unknown>;
export type GraphqlServer = YogaServerInstance<ServerContext, Context>;

const isActor = (value: unknown): value is Actor =>
  typeof value === 'object' && value !== null && 'ability' in value;

/** A service error is the caller's mistake: show it, with its code. Anything else is masked. */
function exposeServiceErrors(log: Logger) {
  return (error: unknown, message: string, isDev?: boolean): Error => {
    const original =
      error instanceof Error && 'originalError' in error ? error.originalError : error;
    if (original instanceof ServiceError) {
      return createGraphQLError(original.message, {
        extensions: { code: original.code },
      });
    }
    log.error({ err: original }, 'unexpected GraphQL error');
    return maskError(error, message, isDev);
  };
}

export function createGraphqlServer(
  services: Services,
  auth: Authenticator,
  log: Logger,
  development: boolean,
): GraphqlServer {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: development,
    landingPage: false,
    logging: {
      debug: (...args) => log.debug({ args }, 'graphql'),
      info: (...args) => log.info({ args }, 'graphql'),
      warn: (...args) => log.warn({ args }, 'graphql'),
      error: (...args) => log.error({ args }, 'graphql'),
    },
    maskedErrors: { maskError: exposeServiceErrors(log) },
    context: async ({ req, socketActor }) => ({
      // A socket authenticated once, when it connected; HTTP requests each time.
      actor: isActor(socketActor)
        ? socketActor
        : await auth.identify(credentialsOf(req as IncomingMessage)),
      services,
    }),
  });
}
