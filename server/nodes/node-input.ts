import { ValidationError } from '../errors.ts';
import type { MonitorOptions } from './node.entity.ts';

export type NodeType = 'pve' | 'pbs' | 'pmg';
export const nodeTypes: readonly NodeType[] = ['pve', 'pbs', 'pmg'];

/** What a user submits to add or change a node (camelCase; REST maps Pulse's names). */
export interface NodeInput {
  type: NodeType;
  name: string;
  host: string;
  username?: string | null;
  password?: string | null;
  tokenId?: string | null;
  tokenValue?: string | null;
  verifySsl?: boolean;
  fingerprint?: string | null;
  monitor?: Partial<MonitorOptions>;
  pollIntervalSeconds?: number | null;
  enabled?: boolean;
}

export type NodePatch = Partial<NodeInput>;

export const defaultMonitor: MonitorOptions = {
  vms: true,
  containers: true,
  storage: true,
  backups: true,
  physicalDisks: true,
};

const defaultPorts: Record<NodeType, number> = { pve: 8006, pbs: 8007, pmg: 8006 };

/** Accepts `10.0.0.5`, `pve.lan:8006` or `https://pve.lan:8006/`; returns `https://host:port`. */
export function normalizeHost(raw: string, type: NodeType): string {
  const trimmed = raw.trim();
  if (!trimmed) throw new ValidationError('host is required', 'host');
  if (/^http:\/\//i.test(trimmed)) {
    throw new ValidationError('host must use https: Proxmox APIs are HTTPS only', 'host');
  }
  let url: URL;
  try {
    url = new URL(/^https:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new ValidationError(`host "${trimmed}" is not a valid host name or URL`, 'host');
  }
  if (url.pathname !== '/' && url.pathname !== '/api2/json' && url.pathname !== '/api2/json/') {
    throw new ValidationError('host must not contain a path', 'host');
  }
  // URL drops an explicit :443 as the https default, but the user meant it.
  const explicitPort = /^(?:https:\/\/)?(?:\[[^\]]+\]|[^/:]+):(\d+)/i.exec(trimmed)?.[1];
  return `https://${url.hostname}:${url.port || explicitPort || defaultPorts[type]}`;
}

/** `AA:BB:...` (32 pairs, upper case) from any spacing or case, or a ValidationError. */
export function normalizeFingerprint(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').replace(/[\s:]/g, '').toUpperCase();
  if (!compact) return null;
  if (!/^[0-9A-F]{64}$/.test(compact)) {
    throw new ValidationError(
      'fingerprint must be a SHA-256 fingerprint (32 hex pairs)',
      'fingerprint',
    );
  }
  return compact.match(/../g)?.join(':') ?? null;
}

export function validateName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed.length < 1 || trimmed.length > 64) {
    throw new ValidationError('name must be 1 to 64 characters', 'name');
  }
  return trimmed;
}

export function validateType(type: string | undefined): NodeType {
  if (!nodeTypes.includes(type as NodeType)) {
    throw new ValidationError('type must be one of pve, pbs, pmg', 'type');
  }
  return type as NodeType;
}

export function validateInterval(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined) return null;
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 3600) {
    throw new ValidationError(
      'pollIntervalSeconds must be a whole number from 5 to 3600',
      'pollIntervalSeconds',
    );
  }
  return seconds;
}

export type Credentials =
  | { kind: 'token'; tokenId: string; secret: string }
  | { kind: 'password'; username: string; password: string };

/**
 * The credentials an input describes. A token needs `user@realm!name` and a value; a user
 * without a realm gets `@pam`, as Proxmox's own login form assumes. PMG has no API tokens.
 */
export function credentialsFrom(input: NodeInput): Credentials {
  const tokenId = input.tokenId?.trim();
  if (tokenId || input.tokenValue) {
    if (input.type === 'pmg') {
      throw new ValidationError(
        'Proxmox Mail Gateway has no API tokens: use a user and password',
        'tokenId',
      );
    }
    if (!tokenId || !/^[^@!\s]+@[^@!\s]+![^@!\s]+$/.test(tokenId)) {
      throw new ValidationError('tokenId must look like user@realm!tokenname', 'tokenId');
    }
    if (!input.tokenValue?.trim())
      throw new ValidationError('tokenValue is required with a token', 'tokenValue');
    return { kind: 'token', tokenId, secret: input.tokenValue.trim() };
  }
  const user = input.username?.trim();
  if (!user)
    throw new ValidationError('give either a user and password or an API token', 'username');
  if (!input.password) throw new ValidationError('password is required with a user', 'password');
  return {
    kind: 'password',
    username: user.includes('@') ? user : `${user}@pam`,
    password: input.password,
  };
}
