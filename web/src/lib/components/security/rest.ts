import { csrfToken } from '../../graphql/client.ts';

/** What a REST call answered: the JSON body, or the server's error and when to try again. */
export type RestAnswer<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      /** The server's message, or one saying the server could not be reached. */
      error: string;
      /** The whole error body, for extra fields such as `remainingAttempts`. */
      body: Record<string, unknown>;
      /** From Retry-After, on 429. */
      retryAfterSeconds: number | null;
    };

/**
 * Calls one of the REST routes that sign in, out or change credentials (they set cookies, so
 * they are not in GraphQL). The CSRF header goes on every call: harmless when signed out,
 * required when signed in.
 */
export async function rest<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RestAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': csrfToken(),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: 'Could not reach the Pulse server. Check your connection and try again.',
      body: {},
      retryAfterSeconds: null,
    };
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const errorBody =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    error:
      typeof errorBody.error === 'string'
        ? sentence(errorBody.error)
        : `The server answered ${response.status} ${response.statusText}`.trim(),
    body: errorBody,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

/** Server messages are lower-case fragments ("invalid username or password"). */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** "in 1 minute", "in 15 minutes": a lock's Retry-After as people read it. */
export function minutesFrom(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
