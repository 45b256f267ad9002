import type { IncomingMessage, ServerResponse } from 'node:http';

/** A client mistake found while reading the request; answered as `{"error": message}`. */
export class RequestError extends Error {
  override name = 'RequestError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/** The body limit of every route that does not set its own. */
export const defaultMaxBodyBytes = 1024 * 1024;

/** Reads a JSON body; an empty body is `{}`. Too large → 413, not JSON → 400. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBodyBytes = defaultMaxBodyBytes,
): Promise<unknown> {
  const tooLarge = () =>
    new RequestError(413, `request body is larger than ${maxBodyBytes / (1024 * 1024)} MiB`);
  // A declared length over the limit is refused before a byte of it is read.
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw tooLarge();
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestError(400, 'malformed JSON body');
  }
}
