import type { Role } from '../access/abilities.ts';
import { sameSecret } from './secrets.ts';

/** Pulse's PROXY_AUTH_* settings: trust a user header only next to the shared secret. */
export interface ProxyAuthConfig {
  secret: string;
  userHeader: string;
  roleHeader: string | null;
  adminRole: string;
  operatorRole: string;
  separator: string;
  logoutUrl: string | null;
}

export type HeaderReader = (name: string) => string | undefined;

/**
 * The user a reverse proxy vouches for, or null. The proxy proves itself with X-Proxy-Secret;
 * with a role header, a user is admin only when it lists the admin role (operator likewise),
 * and a viewer otherwise. Without one, everybody the proxy lets through is an admin.
 */
export function proxyUser(
  config: ProxyAuthConfig,
  header: HeaderReader,
): { username: string; role: Role } | null {
  const secret = header('x-proxy-secret');
  if (secret === undefined || !sameSecret(secret, config.secret)) return null;
  const username = header(config.userHeader.toLowerCase())?.trim();
  if (!username) return null;
  if (!config.roleHeader) return { username, role: 'admin' };
  const listed = (header(config.roleHeader.toLowerCase()) ?? '')
    .split(config.separator)
    .map((r) => r.trim());
  if (listed.includes(config.adminRole)) return { username, role: 'admin' };
  if (listed.includes(config.operatorRole)) return { username, role: 'operator' };
  return { username, role: 'viewer' };
}
