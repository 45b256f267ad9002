import type { RecordedRequest } from '../../fixtures/llm-server.ts';

type Json = Record<string, unknown>;

export interface SseEvent {
  event: string;
  data: Json;
}

/** Reads a server-sent event stream to its end, event by event, as a browser would. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      events.push({ event, data: JSON.parse(data) as Json });
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}

/** The system prompt a recorded chat request carried, in either wire format. */
export function systemOf(request: RecordedRequest): string {
  const body = request.body ?? {};
  if (request.api === 'anthropic') return String(body.system);
  const messages = (body.messages ?? []) as Json[];
  return String(messages.find((m) => m.role === 'system')?.content);
}

/** The tool results a recorded chat request sent back to the model, parsed. */
export function toolResultsOf(request: RecordedRequest): Json[] {
  const messages = (request.body?.messages ?? []) as Json[];
  if (request.api === 'openai') {
    return messages
      .filter((m) => m.role === 'tool')
      .map((m) => JSON.parse(String(m.content)) as Json);
  }
  return messages
    .flatMap((m) => (Array.isArray(m.content) ? (m.content as Json[]) : []))
    .filter((block) => block.type === 'tool_result')
    .map((block) => JSON.parse(String(block.content)) as Json);
}

/** Every message text except tool results: what the user and the assistant said. */
export function nonToolTextOf(request: RecordedRequest): string {
  const messages = (request.body?.messages ?? []) as Json[];
  const texts: string[] = [];
  for (const m of messages) {
    if (m.role === 'tool' || m.role === 'system') continue;
    if (typeof m.content === 'string') texts.push(m.content);
    for (const block of Array.isArray(m.content) ? (m.content as Json[]) : []) {
      if (block.type === 'text') texts.push(String(block.text));
    }
  }
  return texts.join('\n');
}

export const chatRequests = (requests: readonly RecordedRequest[]) =>
  requests.filter((r) => r.path === '/v1/messages' || r.path === '/v1/chat/completions');

export const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
