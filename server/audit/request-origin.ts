import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  path: string | null;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/**
 * Runs a request handler with its origin in scope, so services can record the caller's ip
 * and path without every method taking them as parameters.
 */
export function withRequestOrigin<T>(origin: RequestOrigin, run: () => T): T {
  return storage.run(origin, run);
}

/** The current request's origin, or nulls outside a request (pollers, start-up). */
export function currentRequestOrigin(): RequestOrigin {
  return storage.getStore() ?? { ip: null, path: null };
}
