import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { agentBundleFile, installerFile } from '../pulse-agent/distribution.ts';

/** The public paths that hand out pulse-agent: no sign-in, their own rate limit. */
export const agentDownloadPath = '/download/pulse-agent';
export const installerPath = '/install.sh';
export const distributionPaths: ReadonlySet<string> = new Set([agentDownloadPath, installerPath]);

interface Served {
  file: string;
  contentType: string;
  disposition: string;
  missing: string;
}

export interface DistributionFiles {
  bundle: string;
  installer: string;
}

function servedFiles(files: DistributionFiles): Record<string, Served> {
  return {
    [agentDownloadPath]: {
      file: files.bundle,
      contentType: 'text/javascript; charset=utf-8',
      disposition: 'attachment; filename="pulse-agent.mjs"',
      missing:
        'the pulse-agent bundle is not built on this server; run `npm run build` (npm start does it)',
    },
    [installerPath]: {
      file: files.installer,
      contentType: 'text/x-shellscript; charset=utf-8',
      disposition: 'inline; filename="install.sh"',
      missing: 'the installer is missing from this server',
    },
  };
}

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
    sha256: createHash('sha256').update(body).digest('hex'),
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
