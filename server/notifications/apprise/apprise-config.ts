import { ValidationError } from '../../errors.ts';
import { checkUrl, type TargetPolicy } from '../safety/url-guard.ts';

/** The Apprise channel with its API key open, as the sender uses it. */
export interface AppriseConfig {
  enabled: boolean;
  mode: 'cli' | 'http';
  /** Apprise URLs (`tgram://…`, `mailto://…`) for the CLI. */
  targets: string[];
  /** The Apprise API server, for http mode. */
  serverUrl: string;
  configKey: string;
  apiKey: string | null;
  timeoutSeconds: number;
}

export type AppriseInput = Partial<AppriseConfig>;

export const defaultApprise: AppriseConfig = {
  enabled: false,
  mode: 'cli',
  targets: [],
  serverUrl: '',
  configKey: '',
  apiKey: null,
  timeoutSeconds: 15,
};

export function mergeApprise(
  stored: AppriseConfig,
  input: AppriseInput,
  mask: string,
  policy: TargetPolicy,
): AppriseConfig {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const next: AppriseConfig = { ...stored, ...given };
  next.apiKey =
    input.apiKey === undefined || input.apiKey === mask ? stored.apiKey : input.apiKey || null;
  if (next.mode !== 'cli' && next.mode !== 'http') {
    throw new ValidationError('mode must be cli or http', 'mode');
  }
  if (!Array.isArray(next.targets) || next.targets.some((t) => typeof t !== 'string')) {
    throw new ValidationError('targets must be a list of Apprise URLs', 'targets');
  }
  next.targets = next.targets.map((t) => t.trim()).filter(Boolean);
  // A target starting with "-" would be read as an option by the CLI.
  if (next.targets.some((t) => t.startsWith('-'))) {
    throw new ValidationError('targets must be Apprise URLs, not options', 'targets');
  }
  if (!/^[A-Za-z0-9_-]*$/.test(next.configKey)) {
    throw new ValidationError('configKey may hold letters, digits, - and _ only', 'configKey');
  }
  const timeout = next.timeoutSeconds;
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > 120) {
    throw new ValidationError(
      'timeoutSeconds must be a whole number from 5 to 120',
      'timeoutSeconds',
    );
  }
  next.serverUrl = next.serverUrl.trim().replace(/\/+$/, '');
  if (next.serverUrl) {
    const checked = checkUrl(next.serverUrl, policy);
    if ('reason' in checked) throw new ValidationError(`serverUrl ${checked.reason}`, 'serverUrl');
  }
  if (next.enabled && next.mode === 'http' && !next.serverUrl) {
    throw new ValidationError('serverUrl is required in http mode', 'serverUrl');
  }
  if (next.enabled && next.mode === 'cli' && next.targets.length === 0) {
    throw new ValidationError('targets needs at least one Apprise URL in cli mode', 'targets');
  }
  return next;
}
