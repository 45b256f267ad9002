import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { generate } from 'selfsigned';

/** What a fake Proxmox saw: the path below /api2/json and everything a test may assert on. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Reply {
  status?: number;
  /** The HTTP reason phrase; Perl servers put their error message here. */
  reason?: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  contentType?: string;
  gzip?: boolean;
  /** Never answer (timeouts). */
  hang?: boolean;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export type Handler = (req: SeenRequest) => Reply | Promise<Reply>;

export interface FakeServer {
  baseUrl: string;
  port: number;
  /** `AA:BB:...` SHA-256 of the leaf certificate. */
  fingerprint: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export interface TestCertificate {
  key: string;
  cert: string;
  fingerprint: string;
}

let shared: Promise<TestCertificate> | null = null;

/** One RSA key per test file keeps the suite fast. */
export function testCertificate(): Promise<TestCertificate> {
  shared ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
  }).then((pems) => ({
    key: pems.private,
    cert: pems.cert,
    fingerprint: new X509Certificate(pems.cert).fingerprint256,
  }));
  return shared;
}

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const tls = await testCertificate();
  const requests: SeenRequest[] = [];
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'https://fake');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/api2\/json/, ''),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const reply = await handler(seen);
      if (reply.hang) return;
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      let body: Buffer =
        reply.body === undefined
          ? Buffer.alloc(0)
          : Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      res.statusCode = reply.status ?? 200;
      if (reply.reason !== undefined) res.statusMessage = reply.reason;
      res.setHeader('content-type', reply.contentType ?? 'application/json;charset=UTF-8');
      if (reply.gzip) {
        body = gzipSync(body);
        res.setHeader('content-encoding', 'gzip');
      }
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${port}`,
    port,
    fingerprint: tls.fingerprint,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `{"data": ...}` (plus `total`), as all three products wrap success. */
export function ok(data: unknown, extra: Record<string, unknown> = {}): Reply {
  return { body: { data, ...extra } };
}

/** The endpoint for a fake: verification off, short timeout. */
export function endpointOf(server: FakeServer, timeoutMs = 5_000) {
  return { baseUrl: server.baseUrl, tls: { verify: false }, timeoutMs };
}

export const PVE_TOKEN = {
  kind: 'token',
  tokenId: 'monitor@pve!pulse',
  secret: '8f1c6d1e-2b7a-4c1e-9d55-0e5c3a9b7f21',
} as const;

/** Runs a promise expected to reject and hands back the rejection for assertions. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
