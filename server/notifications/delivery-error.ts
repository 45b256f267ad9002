/**
 * A failed send. `permanent` failures (a refused target, a 4xx other than 408/429, a
 * missing binary) go straight to the dead-letter queue: retrying cannot fix them.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly statusCode: number | null;
  readonly permanent: boolean;

  constructor(message: string, options: { statusCode?: number | null; permanent?: boolean } = {}) {
    super(message);
    this.statusCode = options.statusCode ?? null;
    this.permanent = options.permanent ?? false;
  }
}

export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
