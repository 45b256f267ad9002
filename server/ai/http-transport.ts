import { failureFromNetwork, failureFromResponse, ProviderError } from './provider-error.ts';

// Stand-in for the official SDKs' transport (not installed yet): plain fetch and an SSE
// reader. Providers go through these two functions only, so the SDKs replace this file.

const timeoutMs = 60_000;
const listTimeoutMs = 10_000;

export interface Endpoint {
  provider: string;
  baseUrl: string;
  headers: Record<string, string>;
}

async function send(
  endpoint: Endpoint,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal; timeout: number },
): Promise<Response> {
  // The timeout covers connecting and the answer's headers; a long streamed answer may take
  // longer, and the caller's signal ends it.
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('timed out', 'TimeoutError')),
    init.timeout,
  );
  const signals = [deadline.signal, ...(init.signal ? [init.signal] : [])];
  let response: Response;
  try {
    response = await fetch(`${endpoint.baseUrl.replace(/\/$/, '')}${path}`, {
      method: init.method,
      headers: { 'content-type': 'application/json', ...endpoint.headers },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw failureFromNetwork(endpoint.provider, error);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw failureFromResponse(endpoint.provider, response.status, parseJson(text));
  }
  return response;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function getJson(endpoint: Endpoint, path: string, signal?: AbortSignal) {
  const response = await send(endpoint, path, {
    method: 'GET',
    timeout: listTimeoutMs,
    ...(signal && { signal }),
  });
  return parseJson(await response.text());
}

/** POSTs a streaming request and yields each server-sent event's data, parsed as JSON. */
export async function* postStream(
  endpoint: Endpoint,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const response = await send(endpoint, path, {
    method: 'POST',
    body,
    timeout: timeoutMs,
    ...(signal && { signal }),
  });
  if (!response.body) throw new ProviderError(endpoint.provider, 'provider_error', 'no body');
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.search(/\r?\n\r?\n/);
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const data = block
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data && data !== '[DONE]') yield parseJson(data);
        end = buffer.search(/\r?\n\r?\n/);
      }
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw failureFromNetwork(endpoint.provider, error);
  }
}
