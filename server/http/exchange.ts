import type { IncomingMessage } from 'node:http';
import type { Credentials, HeaderReader } from '../auth/authenticator.ts';

export const sessionCookie = 'pulse_session';
/** Over HTTPS the session cookie takes the __Host- prefix: only this host, path /, Secure. */
export const secureSessionCookie = '__Host-pulse_session';
export const csrfCookie = 'pulse_csrf';

export interface CookieSpec {
  name: string;
  value: string;
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A malformed cookie from somebody else's app on this host: not ours, ignore it.
    }
  }
  return cookies;
}

/** SameSite=Lax: the cookie follows a top-level link into Pulse but not a cross-site POST. */
export function serializeCookie(cookie: CookieSpec): string {
  const parts = [
    `${cookie.name}=${encodeURIComponent(cookie.value)}`,
    'Path=/',
    `Max-Age=${cookie.maxAgeSeconds}`,
    'SameSite=Lax',
  ];
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.secure) parts.push('Secure');
  return parts.join('; ');
}

export function headerReader(req: IncomingMessage): HeaderReader {
  return (name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
}

/** The peer's address; a forwarded-for header is not trusted, it is anybody's to write. */
export const clientIp = (req: IncomingMessage) =>
  (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

const loopbackAddress = /^(127\.\d+\.\d+\.\d+|::1)$/;

/** A request straight from this machine: loopback peer and nothing forwarded it. */
export function isDirectLoopback(req: IncomingMessage): boolean {
  const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => req.headers[h]);
  return !forwarded && loopbackAddress.test(clientIp(req));
}

/** HTTPS as the browser sees it: TLS here, or a proxy in front saying so. */
export function isSecure(req: IncomingMessage, publicUrl: string | null): boolean {
  if ('encrypted' in req.socket && req.socket.encrypted) return true;
  if (headerReader(req)('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return publicUrl?.startsWith('https://') ?? false;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieValue(req: IncomingMessage): string | undefined {
  const cookies = parseCookies(req.headers.cookie);
  return cookies.get(secureSessionCookie) ?? cookies.get(sessionCookie);
}

/** What the authenticator needs from a node request. */
export function credentialsOf(req: IncomingMessage, extraToken?: string): Credentials {
  return {
    header: headerReader(req),
    ip: clientIp(req),
    sessionCookie: sessionCookieValue(req),
    extraToken,
    changesState: !safeMethods.has((req.method ?? 'GET').toUpperCase()),
  };
}

/** Set-Cookie values that sign a browser in: the HttpOnly session and the readable CSRF token. */
export function sessionCookies(
  issued: { token: string; csrfToken: string; ttlSeconds: number },
  secure: boolean,
): string[] {
  return [
    serializeCookie({
      name: secure ? secureSessionCookie : sessionCookie,
      value: issued.token,
      maxAgeSeconds: issued.ttlSeconds,
      httpOnly: true,
      secure,
    }),
    serializeCookie({
      name: csrfCookie,
      value: issued.csrfToken,
      maxAgeSeconds: issued.ttlSeconds,
      httpOnly: false,
      secure,
    }),
  ];
}

/** Set-Cookie values that sign a browser out. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [sessionCookie, secureSessionCookie, csrfCookie]
    .filter((name) => secure || name !== secureSessionCookie)
    .map((name) =>
      serializeCookie({ name, value: '', maxAgeSeconds: 0, httpOnly: name !== csrfCookie, secure }),
    );
}
