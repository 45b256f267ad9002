import type { ApiResponse, Product } from './http.ts';

/**
 * How each product words success and failure. PVE and PMG share the Perl server (messages in
 * the status line, JSON error bodies, empty 401s); PBS is Rust (plain-text error bodies).
 */
export interface Dialect {
  product: Product;
  ok(data: unknown, total?: number): ApiResponse;
  error(status: number, message: string, errors?: Record<string, string> | null): ApiResponse;
  /** 401 on a normal API call. */
  unauthorized(reason: string): ApiResponse;
  forbidden(aclPath: string, privilege: string): ApiResponse;
  notFound(method: string, path: string): ApiResponse;
}

function json(data: unknown, total?: number): string {
  return JSON.stringify(total === undefined ? { data } : { data, total });
}

export const perlDialect = (product: 'pve' | 'pmg'): Dialect => ({
  product,
  // The Perl formatter drops a zero total.
  ok: (data, total) => ({ status: 200, body: json(data, total ? total : undefined) }),
  error(status, message, errors) {
    const body: Record<string, unknown> = { data: null };
    if (errors)
      body.errors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, `${v}\n`]));
    body.message = `${message}\n`;
    return { status, reason: message, body: JSON.stringify(body) };
  },
  unauthorized: (reason) => ({ status: 401, reason, body: null }),
  forbidden(aclPath, privilege) {
    const message = `Permission check failed (${aclPath}, ${privilege})`;
    return {
      status: 403,
      reason: message,
      body: JSON.stringify({ data: null, message: `${message}\n` }),
    };
  },
  notFound(method, path) {
    const message = `Method '${method} ${path}' not implemented`;
    return { status: 501, reason: message, body: JSON.stringify({ data: null, message }) };
  },
});

/** PBS: Content-Type still says JSON, but error bodies are the bare message. */
export const rustDialect: Dialect = {
  product: 'pbs',
  ok: (data, total) => ({ status: 200, body: json(data, total) }),
  error: (status, message) => ({ status, body: message }),
  unauthorized: () => ({ status: 401, body: 'authentication failed' }),
  forbidden: () => ({ status: 403, body: 'permission check failed' }),
  notFound: (_method, path) => ({ status: 404, body: `Path '${path}' not found.` }),
};
