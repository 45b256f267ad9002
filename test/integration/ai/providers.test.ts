import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../../server/ai/anthropic.ts';
import type {
  ChatEvent,
  ChatMessage,
  ChatProvider,
  ChatTool,
  ToolCall,
} from '../../../server/ai/chat-model.ts';
import { OpenAIProvider } from '../../../server/ai/openai.ts';
import { ProviderError } from '../../../server/ai/provider-error.ts';
import { type LlmServer, startLlmServer } from '../../fixtures/llm-server.ts';

let llm: LlmServer;
/** A base URL nothing listens on: a port we bound and released. */
let deadUrl: string;

beforeAll(async () => {
  llm = await startLlmServer({ models: ['claude-test-1', 'gpt-test-1', 'llama3:8b'] });
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => llm.close());

const tools: ChatTool[] = [
  {
    name: 'search_resources',
    description: 'Find resources by name',
    inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
  },
  {
    name: 'active_alerts',
    description: 'Alerts firing now',
    inputSchema: { type: 'object', properties: { severity: { type: 'string' } } },
  },
];

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const all: ChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

interface Case {
  label: string;
  api: 'anthropic' | 'openai';
  model: string;
  provider: (key: string, url?: string) => ChatProvider;
}

const cases: Case[] = [
  {
    label: 'Anthropic',
    api: 'anthropic',
    model: 'claude-test-1',
    provider: (apiKey, url = llm.url) => new AnthropicProvider({ apiKey, baseUrl: url }),
  },
  {
    label: 'OpenAI',
    api: 'openai',
    model: 'gpt-test-1',
    provider: (apiKey, url = llm.openaiUrl) =>
      new OpenAIProvider({ name: 'openai', apiKey, baseUrl: url }),
  },
  {
    label: 'OpenAI-compatible (ollama)',
    api: 'openai',
    model: 'llama3:8b',
    provider: (apiKey, url = llm.openaiUrl) =>
      new OpenAIProvider({ name: 'ollama', apiKey, baseUrl: url }),
  },
];

describe.each(cases)('$label provider against the wire-format server', (c) => {
  it('assembles a two-tool-call turn, then a streamed answer, with usage', async () => {
    llm.script(
      {
        toolCalls: [
          { id: 'call_a', name: 'search_resources', input: { query: 'pve1 local-lvm' } },
          { id: 'call_b', name: 'active_alerts', input: { severity: 'critical' } },
        ],
        usage: { inputTokens: 321, outputTokens: 45 },
      },
      {
        text: ['The disk ', 'on pve1 ', 'is filling.'],
        usage: { inputTokens: 400, outputTokens: 12 },
      },
    );
    const model = c.provider(llm.apiKey).model(c.model);
    const since = llm.requests.length;
    const question: ChatMessage = { role: 'user', content: 'Anything wrong on pve1?' };
    const first = await collect(
      model.stream({ system: 'You are Pulse.', messages: [question], tools, maxTokens: 512 }),
    );
    const calls = first.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
    expect(calls).toEqual<ToolCall[]>([
      { id: 'call_a', name: 'search_resources', input: { query: 'pve1 local-lvm' } },
      { id: 'call_b', name: 'active_alerts', input: { severity: 'critical' } },
    ]);
    expect(first.at(-1)).toEqual({
      type: 'done',
      usage: { inputTokens: 321, outputTokens: 45, model: c.model },
      stopReason: 'tool_use',
    });

    const second = await collect(
      model.stream({
        system: 'You are Pulse.',
        messages: [
          question,
          { role: 'assistant', content: '', toolCalls: calls },
          { role: 'tool', toolCallId: 'call_a', content: '{"found":1}' },
          { role: 'tool', toolCallId: 'call_b', content: '[]' },
        ],
        tools,
        maxTokens: 512,
      }),
    );
    const text = second.flatMap((e) => (e.type === 'text' ? [e.delta] : []));
    expect(text).toEqual(['The disk ', 'on pve1 ', 'is filling.']);
    expect(second.at(-1)).toEqual({
      type: 'done',
      usage: { inputTokens: 400, outputTokens: 12, model: c.model },
      stopReason: 'end',
    });

    // What the model was sent: the tools, then the tool results tied to their calls.
    const sent = llm.requests.slice(since).map((r) => r.body ?? {});
    expect(sent).toHaveLength(2);
    expect(sent[0]?.stream).toBe(true);
    const toolNames = ((sent[0]?.tools ?? []) as Record<string, unknown>[]).map((t) =>
      c.api === 'anthropic' ? t.name : (t.function as Record<string, unknown>).name,
    );
    expect(toolNames).toEqual(['search_resources', 'active_alerts']);
    const history = JSON.stringify(sent[1]?.messages);
    if (c.api === 'anthropic') {
      expect(sent[0]?.system).toBe('You are Pulse.');
      expect(history).toContain('"type":"tool_result","tool_use_id":"call_a"');
      expect(history).toContain('"type":"tool_result","tool_use_id":"call_b"');
    } else {
      expect(history).toContain('"role":"system","content":"You are Pulse."');
      expect(history).toContain('"role":"tool","tool_call_id":"call_a"');
      expect(history).toContain('"role":"tool","tool_call_id":"call_b"');
      expect(sent[0]?.stream_options).toEqual({ include_usage: true });
    }
  });

  it('lists the live models as provider:model', async () => {
    const provider = c.provider(llm.apiKey);
    const models = await provider.listModels();
    expect(models.map((m) => m.id)).toContain(`${provider.name}:${c.model}`);
  });

  it('says "bad_key" when the key is wrong', async () => {
    const provider = c.provider('sk-wrong');
    await expect(provider.listModels()).rejects.toMatchObject({ reason: 'bad_key', status: 401 });
    const stream = provider.model(c.model).stream({ system: '', messages: [], maxTokens: 10 });
    await expect(collect(stream)).rejects.toMatchObject({ reason: 'bad_key' });
  });

  it('says "unreachable" when nothing answers at the base URL', async () => {
    const error = await c
      .provider(llm.apiKey, deadUrl)
      .listModels()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: 'unreachable' });
    expect((error as Error).message).not.toContain('    at ');
  });

  it('says "rate_limited" when the provider answers 429', async () => {
    llm.script({ fail: 429 });
    const stream = c
      .provider(llm.apiKey)
      .model(c.model)
      .stream({ system: '', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 });
    await expect(collect(stream)).rejects.toMatchObject({ reason: 'rate_limited', status: 429 });
  });

  it('says "model_missing" for a model the provider does not have', async () => {
    const stream = c
      .provider(llm.apiKey)
      .model('no-such-model')
      .stream({ system: '', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 });
    await expect(collect(stream)).rejects.toMatchObject({ reason: 'model_missing', status: 404 });
  });
});

describe('the wire-format server without streaming', () => {
  it('answers Messages and Chat Completions requests as one JSON body', async () => {
    const call = { id: 'call_x', name: 'active_alerts', input: { severity: 'warning' } };
    llm.script({ text: 'Hello', toolCalls: [call] }, { text: 'Hello', toolCalls: [call] });
    const post = (path: string, headers: Record<string, string>, model: string) =>
      fetch(`${llm.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          model,
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      }).then((r) => r.json());
    const anthropic = await post('/v1/messages', { 'x-api-key': llm.apiKey }, 'claude-test-1');
    expect(anthropic).toMatchObject({
      type: 'message',
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'tool_use', ...call },
      ],
      stop_reason: 'tool_use',
    });
    const openai = await post(
      '/v1/chat/completions',
      { authorization: `Bearer ${llm.apiKey}` },
      'gpt-test-1',
    );
    expect(openai).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: {
            content: 'Hello',
            tool_calls: [
              {
                id: 'call_x',
                function: { name: 'active_alerts', arguments: '{"severity":"warning"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
  });
});
