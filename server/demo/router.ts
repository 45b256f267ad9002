/** A route table: `/nodes/{node}/qemu/{vmid}/status/current` style patterns, matched by segment. */

export interface Call {
  /** Path placeholders. */
  params: Record<string, string>;
  /** Query string merged with the request body (Perl and Rust servers treat them alike). */
  args: URLSearchParams;
  /** Simulated time of the request (ms). */
  at: number;
  method: string;
  path: string;
}

export type Handler<E> = (env: E, call: Call) => unknown;

export interface Route<E> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  segments: string[];
  handler: Handler<E>;
}

/** A list reply with a top-level `total` (paged endpoints). */
export class Paged {
  readonly data: unknown[];
  readonly total: number;
  constructor(data: unknown[], total: number) {
    this.data = data;
    this.total = total;
  }
}

/** A failure the handler reports on purpose; each product formats it its own way. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: Record<string, string> | null;
  constructor(status: number, message: string, errors: Record<string, string> | null = null) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

export function route<E>(
  method: Route<E>['method'],
  pattern: string,
  handler: Handler<E>,
): Route<E> {
  return { method, segments: split(pattern), handler };
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export type Match<E> =
  | { kind: 'found'; route: Route<E>; params: Record<string, string> }
  | { kind: 'none' };

export function findRoute<E>(routes: Route<E>[], method: string, path: string): Match<E> {
  const parts = split(path);
  for (const r of routes) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = r.segments[i] ?? '';
      const part = parts[i] ?? '';
      if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(part);
      else ok = seg === part;
    }
    if (ok) return { kind: 'found', route: r, params };
  }
  return { kind: 'none' };
}

/** Integer query/body argument with Perl-style validation. */
export function intArg(args: URLSearchParams, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    throw new ApiError(400, 'Parameter verification failed.', {
      [name]: `type check ('integer') failed - got '${raw}'`,
    });
  }
  return Number(raw);
}

export function boolArg(args: URLSearchParams, name: string): boolean {
  const raw = args.get(name);
  return raw === '1' || raw === 'true';
}
