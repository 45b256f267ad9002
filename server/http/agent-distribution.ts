import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { agentBundleFile, installerFile } from '../pulse-agent/distribution.ts';

/** The public paths that hand out pulse-agent: no sign-in, their own rate limit. */
export const agentDownloadPath = '/download/pulse-agent';
export const installerPath = '/install.sh';

interface Served {
  file: string;
  contentType: string;
  disposition: string;
  missing: string;
  /** A variant of the file: one exact line swapped for another (legacy installers). */
  swap?: readonly [string, string];
  /** Serve `<sha256>  <name>` of the file instead of the file. */
  checksumOf?: string;
}

/**
 * Pulse's deprecated per-kind agents and their scripts, kept so old install commands work:
 * they get the unified agent, the Docker scripts with `--enable-docker` already on, the
 * uninstall script with `--uninstall`.
 */
const bundleAliases = ['/download/pulse-host-agent', '/download/pulse-docker-agent'];
const checksumPaths = ['/download/pulse-agent.sha256', '/download/pulse-host-agent.sha256'];
const withDocker = ['extra=""', 'extra=" --enable-docker"'] as const;
const installerVariants: Record<string, readonly [string, string] | undefined> = {
  '/install-host-agent.sh': undefined,
  '/install-docker-agent.sh': withDocker,
  '/install-container-agent.sh': withDocker,
  '/uninstall-host-agent.sh': ['uninstall=""', 'uninstall=1'],
};

export const distributionPaths: ReadonlySet<string> = new Set([
  agentDownloadPath,
  installerPath,
  ...bundleAliases,
  ...checksumPaths,
  ...Object.keys(installerVariants),
]);

export interface DistributionFiles {
  bundle: string;
  installer: string;
}

function servedFiles(files: DistributionFiles): Record<string, Served> {
  const bundle: Served = {
    file: files.bundle,
    contentType: 'text/javascript; charset=utf-8',
    disposition: 'attachment; filename="pulse-agent.mjs"',
    missing:
      'the pulse-agent bundle is not built on this server; run `npm run build` (npm start does it)',
  };
  const installer = (name: string, swap?: readonly [string, string]): Served => ({
    file: files.installer,
    contentType: 'text/x-shellscript; charset=utf-8',
    disposition: `inline; filename="${name}"`,
    missing: 'the installer is missing from this server',
    ...(swap && { swap }),
  });
  const checksum: Served = {
    ...bundle,
    contentType: 'text/plain; charset=utf-8',
    disposition: 'inline; filename="pulse-agent.sha256"',
    checksumOf: 'pulse-agent.mjs',
  };
  return {
    [agentDownloadPath]: bundle,
    [installerPath]: installer('install.sh'),
    ...Object.fromEntries(bundleAliases.map((path) => [path, bundle])),
    ...Object.fromEntries(checksumPaths.map((path) => [path, checksum])),
    ...Object.fromEntries(
      Object.entries(installerVariants).map(([path, swap]) => [
        path,
        installer(path.slice(1), swap),
      ]),
    ),
  };
}

/** The body as served: the file, its variant, or its checksum line. */
function variantOf(what: Served, loaded: Loaded): Loaded {
  if (what.checksumOf) {
    const body = Buffer.from(`${loaded.sha256}  ${what.checksumOf}\n`);
    return { ...loaded, body, sha256: sha256Of(body) };
  }
  if (!what.swap) return loaded;
  const [line, replacement] = what.swap;
  const text = loaded.body.toString('utf8');
  // The installer is ours: a missing line is a bug to see in tests, not to serve around.
  if (!text.includes(`\n${line}\n`)) throw new Error(`installer has no line ${line}`);
  const body = Buffer.from(text.replace(`\n${line}\n`, `\n${replacement}\n`));
  return { ...loaded, body, sha256: sha256Of(body) };
}

const sha256Of = (body: Buffer) => createHash('sha256').update(body).digest('hex');

interface Loaded {
  mtimeMs: number;
  size: number;
  body: Buffer;
  sha256: string;
}

/** Files by path, hashed once per version on disk (the bundle is megabytes). */
const cache = new Map<string, Loaded>();

async function load(file: string): Promise<Loaded | null> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
  const body = await readFile(file);
  const loaded = {
    mtimeMs: info.mtimeMs,
    size: info.size,
    body,
    sha256: sha256Of(body),
  };
  cache.set(file, loaded);
  return loaded;
}

function sendJson(res: ServerResponse, status: number, body: object, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export type DistributionHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<void>;

/**
 * Serves the agent bundle and its installer with `X-Checksum-Sha256` (hex of the body) so the
 * installer can check what it downloaded. A server without a built bundle answers 503.
 */
export function createAgentDistribution(
  files: DistributionFiles = { bundle: agentBundleFile, installer: installerFile },
): DistributionHandler {
  const served = servedFiles(files);
  return (req, res, path) => serve(served[path], req, res);
}

async function serve(
  what: Served | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!what) {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(
      res,
      405,
      { error: `${req.method} is not allowed here; use GET` },
      { allow: 'GET, HEAD' },
    );
    return;
  }
  let loaded: Loaded | null;
  try {
    loaded = await load(what.file);
  } catch {
    loaded = null;
  }
  if (!loaded) {
    sendJson(res, 503, { error: what.missing });
    return;
  }
  loaded = variantOf(what, loaded);
  res.writeHead(200, {
    'content-type': what.contentType,
    'content-disposition': what.disposition,
    'content-length': loaded.body.length,
    'x-checksum-sha256': loaded.sha256,
    etag: `"${loaded.sha256}"`,
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : loaded.body);
}
