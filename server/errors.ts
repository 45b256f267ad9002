/**
 * The errors a service may throw for a caller's mistake. GraphQL turns them into typed
 * results, REST into `{"error": "..."}` with the status below; anything else is a bug and is
 * masked as an internal error.
 */
export class ServiceError extends Error {
  readonly status: number = 500;
  readonly code: string = 'INTERNAL';
}

export class ValidationError extends ServiceError {
  override name = 'ValidationError';
  override readonly status = 400;
  override readonly code: string = 'VALIDATION';
  readonly field: string | null;

  constructor(message: string, field: string | null = null) {
    super(message);
    this.field = field;
  }
}

export class NotFoundError extends ServiceError {
  override name = 'NotFoundError';
  override readonly status = 404;
  override readonly code = 'NOT_FOUND';
}

export class UnauthenticatedError extends ServiceError {
  override name = 'UnauthenticatedError';
  override readonly status = 401;
  override readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends ServiceError {
  override name = 'ForbiddenError';
  override readonly status = 403;
  override readonly code = 'FORBIDDEN';
}

/** Too many attempts: rate limits and login lockouts. Answered with `Retry-After`. */
export class TooManyRequestsError extends ServiceError {
  override name = 'TooManyRequestsError';
  override readonly status = 429;
  override readonly code = 'RATE_LIMITED';
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The request clashes with the current state (e.g. setting up security twice). */
export class ConflictError extends ServiceError {
  override name = 'ConflictError';
  override readonly status = 409;
  override readonly code = 'CONFLICT';
}

/** A Pulse Pro feature this install is not licensed for. */
export class PaymentRequiredError extends ServiceError {
  override name = 'PaymentRequiredError';
  override readonly status = 402;
  override readonly code = 'PAYMENT_REQUIRED';
  readonly feature: string;

  constructor(message: string, feature: string) {
    super(message);
    this.feature = feature;
  }
}
