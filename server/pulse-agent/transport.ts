import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { agentVersion } from './version.ts';

export type ReportKind = 'host' | 'docker' | 'kubernetes';

/** What came of one POST. */
export type Delivery =
  | { outcome: 'accepted'; intervalSeconds?: number }
  | { outcome: 'rejected'; status: number; message: string; retryAfterSeconds?: number }
  | { outcome: 'unreachable'; message: string };

export interface TransportOptions {
  /** Pulse's base URL, no trailing slash. */
  url: string;
  token: string;
  insecure?: boolean;
  timeoutMs?: number;
}

/** Anything that sends one report; the outbox only needs this. */
export interface Sender {
  readonly url: string;
  send(kind: ReportKind, body: string, signal: AbortSignal): Promise<Delivery>;
}

/** Pulse's answers are short; more than this is not Pulse. */
const maxAnswerBytes = 64 * 1024;

/** Certificate errors, where `--insecure` (or a trusted CA) is the fix. */
const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * POSTs reports with node:http(s) rather than fetch: `--insecure` needs a per-connection TLS
 * option, and the local address of the connection is the IP Pulse reaches this host at.
 */
export class Transport implements Sender {
  readonly url: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #agent: HttpAgent | HttpsAgent;
  readonly #https: boolean;
  #localAddress: string | undefined;

  constructor(options: TransportOptions) {
    this.url = options.url;
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#https = options.url.startsWith('https:');
    this.#agent = this.#https
      ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: !options.insecure })
      : new HttpAgent({ keepAlive: true });
  }

  /** This side's address of the last connection that reached Pulse. */
  get localAddress(): string | undefined {
    return this.#localAddress;
  }

  send(kind: ReportKind, body: string, signal: AbortSignal): Promise<Delivery> {
    const target = new URL(`${this.url}/api/agents/${kind}/report`);
    const request = this.#https ? httpsRequest : httpRequest;
    return new Promise<Delivery>((resolve) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent: this.#agent,
          signal,
          timeout: this.#timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-api-token': this.#token,
            'user-agent': `pulse-agent/${agentVersion}`,
            accept: 'application/json',
          },
        },
        (res) => {
          const address = res.socket?.localAddress;
          if (address) this.#localAddress = address.replace(/^::ffff:/, '');
          void readAnswer(res).then((answer) => resolve(deliveryOf(res, answer)));
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer within ${this.#timeoutMs / 1000}s`)),
      );
      req.on('error', (error) => resolve({ outcome: 'unreachable', message: describe(error) }));
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

async function readAnswer(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += (chunk as Buffer).length;
      if (size > maxAnswerBytes) break;
      chunks.push(chunk as Buffer);
    }
  } catch {
    // A cut-off answer still has its status, which is what matters.
  }
  return Buffer.concat(chunks).toString('utf8');
}

function deliveryOf(res: IncomingMessage, answer: string): Delivery {
  const status = res.statusCode ?? 0;
  let json: unknown = null;
  try {
    json = JSON.parse(answer);
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  if (status >= 200 && status < 300) {
    const interval = (json as { config?: { intervalSeconds?: unknown } } | null)?.config
      ?.intervalSeconds;
    return typeof interval === 'number' && interval >= 1 && interval <= 86_400
      ? { outcome: 'accepted', intervalSeconds: interval }
      : { outcome: 'accepted' };
  }
  const said = json as { error?: unknown; message?: unknown } | null;
  const message =
    typeof said?.error === 'string'
      ? said.error
      : typeof said?.message === 'string'
        ? said.message
        : answer.trim().slice(0, 200) || res.statusMessage || `HTTP ${status}`;
  const retryAfter = Number(res.headers['retry-after']);
  return {
    outcome: 'rejected',
    status,
    message,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (error.name === 'AbortError') return 'the request was cancelled';
  if (code && certificateCodes.has(code)) {
    return `its TLS certificate is not trusted (${code}); pass --insecure for a self-signed certificate`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused (is Pulse running and the port right?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET') return 'the connection was reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'no route to the host';
  return code ? `${error.message} (${code})` : error.message;
}
