import type { IncomingMessage, ServerResponse } from 'node:http';
import { distributionPaths } from './agent-distribution.ts';
import { clientIp, headerReader, isSecure } from './exchange.ts';
import { budgets, type RateBudget, type RateLimiter } from './rate-limit.ts';

const authPaths = new Set([
  '/api/login',
  '/api/security/quick-setup',
  '/api/security/change-password',
  '/api/oidc/login',
  '/api/oidc/callback',
]);

/** Which budget a request spends: sign-in routes have their own, small one. */
export function budgetFor(path: string): RateBudget | null {
  if (authPaths.has(path) || path.startsWith('/api/oidc/')) return budgets.auth;
  if (path === '/api/security/validate-bootstrap-token') return budgets.bootstrap;
  if (path === '/api/security/recovery') return budgets.recovery;
  if (distributionPaths.has(path)) return budgets.download;
  if (path === '/graphql' || path === '/api' || path.startsWith('/api/')) return budgets.general;
  return null;
}

/**
 * Spends one request from the caller's budget; over it, answers 429 with Retry-After and
 * returns false. Health checks are free: a monitor of the monitor must not lock itself out.
 */
export function withinRateLimit(
  limiter: RateLimiter,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (path === '/api/health') return true;
  const budget = budgetFor(path);
  if (!budget) return true;
  const decision = limiter.take(budget, clientIp(req));
  res.setHeader('x-ratelimit-limit', String(decision.limit));
  res.setHeader('x-ratelimit-remaining', String(decision.remaining));
  res.setHeader('x-ratelimit-reset', String(decision.resetSeconds));
  if (decision.allowed) return true;
  const body = JSON.stringify({ error: 'too many requests; slow down and try again later' });
  res.writeHead(429, {
    'retry-after': String(decision.resetSeconds),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return false;
}

const baseHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy':
    'geolocation=(), microphone=(), camera=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()',
  'x-xss-protection': '0',
};

/** API answers (and the agent downloads) are data, never pages: nothing may load or frame them. */
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers for every response. Dashboard pages get their CSP from SvelteKit (it knows the
 * nonces of its own inline scripts); everything else gets the strictest one.
 */
export function applySecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  publicUrl: string | null,
): void {
  for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
  const graphiql = path === '/graphql' && req.method === 'GET';
  const data = path === '/api' || path.startsWith('/api/') || distributionPaths.has(path);
  if ((path === '/graphql' && !graphiql) || data) {
    res.setHeader('content-security-policy', apiCsp);
  }
  if (isSecure(req, publicUrl)) {
    res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  }
}

/**
 * Refuses WebSocket upgrades from other sites: a browser sends the session cookie with any
 * page's WebSocket, so a foreign Origin would ride on the user's session.
 */
export function sameOriginUpgrade(req: IncomingMessage, publicUrl: string | null): boolean {
  const origin = headerReader(req)('origin');
  if (!origin) return true; // not a browser
  const host = headerReader(req)('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  if (host && originHost === host) return true;
  return publicUrl !== null && new URL(publicUrl).host === originHost;
}
