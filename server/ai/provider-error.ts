/** Why a provider failed, in words an admin can act on; never a stack. */
export type ProviderFailureReason =
  | 'bad_key'
  | 'unreachable'
  | 'model_missing'
  | 'rate_limited'
  | 'provider_error';

const advice: Record<ProviderFailureReason, string> = {
  bad_key: 'the provider rejected the API key',
  unreachable: 'the provider could not be reached',
  model_missing: 'the provider does not know this model',
  rate_limited: 'the provider is rate limiting requests; try again later',
  provider_error: 'the provider answered with an error',
};

export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly provider: string;
  readonly reason: ProviderFailureReason;
  readonly status: number | null;

  constructor(
    provider: string,
    reason: ProviderFailureReason,
    detail: string | null,
    status: number | null = null,
  ) {
    super(`${provider}: ${advice[reason]}${detail ? ` (${detail})` : ''}`);
    this.provider = provider;
    this.reason = reason;
    this.status = status;
  }
}

/** The provider's own error text from an error body, if it has one (both shapes nest it). */
export function errorDetail(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error: unknown = body.error;
  if (typeof error === 'string') return error.slice(0, 200);
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return typeof error.message === 'string' ? error.message.slice(0, 200) : null;
  }
  return null;
}

function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return null;
  for (const key of ['code', 'type'] as const) {
    const value: unknown = key in error ? (error as Record<string, unknown>)[key] : null;
    if (typeof value === 'string') return value;
  }
  return null;
}

/** Maps an HTTP error answer to a reason. */
export function failureFromResponse(provider: string, status: number, body: unknown) {
  const code = errorCode(body);
  const detail = errorDetail(body);
  const reason: ProviderFailureReason =
    status === 401 || status === 403 || code === 'authentication_error'
      ? 'bad_key'
      : status === 404 || code === 'model_not_found' || code === 'not_found_error'
        ? 'model_missing'
        : status === 429
          ? 'rate_limited'
          : 'provider_error';
  return new ProviderError(provider, reason, detail, status);
}

/** Maps a thrown network error (refused, DNS, timeout) to a reason; re-throws aborts. */
export function failureFromNetwork(provider: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error && error.name === 'AbortError') throw error;
  const cause: unknown = error instanceof Error ? error.cause : null;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : null;
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  return new ProviderError(provider, 'unreachable', timedOut ? 'timed out' : code);
}
