import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { CertPair } from './tls.ts';

const gzipAsync = promisify(gzip);
const MAX_BODY_BYTES = 1024 * 1024;

export type Product = 'pve' | 'pbs' | 'pmg';

export interface ApiRequest {
  method: string;
  /** Full request path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Form or JSON body flattened to strings. */
  body: URLSearchParams;
  headers: IncomingHttpHeaders;
  cookies: Map<string, string>;
}

export interface ApiResponse {
  status: number;
  /** Status-line text; Perl servers put the error message here. */
  reason?: string;
  /** null: no body at all (Perl 401s, proxy failures). */
  body: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RequestHandler = (request: ApiRequest) => Promise<ApiResponse>;

interface ListenerOptions {
  product: Product;
  name: string;
  host: string;
  cert: CertPair;
  /** Empty: no Server header (PBS sends none). */
  serverHeader: string;
  handle: RequestHandler;
}

/**
 * One simulated host: an HTTPS listener on loopback with its own certificate. It can stop
 * accepting (node offline) and come back on the same port, and swap certificates in place.
 */
export class Listener {
  readonly product: Product;
  readonly name: string;
  readonly host: string;
  requests = 0;
  port = 0;
  #cert: CertPair;
  readonly #server: Server;
  #listening = false;
  readonly #serverHeader: string;
  readonly #handle: RequestHandler;

  constructor(options: ListenerOptions) {
    this.product = options.product;
    this.name = options.name;
    this.host = options.host;
    this.#cert = options.cert;
    this.#serverHeader = options.serverHeader;
    this.#handle = options.handle;
    this.#server = createServer({ key: options.cert.key, cert: options.cert.cert }, (req, res) => {
      this.requests++;
      this.#serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, 'internal simulator error');
        res.end();
        process.emitWarning(`demo estate: ${String(error)}`);
      });
    });
    // pveproxy keeps connections for 100 requests; a long idle timeout is close enough.
    this.#server.keepAliveTimeout = 30_000;
  }

  get fingerprint(): string {
    return this.#cert.fingerprint;
  }

  get cert(): CertPair {
    return this.#cert;
  }

  get baseUrl(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `https://${host}:${this.port}`;
  }

  get listening(): boolean {
    return this.#listening;
  }

  async listen(): Promise<void> {
    if (this.#listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(this.port, this.host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    this.#listening = true;
    this.port = (this.#server.address() as AddressInfo).port;
  }

  /** Stop accepting: new connections are refused, open ones are cut. */
  async close(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  setCert(cert: CertPair): void {
    this.#cert = cert;
    this.#server.setSecureContext({ key: cert.key, cert: cert.cert });
    // Idle keep-alive connections would keep the old certificate; make clients reconnect.
    this.#server.closeIdleConnections();
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://demo.invalid');
    const raw = await readBody(req);
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: parseBody(raw, req.headers['content-type']),
      headers: req.headers,
      cookies: parseCookies(req.headers.cookie),
    };
    const response = await this.#handle(request);
    await this.#write(req, res, response);
  }

  async #write(req: IncomingMessage, res: ServerResponse, response: ApiResponse): Promise<void> {
    if (res.destroyed) return;
    const headers: Record<string, string> = {
      'Cache-Control': 'max-age=0',
      Pragma: 'no-cache',
      ...response.headers,
    };
    if (this.#serverHeader !== '') headers.Server = this.#serverHeader;
    let body: Buffer | null = response.body === null ? null : Buffer.from(response.body, 'utf8');
    if (body !== null) {
      headers['Content-Type'] = response.contentType ?? 'application/json;charset=UTF-8';
      const accepts = String(req.headers['accept-encoding'] ?? '');
      if (body.length > 1024 && /\bgzip\b/.test(accepts)) {
        body = await gzipAsync(body);
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = String(body.length);
    } else {
      headers['Content-Length'] = '0';
    }
    res.writeHead(response.status, statusText(response), headers);
    res.end(body ?? undefined);
  }
}

function statusText(response: ApiResponse): string {
  // The status line cannot carry line breaks; Perl strips them too.
  return (response.reason ?? defaultReason(response.status)).replace(/[\r\n]+/g, ' ').trim();
}

function defaultReason(status: number): string {
  const reasons: Record<number, string> = {
    200: 'OK',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    503: 'Service Unavailable',
  };
  return reasons[status] ?? 'Error';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): URLSearchParams {
  if (raw === '') return new URLSearchParams();
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      const out = new URLSearchParams();
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) {
          if (v !== null && v !== undefined)
            out.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
        }
      }
      return out;
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(raw);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const value = part.slice(eq + 1).trim();
    try {
      out.set(part.slice(0, eq).trim(), decodeURIComponent(value));
    } catch {
      out.set(part.slice(0, eq).trim(), value);
    }
  }
  return out;
}
