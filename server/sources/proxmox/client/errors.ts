export type ProxmoxProduct = 'pve' | 'pbs' | 'pmg';

export type ProxmoxErrorKind =
  /** Wrong, expired or revoked credentials (401). */
  | 'auth'
  /** Missing privilege (403); `privilege` names it when known. */
  | 'permission'
  /** DNS failure, connection refused/reset, or 595/596/597 from a proxying node. */
  | 'unreachable'
  /** TLS verification failed or the pinned fingerprint did not match; nothing was sent. */
  | 'certificate'
  /** No complete answer within the per-request timeout. */
  | 'timeout'
  /** 404, or 501 "not implemented" (older product version). */
  | 'not-found'
  /** Any other 4xx/5xx answered by the product. */
  | 'upstream'
  /** A body that is not the JSON shape the endpoint documents. */
  | 'malformed';

export interface ProxmoxErrorInit {
  kind: ProxmoxErrorKind;
  product: ProxmoxProduct;
  /** API path below /api2/json, without the query; empty when no request was made. */
  path: string;
  status?: number | null;
  privilege?: string | null;
  /** The product's own words (status line or body), trimmed; never contains credentials. */
  reason?: string | null;
  cause?: unknown;
}

/**
 * Every failure of a Proxmox call, whatever the product's convention for reporting it. The
 * message is a sentence a user can act on; it never contains secrets.
 */
export class ProxmoxError extends Error {
  override name = 'ProxmoxError';
  readonly kind: ProxmoxErrorKind;
  readonly status: number | null;
  readonly path: string;
  readonly privilege: string | null;
  readonly product: ProxmoxProduct;
  readonly reason: string | null;

  constructor(message: string, init: ProxmoxErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.path = init.path;
    this.privilege = init.privilege ?? null;
    this.product = init.product;
    this.reason = init.reason ?? null;
  }
}

export function isProxmoxError(error: unknown, kind?: ProxmoxErrorKind): error is ProxmoxError {
  return error instanceof ProxmoxError && (kind === undefined || error.kind === kind);
}

export const PRODUCT_LABEL: Record<ProxmoxProduct, string> = {
  pve: 'PVE',
  pbs: 'PBS',
  pmg: 'PMG',
};

/** Perl joins all-of privileges with ',' and any-of with '|'; say it in words. */
export function describePrivilege(privilege: string): string {
  if (privilege.includes('|')) return joinWords(privilege.split('|'), 'or');
  return joinWords(privilege.split(','), 'and');
}

function joinWords(parts: string[], word: string): string {
  const clean = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (clean.length <= 1) return clean[0] ?? '';
  return `${clean.slice(0, -1).join(', ')} ${word} ${clean.at(-1)}`;
}

/** Server text is shown to users: keep one line, bounded, and end it cleanly. */
export function cleanReason(text: string | null | undefined): string | null {
  if (text == null) return null;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return null;
  const bounded = oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
  return bounded.replace(/[.\s]+$/, '');
}
