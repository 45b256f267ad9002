import { isObject, type Json, num } from './decode.ts';
import {
  cleanReason,
  describePrivilege,
  PRODUCT_LABEL,
  ProxmoxError,
  type ProxmoxErrorKind,
  type ProxmoxProduct,
} from './errors.ts';
import { PinMismatchError, seconds } from './tls.ts';

/** The privilege an endpoint needs, for servers (PBS) whose 403 does not name it. */
export interface PrivilegeHint {
  privilege: string;
  aclPath: string;
}

export interface RawResponse {
  status: number;
  statusText: string;
  contentType: string;
  body: Buffer;
}

export interface Envelope {
  data: unknown;
  /** Top-level `total` of paged lists; Perl omits it when zero. */
  total: number | null;
}

/** Perl servers put the reason in the status line and a JSON body; PBS sends plain text. */
export type ErrorStyle = 'perl' | 'rust';

export interface ErrorContext {
  product: ProxmoxProduct;
  style: ErrorStyle;
  path: string;
  hint?: PrivilegeHint | null;
}

const PERL_PERMISSION = /Permission check failed \(([^,()]+),\s*([^()]+)\)/i;

export function parseEnvelope(ctx: ErrorContext, res: RawResponse): Envelope {
  const label = PRODUCT_LABEL[ctx.product];
  const text = res.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    const type = res.contentType === '' ? 'no content type' : res.contentType;
    throw new ProxmoxError(
      `${label} sent a response for ${ctx.path} that is not JSON (${type}); is a proxy or another service answering on this port?`,
      { kind: 'malformed', product: ctx.product, path: ctx.path, status: res.status, cause },
    );
  }
  if (!isObject(parsed) || !('data' in parsed)) {
    throw malformed(ctx, res.status, 'has no "data" envelope');
  }
  return { data: parsed.data, total: num(parsed.total) };
}

export function malformed(ctx: ErrorContext, status: number | null, detail: string): ProxmoxError {
  const label = PRODUCT_LABEL[ctx.product];
  return new ProxmoxError(`${label} sent an unexpected response for ${ctx.path}: ${detail}.`, {
    kind: 'malformed',
    product: ctx.product,
    path: ctx.path,
    status,
  });
}

export function errorFromStatus(ctx: ErrorContext, res: RawResponse): ProxmoxError {
  const label = PRODUCT_LABEL[ctx.product];
  const reason = reasonOf(ctx.style, res);
  const base = { product: ctx.product, path: ctx.path, status: res.status, reason };
  const said = reason === null ? '' : `: ${reason}`;
  const make = (kind: ProxmoxErrorKind, message: string, privilege: string | null = null) =>
    new ProxmoxError(message, { ...base, kind, privilege });

  if (res.status === 401) {
    return make(
      'auth',
      `${label} rejected the credentials${said}. Check the user and password or API token, and that it is neither expired nor revoked.`,
    );
  }
  if (res.status === 403) return permissionError(ctx, reason, res.status);
  if (res.status === 404 || res.status === 501) {
    return make('not-found', `${ctx.path} is not available on this ${label}${said}.`);
  }
  if (res.status >= 595 && res.status <= 597) {
    return make(
      'unreachable',
      `${label} could not reach the node that serves ${ctx.path}${said}. The node may be offline.`,
    );
  }
  return make('upstream', `${label} answered ${res.status} for ${ctx.path}${said}.`);
}

function permissionError(ctx: ErrorContext, reason: string | null, status: number): ProxmoxError {
  const label = PRODUCT_LABEL[ctx.product];
  const match = reason === null ? null : PERL_PERMISSION.exec(reason);
  // Perl names the privilege itself; any other Perl 403 text (e.g. "not available with API
  // token") is a different problem, so the endpoint's usual privilege would mislead.
  const hint = ctx.style === 'rust' || reason === null ? ctx.hint : null;
  const aclPath = match?.[1]?.trim() ?? hint?.aclPath ?? null;
  const privilege = match?.[2]?.trim() ?? hint?.privilege ?? null;
  const init = { kind: 'permission' as const, product: ctx.product, path: ctx.path, status };
  if (privilege === null) {
    const said = reason === null ? '' : `: ${reason}`;
    return new ProxmoxError(`Permission denied for ${ctx.path} (${label})${said}.`, {
      ...init,
      reason,
    });
  }
  const where = aclPath === null ? `for ${ctx.path}` : `on ${aclPath}`;
  return new ProxmoxError(
    `Missing privilege ${describePrivilege(privilege)} ${where} (${label}).`,
    {
      ...init,
      privilege,
      reason,
    },
  );
}

/** The product's own words for a failed call, wherever its convention puts them. */
function reasonOf(style: ErrorStyle, res: RawResponse): string | null {
  const text = res.body.toString('utf8').trim();
  const json = text.startsWith('{') ? tryJson(text) : null;
  const statusLine = cleanReason(res.statusText);
  if (json !== null) {
    const message = cleanReason(typeof json.message === 'string' ? json.message : null);
    const details = fieldErrors(json.errors);
    if (message !== null) return details === null ? message : `${message} (${details})`;
  }
  // PBS writes the message as plain text even under an application/json content type.
  if (style === 'rust' && json === null && text !== '' && !looksLikeHtml(text)) {
    return cleanReason(text);
  }
  return statusLine;
}

function fieldErrors(errors: unknown): string | null {
  if (!isObject(errors)) return null;
  const parts = Object.entries(errors)
    .map(
      ([field, text]) => `${field}: ${cleanReason(typeof text === 'string' ? text : null) ?? '?'}`,
    )
    .slice(0, 5);
  return parts.length === 0 ? null : parts.join('; ');
}

function tryJson(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function looksLikeHtml(text: string): boolean {
  return /^<(!doctype|html|head|body)/i.test(text);
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export interface TransportContext extends ErrorContext {
  host: string;
  timeoutMs: number;
  timedOut: boolean;
}

/** A failure before any HTTP status arrived: DNS, TCP, TLS, timeout. */
export function errorFromTransport(ctx: TransportContext, error: unknown): ProxmoxError {
  const label = PRODUCT_LABEL[ctx.product];
  const init = { product: ctx.product, path: ctx.path, cause: error };
  const code = errorCode(error);
  const detail = error instanceof Error ? cleanReason(error.message) : null;

  if (ctx.timedOut || (code !== null && TIMEOUT_CODES.has(code))) {
    return new ProxmoxError(
      `${label} at ${ctx.host} did not answer ${ctx.path} within ${seconds(ctx.timeoutMs)}.`,
      { ...init, kind: 'timeout' },
    );
  }
  if (error instanceof PinMismatchError) {
    return new ProxmoxError(
      `Certificate fingerprint mismatch: expected ${error.expected}, got ${error.actual ?? 'no certificate'}. ` +
        `The certificate of ${label} at ${ctx.host} changed; confirm it and update the pinned fingerprint.`,
      { ...init, kind: 'certificate' },
    );
  }
  if (code !== null && CERTIFICATE_CODES.has(code)) {
    return new ProxmoxError(
      `The certificate of ${label} at ${ctx.host} is not trusted (${detail ?? code}). ` +
        'Pin its fingerprint or turn verification off for this node.',
      { ...init, kind: 'certificate' },
    );
  }
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the host name does not resolve'
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : (detail ?? code ?? 'connection failed');
  return new ProxmoxError(`Cannot reach ${label} at ${ctx.host}: ${why}.`, {
    ...init,
    kind: 'unreachable',
  });
}

export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = error.code;
  return typeof code === 'string' ? code : null;
}
