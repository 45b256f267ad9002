import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';
import { bool, obj, ShapeError, str } from './decode.ts';
import { PRODUCT_LABEL, ProxmoxError, type ProxmoxProduct } from './errors.ts';
import {
  type Envelope,
  type ErrorContext,
  type ErrorStyle,
  errorCode,
  errorFromStatus,
  errorFromTransport,
  malformed,
  type PrivilegeHint,
  parseEnvelope,
  type RawResponse,
} from './responses.ts';
import { type Ticket, TicketSession } from './session.ts';
import { createConnector, parseBaseUrl, type TlsPolicy } from './tls.ts';

export interface ProxmoxEndpoint {
  /** `https://host:port`; the client appends `/api2/json`. */
  baseUrl: string;
  /** A fingerprint pins the leaf certificate; `verify: false` accepts any certificate. */
  tls: TlsPolicy;
  /** Per request, including queueing and reading the body. @default 15_000 */
  timeoutMs?: number;
  /** Parallel connections to this host; Proxmox serves API calls with 3 workers. @default 6 */
  maxConnections?: number;
}

export type ProxmoxCredentials =
  | { kind: 'token'; tokenId: string; secret: string }
  | { kind: 'password'; username: string; password: string };

export interface CallOptions {
  /** Aborting rejects with the signal's reason, not a ProxmoxError. */
  signal?: AbortSignal;
  /** Overrides the endpoint's timeout (storage content on PBS-backed storage is slow). */
  timeoutMs?: number;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST';
  /** Below /api2/json, segments already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  form?: Record<string, string>;
  hint?: PrivilegeHint | null;
}

export interface ProductSpec {
  product: ProxmoxProduct;
  cookieName: string;
  style: ErrorStyle;
  /** Null for PMG, which has no API tokens. */
  tokenHeader: ((tokenId: string, secret: string) => string) | null;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const gunzipAsync = promisify(gunzip);
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * The transport shared by the three clients: one pooled undici Agent per endpoint, the
 * product's authentication, and every failure turned into a ProxmoxError.
 */
export class ProxmoxHttp {
  readonly product: ProxmoxProduct;
  #spec: ProductSpec;
  #url: URL;
  #basePath: string;
  #agent: Agent;
  #timeoutMs: number;
  #tokenHeader: string | null = null;
  #session: TicketSession | null = null;
  #closed = false;

  constructor(spec: ProductSpec, endpoint: ProxmoxEndpoint, credentials: ProxmoxCredentials) {
    this.product = spec.product;
    this.#spec = spec;
    const { url, basePath } = parseBaseUrl(endpoint.baseUrl);
    this.#url = url;
    this.#basePath = basePath;
    this.#timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (credentials.kind === 'token') {
      this.#tokenHeader = tokenHeader(spec, credentials.tokenId, credentials.secret);
    } else {
      checkUsername(spec.product, credentials.username, credentials.password);
      this.#session = new TicketSession(credentials.username, credentials.password, (u, p) =>
        this.#login(u, p),
      );
    }
    this.#agent = new Agent({
      connect: createConnector(endpoint.tls, this.#timeoutMs),
      connections: endpoint.maxConnections ?? 6,
    });
  }

  async call<T>(
    req: ApiRequest,
    decode: (envelope: Envelope) => T,
    opts?: CallOptions,
  ): Promise<T> {
    const ctx = this.#context(req);
    for (let attempt = 0; ; attempt += 1) {
      const ticket = this.#session === null ? null : await this.#session.ticket();
      const res = await this.#send(req, ctx, this.#authHeaders(req, ticket), opts);
      if (res.status === 401 && ticket !== null && attempt === 0) {
        // An expired or restarted-server ticket: log in once more, then give up.
        this.#session?.invalidate(ticket);
        continue;
      }
      if (res.status < 200 || res.status > 299) throw errorFromStatus(ctx, res);
      const envelope = parseEnvelope(ctx, res);
      try {
        return decode(envelope);
      } catch (error) {
        if (error instanceof ShapeError) throw malformed(ctx, res.status, error.message);
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#agent.close();
  }

  #context(req: ApiRequest): ErrorContext {
    return { product: this.product, style: this.#spec.style, path: req.path, hint: req.hint };
  }

  #authHeaders(req: ApiRequest, ticket: Ticket | null): Record<string, string> {
    if (this.#tokenHeader !== null) return { authorization: this.#tokenHeader };
    if (ticket === null) return {};
    const headers: Record<string, string> = { cookie: `${this.#spec.cookieName}=${ticket.ticket}` };
    if ((req.method ?? 'GET') !== 'GET') headers.csrfpreventiontoken = ticket.csrf;
    return headers;
  }

  async #login(username: string, password: string): Promise<Omit<Ticket, 'issuedAt'>> {
    const req: ApiRequest = {
      method: 'POST',
      path: '/access/ticket',
      form: { username, password },
    };
    const ctx = this.#context(req);
    const res = await this.#send(req, ctx, {});
    const label = PRODUCT_LABEL[this.product];
    if (res.status === 401) {
      const error = errorFromStatus(ctx, res);
      throw new ProxmoxError(
        `${label} login as ${username} failed${error.reason ? ` (${error.reason})` : ''}. Check the user name, realm and password.`,
        { kind: 'auth', product: this.product, path: req.path, status: 401, reason: error.reason },
      );
    }
    if (res.status < 200 || res.status > 299) throw errorFromStatus(ctx, res);
    const data = obj(parseEnvelope(ctx, res).data);
    if (data === null) throw malformed(ctx, res.status, 'login answer is not an object');
    const ticket = str(data.ticket);
    const csrf = str(data.CSRFPreventionToken);
    if (bool(data.NeedTFA) === true) {
      throw new ProxmoxError(
        `${label} user ${username} has two-factor authentication enabled; use an account without it or an API token.`,
        { kind: 'auth', product: this.product, path: req.path, status: res.status },
      );
    }
    if (ticket === null || csrf === null) {
      throw malformed(ctx, res.status, 'login answer without a ticket');
    }
    return { ticket, csrf };
  }

  async #send(
    req: ApiRequest,
    ctx: ErrorContext,
    auth: Record<string, string>,
    opts?: CallOptions,
  ): Promise<RawResponse> {
    const method = req.method ?? 'GET';
    const timeoutMs = opts?.timeoutMs ?? this.#timeoutMs;
    const timer = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      timer.abort();
    }, timeoutMs);
    const signal = opts?.signal ? AbortSignal.any([timer.signal, opts.signal]) : timer.signal;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': 'gzip',
      ...auth,
    };
    let body: string | undefined;
    if (req.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    const options: Dispatcher.RequestOptions = {
      origin: this.#url.origin,
      path: `${this.#basePath}/api2/json${req.path}${queryString(req.query)}`,
      method,
      headers,
      body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    };
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          opts?.signal?.throwIfAborted();
          return await this.#exchange(options, ctx);
        } catch (error) {
          if (error instanceof ProxmoxError) throw error;
          if (opts?.signal?.aborted && !timedOut) throw opts.signal.reason;
          // A keep-alive connection the server closed just as we reused it.
          const code = errorCode(error);
          if (
            method === 'GET' &&
            attempt === 0 &&
            !timedOut &&
            code &&
            STALE_SOCKET_CODES.has(code)
          ) {
            continue;
          }
          throw errorFromTransport({ ...ctx, host: this.#url.host, timeoutMs, timedOut }, error);
        }
      }
    } finally {
      clearTimeout(timeout);
    }
  }

  async #exchange(options: Dispatcher.RequestOptions, ctx: ErrorContext): Promise<RawResponse> {
    const res = await this.#agent.request(options);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw malformed(ctx, res.statusCode, `response larger than ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(buffer);
    }
    let body = Buffer.concat(chunks);
    const encoding = headerText(res.headers['content-encoding']).toLowerCase();
    if (encoding === 'gzip' && body.length > 0) {
      try {
        body = await gunzipAsync(body);
      } catch {
        throw malformed(ctx, res.statusCode, 'gzip body does not decompress');
      }
    }
    return {
      status: res.statusCode,
      statusText: res.statusText ?? '',
      contentType: headerText(res.headers['content-type']),
      body,
    };
  }
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    params.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Encodes one path segment (node, storage, datastore names, UPIDs). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

function credentialError(product: ProxmoxProduct, message: string): ProxmoxError {
  return new ProxmoxError(message, { kind: 'auth', product, path: '' });
}

function tokenHeader(spec: ProductSpec, tokenId: string, secret: string): string {
  const label = PRODUCT_LABEL[spec.product];
  if (spec.tokenHeader === null) {
    throw credentialError(
      spec.product,
      `${label} does not support API tokens; use a user name and password (e.g. admin@pmg).`,
    );
  }
  if (!/^[^\s@!]+@[^\s@!]+![^\s@!:=]+$/.test(tokenId)) {
    throw credentialError(
      spec.product,
      `${label} API token id must look like user@realm!tokenname (got '${tokenId}').`,
    );
  }
  // Header values cannot carry control characters; say so without echoing the secret.
  if (secret === '' || /[\s\p{Cc}]/u.test(secret)) {
    throw credentialError(spec.product, `${label} API token secret is empty or contains spaces.`);
  }
  return spec.tokenHeader(tokenId, secret);
}

function checkUsername(product: ProxmoxProduct, username: string, password: string): void {
  const label = PRODUCT_LABEL[product];
  if (!/^[^\s@]+@[^\s@]+$/.test(username)) {
    throw credentialError(
      product,
      `${label} user name must include the realm, e.g. root@pam (got '${username}').`,
    );
  }
  if (password === '') throw credentialError(product, `${label} password is empty.`);
}
