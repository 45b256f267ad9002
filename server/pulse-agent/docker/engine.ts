import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { EngineVersion } from './wire.ts';

/**
 * The newest Engine API this agent was written against (Docker 27). Older engines are spoken to
 * in their own version, as the Docker clients negotiate; the fields read here exist since 1.24.
 */
export const clientApiVersion = '1.47';
const oldestApiVersion = '1.24';
const maxBodyBytes = 64 * 1024 * 1024;

/** A failure the agent's user can act on; the message says what to do. */
export class DockerEngineError extends Error {
  override name = 'DockerEngineError';
  /** The HTTP status for API replies, absent for connection failures. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EngineConnection {
  socketPath: string;
  /** The negotiated version, used in every path: `/v1.47/...`. */
  apiVersion: string;
  version: EngineVersion;
  runtime: 'docker' | 'podman';
  /** GET a versioned path (`/containers/json?all=1`) and parse its JSON. */
  get<T>(path: string): Promise<T>;
  /** Like `get`, but a 404 (the container went away since the list) answers null. */
  find<T>(path: string): Promise<T | null>;
  close(): void;
}

export interface ConnectOptions {
  socketPath: string;
  /** Per request; a one-shot stats call answers in well under a second. */
  timeoutMs?: number;
  /** Sockets kept open for the per-container calls. */
  maxSockets?: number;
}

/**
 * Opens the Engine API on its unix socket the way the Docker clients do: `/_ping` proves it is
 * an Engine API and tells its version, `/version` says whose engine it is, and every later call
 * uses the version both ends speak.
 */
export async function connectEngine(options: ConnectOptions): Promise<EngineConnection> {
  const { socketPath } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 });
  const call = (path: string) => send(socketPath, agent, path, timeoutMs);
  try {
    const ping = await call('/_ping');
    const pingVersion = header(ping.headers, 'api-version');
    if (ping.status !== 200 || pingVersion === undefined) throw notAnEngine(socketPath, ping);
    const versionReply = await call('/version');
    const version = parseJson<EngineVersion>(versionReply, socketPath);
    if (versionReply.status !== 200 || typeof version.ApiVersion !== 'string') {
      throw notAnEngine(socketPath, versionReply);
    }
    const apiVersion = negotiate(version.ApiVersion, version.MinAPIVersion);
    const podman = isPodman(version, header(ping.headers, 'libpod-api-version'));
    const get = async <T>(path: string): Promise<T> => {
      const reply = await call(`/v${apiVersion}${path}`);
      if (reply.status !== 200) throw apiError(reply, path);
      return parseJson<T>(reply, socketPath);
    };
    return {
      socketPath,
      apiVersion,
      version,
      runtime: podman ? 'podman' : 'docker',
      get,
      async find<T>(path: string) {
        try {
          return await get<T>(path);
        } catch (error) {
          if (error instanceof DockerEngineError && error.status === 404) return null;
          throw error;
        }
      },
      close: () => agent.destroy(),
    };
  } catch (error) {
    agent.destroy();
    throw error;
  }
}

/** The lower of ours and the engine's, but never below what the engine still accepts. */
export function negotiate(engineVersion: string, engineMinimum?: string): string {
  let chosen =
    compareVersions(engineVersion, clientApiVersion) < 0 ? engineVersion : clientApiVersion;
  if (engineMinimum && compareVersions(chosen, engineMinimum) < 0) chosen = engineMinimum;
  if (compareVersions(chosen, oldestApiVersion) < 0) {
    throw new DockerEngineError(
      `the engine speaks Engine API ${engineVersion}; this agent needs ${oldestApiVersion} or newer (Docker 1.12+)`,
    );
  }
  return chosen;
}

export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Podman's Docker-compatible service names itself in the components and the ping headers. */
function isPodman(version: EngineVersion, libpodHeader: string | undefined): boolean {
  if (libpodHeader) return true;
  const names = [
    version.Platform?.Name ?? '',
    ...(version.Components ?? []).map((component) => component.Name ?? ''),
  ];
  return names.some((name) => /podman/i.test(name));
}

function send(socketPath: string, agent: Agent, path: string, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        agent,
        path,
        method: 'GET',
        // What the Docker CLI sends over the socket: the host name is not used.
        headers: { Host: 'localhost', Accept: 'application/json', 'User-Agent': 'pulse-agent' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            req.destroy(new DockerEngineError(`the engine's reply to ${path} is over 64 MiB`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => reject(connectionError(socketPath, error)));
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new DockerEngineError(
          `the engine at ${socketPath} did not answer ${path} in ${timeoutMs} ms`,
        ),
      ),
    );
    req.on('error', (error) => reject(connectionError(socketPath, error)));
    req.end();
  });
}

function connectionError(socketPath: string, error: Error): Error {
  if (error instanceof DockerEngineError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new DockerEngineError(
        `Docker socket ${socketPath} not found: is Docker (or Podman's API service) running on this host? Pass --docker-socket if it lives elsewhere.`,
        undefined,
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
      return new DockerEngineError(
        `permission denied on the Docker socket ${socketPath}: add the agent's user to the docker group (sudo usermod -aG docker <user>) or run the agent as root`,
        undefined,
        { cause: error },
      );
    case 'ECONNREFUSED':
      return new DockerEngineError(
        `nothing is listening on the Docker socket ${socketPath}: is the Docker daemon running?`,
        undefined,
        { cause: error },
      );
    default:
      if (code?.startsWith('HPE_')) {
        return new DockerEngineError(
          `${socketPath} is not a Docker Engine API: it does not speak HTTP`,
          undefined,
          { cause: error },
        );
      }
      return new DockerEngineError(`the Docker socket ${socketPath}: ${error.message}`, undefined, {
        cause: error,
      });
  }
}

function notAnEngine(socketPath: string, reply: Reply): DockerEngineError {
  return new DockerEngineError(
    `${socketPath} is not a Docker Engine API: GET /_ping answered ${reply.status} without an Api-Version header`,
    reply.status,
  );
}

/** The engine's errors are `{"message": "..."}`; keep its words. */
function apiError(reply: Reply, path: string): DockerEngineError {
  let message = reply.body.slice(0, 500);
  try {
    const parsed = JSON.parse(reply.body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: the raw text says enough.
  }
  return new DockerEngineError(`GET ${path}: ${reply.status} ${message}`, reply.status);
}

function parseJson<T>(reply: Reply, socketPath: string): T {
  try {
    return JSON.parse(reply.body) as T;
  } catch (error) {
    throw new DockerEngineError(
      `${socketPath} is not a Docker Engine API: its reply is not JSON`,
      reply.status,
      { cause: error },
    );
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
