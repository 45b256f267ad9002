import {
  Client,
  type CombinedError,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
} from '@urql/core';
import { createClient as createSocketClient } from 'graphql-ws';

export type SocketEvent = 'connecting' | 'connected' | 'reconnected' | 'closed';
type SocketListener = (event: SocketEvent) => void;

const listeners = new Set<SocketListener>();
const emit = (event: SocketEvent) => {
  for (const listener of listeners) listener(event);
};

/** Tells the listener about the socket's life, so stores can resync after a reconnect. */
export function onSocketEvent(listener: SocketListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Why the server stopped trusting this tab: a request answered UNAUTHENTICATED (the session
 * expired or was signed out elsewhere), or the socket was closed because its credentials were
 * revoked.
 */
export type AuthLoss = 'unauthenticated' | 'revoked';
type AuthLossListener = (reason: AuthLoss) => void;

const authListeners = new Set<AuthLossListener>();
const lose = (reason: AuthLoss) => {
  for (const listener of authListeners) listener(reason);
};

/** Tells the listener whenever the server no longer accepts this tab's credentials. */
export function onAuthLost(listener: AuthLossListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

/** The server's close code for "your credentials were revoked" (server/graphql/ws.ts). */
const revokedCloseCode = 4401;

const isUnauthenticated = (error: CombinedError | undefined) =>
  error !== undefined &&
  (error.response?.status === 401 ||
    error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));

const socketUrl = () => {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
};

/** 0.5 s, 1 s, 2 s … capped at 15 s, with jitter so many tabs do not reconnect in lockstep. */
const backoff = (retries: number) =>
  new Promise<void>((resolve) => {
    const base = Math.min(15_000, 500 * 2 ** retries);
    setTimeout(resolve, base / 2 + Math.random() * (base / 2));
  });

let hasConnected = false;

// Lazy: the URL is only read, and the socket only opened, once something subscribes in the
// browser, so importing this module during SSR is harmless.
const socket = createSocketClient({
  url: socketUrl,
  lazy: true,
  lazyCloseTimeout: 3_000,
  keepAlive: 15_000,
  // A monitoring tab should outlive server restarts and network blips: never give up.
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  retryWait: backoff,
  on: {
    connecting: () => emit('connecting'),
    connected: () => {
      emit(hasConnected ? 'reconnected' : 'connected');
      hasConnected = true;
    },
    closed: (event) => {
      emit('closed');
      const code = (event as { code?: unknown } | null)?.code;
      if (code === revokedCloseCode) lose('revoked');
    },
  },
});

/** The CSRF token the server set beside the session cookie; it must come back as a header. */
export function csrfToken(): string {
  if (typeof document === 'undefined') return '';
  const match = document.cookie.match(/(?:^|;\s*)pulse_csrf=([^;]*)/);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export const client = new Client({
  url: '/graphql',
  fetchOptions: () => ({ headers: { 'x-csrf-token': csrfToken() } }),
  exchanges: [
    mapExchange({
      onResult(result) {
        if (isUnauthenticated(result.error)) lose('unauthenticated');
      },
    }),
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
        }),
      }),
    }),
  ],
});
