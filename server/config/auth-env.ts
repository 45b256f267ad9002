import type { ProxyAuthConfig } from '../auth/proxy-auth.ts';
import { ConfigError } from './env-error.ts';

type Env = Record<string, string | undefined>;

const headerName = /^[A-Za-z0-9-]{1,100}$/;

/** PROXY_AUTH_*: on only when both the shared secret and the user header are set. */
export function readProxyAuth(env: Env): ProxyAuthConfig | null {
  const secret = env.PROXY_AUTH_SECRET?.trim();
  const userHeader = env.PROXY_AUTH_USER_HEADER?.trim();
  if (!secret && !userHeader) return null;
  if (!secret)
    throw new ConfigError('PROXY_AUTH_USER_HEADER is set but PROXY_AUTH_SECRET is empty');
  if (!userHeader)
    throw new ConfigError('PROXY_AUTH_SECRET is set but PROXY_AUTH_USER_HEADER is empty');
  if (secret.length < 16) throw new ConfigError('PROXY_AUTH_SECRET must be at least 16 characters');
  const roleHeader = env.PROXY_AUTH_ROLE_HEADER?.trim() || null;
  for (const [name, value] of [
    ['PROXY_AUTH_USER_HEADER', userHeader],
    ['PROXY_AUTH_ROLE_HEADER', roleHeader],
  ] as const) {
    if (value !== null && !headerName.test(value)) {
      throw new ConfigError(`invalid ${name}=${JSON.stringify(value)}: not an HTTP header name`);
    }
  }
  return {
    secret,
    userHeader,
    roleHeader,
    adminRole: env.PROXY_AUTH_ADMIN_ROLE?.trim() || 'admin',
    operatorRole: env.PROXY_AUTH_OPERATOR_ROLE?.trim() || 'operator',
    separator: env.PROXY_AUTH_ROLE_SEPARATOR?.trim() || '|',
    logoutUrl: env.PROXY_AUTH_LOGOUT_URL?.trim() || null,
  };
}

/** PULSE_AUTH_HIDE_LOCAL_LOGIN: true hides the password form (SSO only); null leaves the setting. */
export function readHideLocalLogin(env: Env): boolean | null {
  const raw = env.PULSE_AUTH_HIDE_LOCAL_LOGIN?.trim().toLowerCase();
  if (!raw) return null;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(
    `invalid PULSE_AUTH_HIDE_LOCAL_LOGIN=${JSON.stringify(raw)}: expected true or false`,
  );
}
