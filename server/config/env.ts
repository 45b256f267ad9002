import { z } from 'zod';
import type { ProxyAuthConfig } from '../auth/proxy-auth.ts';
import { defaultRetention, type Retention } from '../metrics/tiers.ts';
import { readHideLocalLogin, readProxyAuth } from './auth-env.ts';
import { ConfigError } from './env-error.ts';
import { type OidcEnv, readOidcEnv } from './oidc-env.ts';

/** Everything Pulse reads from the environment, parsed once at start-up. */
export interface Config {
  /** TCP port for the dashboard, GraphQL, REST and WebSockets. @default 7655 */
  port: number;
  /** Address to bind. @default "0.0.0.0" */
  bindAddress: string;
  /** Where the database and key files live; created on first start. @default "./data" */
  dataDir: string;
  /** Optional single admin account from the environment (Pulse's PULSE_AUTH_USER / PULSE_AUTH_PASS). */
  adminUser: { username: string; password: string } | null;
  /** Legacy API tokens from API_TOKEN / API_TOKENS (plain values, hashed before use). */
  apiTokens: string[];
  /** The URL users reach Pulse at, used in links and notifications. */
  publicUrl: string | null;
  logLevel: LogLevel;
  /** auto: the demo estate runs while no real node is configured. */
  demoMode: 'auto' | 'on' | 'off';
  /** small: a 3-node cluster; large: about 20 nodes and 2,000 guests. @default "small" */
  demoSize: 'small' | 'large';
  /** development enables GraphiQL and verbose errors. */
  environment: 'production' | 'development' | 'test';
  /** Set by the image (PULSE_DOCKER=true) so /api/version can say so. */
  inDocker: boolean;
  /** Master key for credentials at rest; null means a key file in the data directory. */
  encryptionKey: string | null;
  /** Default poll intervals per product, in seconds. */
  pollIntervals: { pve: number; pbs: number; pmg: number };
  /** Per-request timeout towards Proxmox APIs, in seconds. @default 15 */
  connectionTimeoutSeconds: number;
  /** How long each metrics tier is kept (raw 24 h, minutes 7 d, hours 90 d, days 730 d). */
  metricsRetention: Retention;
  /** PROXY_AUTH_*: a reverse proxy that signs users in; null when off. */
  proxyAuth: ProxyAuthConfig | null;
  /** PULSE_AUTH_HIDE_LOCAL_LOGIN; null: the setting in the UI decides. */
  hideLocalLogin: boolean | null;
  /** OIDC_*: single sign-on values that override the stored settings. */
  oidc: OidcEnv;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export { ConfigError } from './env-error.ts';

type Env = Record<string, string | undefined>;

const port = z.coerce.number().int().min(0).max(65535);
const interval = z.coerce.number().int().min(5).max(3600);
const logLevel = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
const truthy = ['1', 'true', 'yes', 'on'];
const falsy = ['0', 'false', 'no', 'off'];

/** Reads one variable through a schema, naming the variable in the error. */
function read<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid value';
    throw new ConfigError(`invalid ${name}=${JSON.stringify(raw)}: ${reason}`);
  }
  return parsed.data;
}

function first(env: Env, ...names: string[]): string | undefined {
  return names.find((name) => env[name]?.trim());
}

function readDemoMode(env: Env): Config['demoMode'] {
  const name = first(env, 'PULSE_DEMO_MODE', 'PULSE_MOCK_MODE', 'DEMO_MODE');
  if (!name) return 'auto';
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === 'auto') return 'auto';
  if (truthy.includes(raw)) return 'on';
  if (falsy.includes(raw)) return 'off';
  throw new ConfigError(`invalid ${name}=${JSON.stringify(raw)}: expected true, false or auto`);
}

function readAdminUser(env: Env): Config['adminUser'] {
  const username = env.PULSE_AUTH_USER?.trim();
  const password = env.PULSE_AUTH_PASS;
  if (!username && !password) return null;
  if (!username) throw new ConfigError('PULSE_AUTH_PASS is set but PULSE_AUTH_USER is empty');
  if (!password) throw new ConfigError('PULSE_AUTH_USER is set but PULSE_AUTH_PASS is empty');
  return { username, password };
}

function readApiTokens(env: Env): string[] {
  const listed = [env.API_TOKEN ?? '', ...(env.API_TOKENS ?? '').split(',')];
  const tokens = [...new Set(listed.map((t) => t.trim()).filter(Boolean))];
  for (const token of tokens) {
    if (token.length < 16) {
      throw new ConfigError('API_TOKEN/API_TOKENS: every token must be at least 16 characters');
    }
  }
  return tokens;
}

function readPublicUrl(env: Env): string | null {
  const raw = env.PULSE_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`invalid PULSE_PUBLIC_URL=${JSON.stringify(raw)}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`invalid PULSE_PUBLIC_URL=${JSON.stringify(raw)}: must be http or https`);
  }
  return url.toString().replace(/\/$/, '');
}

function readEnvironment(env: Env): Config['environment'] {
  const raw = env.NODE_ENV?.trim();
  if (raw === 'development' || raw === 'test') return raw;
  return 'production';
}

function readRetention(env: Env): Retention {
  const days = z.coerce.number().min(1).max(3650);
  return {
    rawHours: read(
      env,
      'PULSE_METRICS_RETENTION_RAW_HOURS',
      z.coerce.number().min(1).max(720),
      defaultRetention.rawHours,
    ),
    minuteDays: read(env, 'PULSE_METRICS_RETENTION_MINUTE_DAYS', days, defaultRetention.minuteDays),
    hourlyDays: read(env, 'PULSE_METRICS_RETENTION_HOURLY_DAYS', days, defaultRetention.hourlyDays),
    dailyDays: read(env, 'PULSE_METRICS_RETENTION_DAILY_DAYS', days, defaultRetention.dailyDays),
  };
}

/** Parses the environment into a Config, or throws a ConfigError naming the bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const portVar = first(env, 'FRONTEND_PORT', 'PORT') ?? 'FRONTEND_PORT';
  return {
    port: read(env, portVar, port, 7655),
    bindAddress: read(env, 'BIND_ADDRESS', z.string().min(1), '0.0.0.0'),
    dataDir: read(env, 'PULSE_DATA_DIR', z.string().min(1), './data'),
    adminUser: readAdminUser(env),
    proxyAuth: readProxyAuth(env),
    hideLocalLogin: readHideLocalLogin(env),
    oidc: readOidcEnv(env),
    apiTokens: readApiTokens(env),
    publicUrl: readPublicUrl(env),
    logLevel: read(env, 'LOG_LEVEL', z.string().toLowerCase().pipe(logLevel), 'info'),
    demoMode: readDemoMode(env),
    demoSize: read(env, 'PULSE_DEMO_SIZE', z.enum(['small', 'large']), 'small'),
    environment: readEnvironment(env),
    inDocker: truthy.includes(env.PULSE_DOCKER?.trim().toLowerCase() ?? ''),
    encryptionKey: env.PULSE_ENCRYPTION_KEY?.trim() || null,
    pollIntervals: {
      pve: read(env, 'PVE_POLLING_INTERVAL', interval, 10),
      pbs: read(env, 'PBS_POLLING_INTERVAL', interval, 60),
      pmg: read(env, 'PMG_POLLING_INTERVAL', interval, 60),
    },
    connectionTimeoutSeconds: read(
      env,
      'CONNECTION_TIMEOUT',
      z.coerce.number().min(0.1).max(300),
      15,
    ),
    metricsRetention: readRetention(env),
  };
}
