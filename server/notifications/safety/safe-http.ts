import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkAddress, checkUrl, type TargetPolicy } from './url-guard.ts';

export interface OutboundRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  body: string;
  durationMs: number;
}

/** A refused target: the request was never sent. */
export class BlockedTargetError extends Error {
  override name = 'BlockedTargetError';
}

/**
 * A lookup that judges every address DNS returns, on the connection itself. Checking the
 * name when the webhook is saved is not enough: the name may resolve elsewhere later
 * (DNS rebinding), so the address actually dialled is the one checked.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      for (const entry of addresses) {
        const verdict = checkAddress(entry.address, policy);
        if (!verdict.ok) {
          return callback(new BlockedTargetError(`${hostname} resolves to ${verdict.reason}`));
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no addresses`));
      return callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

const maxResponseBytes = 64 * 1024;

/** One HTTP request to a user-configured target, refused when the target is not allowed. */
export function safeRequest(
  request: OutboundRequest,
  policy: TargetPolicy,
): Promise<OutboundResponse> {
  const checked = checkUrl(request.url, policy);
  if ('reason' in checked) {
    return Promise.reject(new BlockedTargetError(`target URL ${checked.reason}`));
  }
  const { url } = checked;
  const started = performance.now();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: request.method,
        headers: {
          'user-agent': 'Pulse-Notifications',
          ...request.headers,
          ...(request.body !== null && {
            'content-length': String(Buffer.byteLength(request.body)),
          }),
        },
        lookup: guardedLookup(policy),
        timeout: request.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // Only the start of an error page is kept for the history.
          if (size < maxResponseBytes) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, maxResponseBytes),
            durationMs: Math.round(performance.now() - started),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}
