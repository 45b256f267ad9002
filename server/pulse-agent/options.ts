import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLogLevel, type LogLevel } from './log.ts';

export interface AgentOptions {
  /** Pulse's base URL, without a trailing slash. */
  url: string;
  token: string;
  intervalSeconds: number;
  docker: { socketPath: string } | null;
  kubernetes: { kubeconfigPath?: string } | null;
  agentId?: string;
  tags: string[];
  /** Accept any TLS certificate (self-signed Pulse). */
  insecure: boolean;
  logLevel: LogLevel;
}

export type ParsedCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'run'; options: AgentOptions };

/** A flag or value that cannot work; main prints it as one line and exits 2. */
export class UsageError extends Error {}

export const defaultDockerSocket = '/var/run/docker.sock';

export const usage = `pulse-agent: reports this machine (and optionally Docker and Kubernetes) to Pulse

Usage:
  pulse-agent --url URL --token TOKEN [options]

Options:
  --url URL              Pulse's address, e.g. https://pulse.example.lan:7655 (or PULSE_URL)
  --token TOKEN          an API token with the agent:report scope (or PULSE_TOKEN,
                         or PULSE_TOKEN_FILE / --token-file PATH: a file holding it)
  --interval DURATION    time between reports: 30s (default), 1m, 90s, 2m30s
  --enable-docker        also report Docker containers
  --docker-socket PATH   the Docker Engine socket (default ${defaultDockerSocket}; implies --enable-docker)
  --enable-kubernetes    also report the Kubernetes cluster
  --kubeconfig PATH      kubeconfig to use (default: KUBECONFIG, ~/.kube/config or in-cluster;
                         implies --enable-kubernetes)
  --agent-id ID          a stable id for this agent (default: the machine id)
  --tag TAG              a tag for this host; repeat for more
  --insecure             accept Pulse's TLS certificate without checking it (self-signed)
  --log-level LEVEL      debug, info (default), warn or error (or PULSE_LOG_LEVEL)
  --version              print the version
  -h, --help             print this help

Logs go to stderr. SIGTERM or SIGINT stops the agent cleanly.
`;

const flags = {
  url: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  interval: { type: 'string' },
  'enable-docker': { type: 'boolean' },
  'docker-socket': { type: 'string' },
  'enable-kubernetes': { type: 'boolean' },
  kubeconfig: { type: 'string' },
  'agent-id': { type: 'string' },
  tag: { type: 'string', multiple: true },
  insecure: { type: 'boolean' },
  'log-level': { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3_600 };

/** `30s`, `1m`, `2m30s`, `1h`, or bare seconds; between 1 s and 24 h. */
export function parseInterval(text: string): number {
  const trimmed = text.trim();
  let seconds = 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else {
    const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
      throw new UsageError(`--interval "${text}" is not a duration; use e.g. 30s, 1m or 2m30s`);
    }
    for (const [, value, unit] of parts) seconds += Number(value) * (units[unit ?? 's'] ?? 1);
  }
  if (!(seconds >= 1 && seconds <= 86_400)) {
    throw new UsageError(`--interval "${text}" is out of range; use between 1s and 24h`);
  }
  return seconds;
}

function parseUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(`${from} "${text}" is not a URL; use e.g. https://pulse.example.lan:7655`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${from} "${text}" must start with http:// or https://`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError(
      `${from} "${text}" must be Pulse's base address, without credentials or query`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function readToken(path: string, from: string, read: (path: string) => string): string {
  try {
    return read(path).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${from} "${path}" cannot be read (${code})`);
  }
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs explains itself at length; its first sentence is the useful part.
    const message = (error as Error).message.split('. ')[0] || 'invalid arguments';
    throw new UsageError(message.replace(/^(Unknown option|Option)/, (word) => word.toLowerCase()));
  }
}

/** Parses argv and the PULSE_* environment; a UsageError says what is wrong and how to fix it. */
export function parseCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ParsedCommand {
  const values = parseFlags(argv);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const urlText = values.url ?? env.PULSE_URL;
  if (!urlText) throw new UsageError('--url is required (or set PULSE_URL)');
  const url = parseUrl(urlText, values.url ? '--url' : 'PULSE_URL');

  let token = values.token?.trim();
  if (token === undefined && values['token-file']) {
    token = readToken(values['token-file'], '--token-file', read);
  }
  if (token === undefined && env.PULSE_TOKEN) token = env.PULSE_TOKEN.trim();
  if (token === undefined && env.PULSE_TOKEN_FILE) {
    token = readToken(env.PULSE_TOKEN_FILE, 'PULSE_TOKEN_FILE', read);
  }
  if (!token) {
    throw new UsageError('--token is required (or set PULSE_TOKEN or PULSE_TOKEN_FILE)');
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError('the token has spaces or characters an HTTP header cannot carry');
  }

  const intervalSeconds = parseInterval(values.interval ?? env.PULSE_INTERVAL ?? '30s');

  const agentId = values['agent-id']?.trim();
  if (agentId !== undefined && (agentId === '' || agentId.length > 128)) {
    throw new UsageError('--agent-id must be 1 to 128 characters');
  }

  const tags = (values.tag ?? []).flatMap((t) => t.split(',')).map((t) => t.trim());
  if (tags.some((t) => t === '' || t.length > 64)) {
    throw new UsageError('--tag must be 1 to 64 characters');
  }
  if (tags.length > 32) throw new UsageError('at most 32 --tag values');

  const logLevel = values['log-level'] ?? env.PULSE_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) {
    throw new UsageError(`--log-level "${logLevel}" is not one of debug, info, warn, error`);
  }

  const dockerSocket = values['docker-socket'];
  if (dockerSocket === '') throw new UsageError('--docker-socket needs a path');
  const kubeconfig = values.kubeconfig;
  if (kubeconfig === '') throw new UsageError('--kubeconfig needs a path');

  return {
    command: 'run',
    options: {
      url,
      token,
      intervalSeconds,
      docker:
        values['enable-docker'] || dockerSocket
          ? { socketPath: dockerSocket ?? defaultDockerSocket }
          : null,
      kubernetes:
        values['enable-kubernetes'] || kubeconfig
          ? kubeconfig
            ? { kubeconfigPath: kubeconfig }
            : {}
          : null,
      ...(agentId ? { agentId } : {}),
      tags: [...new Set(tags)],
      insecure: values.insecure ?? false,
      logLevel,
    },
  };
}
