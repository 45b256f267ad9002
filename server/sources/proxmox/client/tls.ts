import type { Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { buildConnector } from 'undici';
import { PRODUCT_LABEL, ProxmoxError, type ProxmoxProduct } from './errors.ts';

export interface TlsPolicy {
  /** Verify the chain against the system CAs; ignored when a fingerprint is pinned. */
  verify: boolean;
  /** SHA-256 of the leaf certificate, any case, colons optional. */
  fingerprint?: string | null;
}

/** `AA:BB:...` (32 upper-case pairs), or null when the text is not a SHA-256 fingerprint. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

/** Raised inside the connector; the transport turns it into a 'certificate' ProxmoxError. */
export class PinMismatchError extends Error {
  override name = 'PinMismatchError';
  readonly code = 'PULSE_PIN_MISMATCH';
  readonly expected: string;
  readonly actual: string | null;

  constructor(expected: string, actual: string | null) {
    super(`certificate fingerprint mismatch: expected ${expected}, got ${actual ?? 'none'}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The undici connector for one endpoint. With a pin, chain verification is off and the
 * leaf's SHA-256 is compared after the handshake and before undici gets the socket, so a
 * mismatched peer never receives a byte of any request (credentials included).
 */
export function createConnector(policy: TlsPolicy, timeoutMs: number): buildConnector.connector {
  const pin = policy.fingerprint ? normaliseFingerprint(policy.fingerprint) : null;
  if (policy.fingerprint && pin === null) {
    throw new TypeError('TLS fingerprint must be a SHA-256 fingerprint (32 hex pairs)');
  }
  const base = buildConnector({
    rejectUnauthorized: pin === null && policy.verify,
    timeout: timeoutMs,
    // A resumed session may not carry the peer certificate; pinning needs it every time.
    maxCachedSessions: pin === null ? 100 : 0,
  });
  if (pin === null) return base;
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error !== null || socket === null) {
        callback(error ?? new Error('connection failed'), null);
        return;
      }
      if (options.protocol !== 'https:') {
        callback(null, socket);
        return;
      }
      const actual = peerFingerprint(socket);
      if (actual !== pin) {
        socket.destroy();
        callback(new PinMismatchError(pin, actual), null);
        return;
      }
      callback(null, socket);
    });
  };
}

function peerFingerprint(socket: Socket | TLSSocket): string | null {
  if (!('getPeerX509Certificate' in socket)) return null;
  const raw = socket.getPeerX509Certificate()?.fingerprint256;
  return raw ? normaliseFingerprint(raw) : null;
}

/**
 * Connects, reads the leaf certificate's SHA-256 and hangs up without sending a request;
 * for "trust on first use" when a node is added.
 */
export function fetchCertificateFingerprint(
  baseUrl: string,
  timeoutMs: number,
  product: ProxmoxProduct = 'pve',
): Promise<string> {
  const { url } = parseBaseUrl(baseUrl);
  const label = PRODUCT_LABEL[product];
  const fail = (
    kind: 'unreachable' | 'timeout' | 'certificate',
    message: string,
    cause?: unknown,
  ) => new ProxmoxError(message, { kind, product, path: '', cause });
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tlsConnect({
      host,
      port: Number(url.port || 443),
      servername: isIp(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        fail(
          'timeout',
          `${label} at ${url.host} did not complete a TLS handshake within ${seconds(timeoutMs)}.`,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const fingerprint = peerFingerprint(socket);
      socket.end();
      socket.destroy();
      if (fingerprint === null) {
        reject(fail('certificate', `${label} at ${url.host} presented no certificate.`));
      } else {
        resolve(fingerprint);
      }
    });
    // `on`, not `once`: a second error after destroy() must not go unhandled.
    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(fail('unreachable', `Cannot reach ${label} at ${url.host}: ${error.message}.`, error));
    });
  });
}

/**
 * Accepts `https://host:port`, with or without a trailing slash or `/api2/json`; a path prefix
 * (reverse proxy) is kept in `basePath`, without a trailing slash.
 */
export function parseBaseUrl(baseUrl: string): { url: URL; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Invalid Proxmox address '${baseUrl}': expected https://host:port`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Invalid Proxmox address '${baseUrl}': expected https://host:port`);
  }
  const basePath = url.pathname.replace(/\/+$/, '').replace(/\/api2\/json$/, '');
  return { url, basePath };
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

export function seconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
