import type {
  ChatEvent,
  ChatMessage,
  ChatModel,
  ChatProvider,
  ChatRequest,
  ModelInfo,
  ToolCall,
} from './chat-model.ts';
import { errorDetail, ProviderError } from './provider-error.ts';
import { modelNames, openaiStream, type SdkEndpoint } from './sdk-clients.ts';
import { arr, type Json, num, obj, parseToolInput, str } from './wire.ts';

/** Like the SDK's baseURL, it includes the version path. */
export const openaiDefaultUrl = 'https://api.openai.com/v1';

function toWire(system: string, messages: readonly ChatMessage[]): Json[] {
  const wire: Json[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    if (message.role === 'user') wire.push({ role: 'user', content: message.content });
    else if (message.role === 'assistant') {
      wire.push({
        role: 'assistant',
        content: message.content || null,
        ...(message.toolCalls?.length && {
          tool_calls: message.toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.input) },
          })),
        }),
      });
    } else {
      wire.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content });
    }
  }
  return wire;
}

const stopReasons: Record<string, 'end' | 'tool_use' | 'max_tokens'> = {
  stop: 'end',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
};

/** Assembles Chat Completions chunks (tool call arguments arrive in pieces, by index). */
export async function* fromOpenAIStream(
  provider: string,
  chunks: AsyncIterable<unknown>,
): AsyncGenerator<ChatEvent> {
  let model = '';
  let inputTokens = 0;
  let outputTokens = 0;
  let finish = '';
  const calls = new Map<number, { id: string; name: string; args: string }>();
  const flush = function* (): Generator<ChatEvent> {
    for (const [, call] of [...calls].sort(([a], [b]) => a - b)) {
      const done: ToolCall = { id: call.id, name: call.name, input: parseToolInput(call.args) };
      yield { type: 'tool_call', call: done };
    }
    calls.clear();
  };
  for await (const raw of chunks) {
    const chunk = obj(raw);
    if ('error' in chunk) throw new ProviderError(provider, 'provider_error', errorDetail(chunk));
    model = str(chunk.model) || model;
    const usage = obj(chunk.usage);
    if (typeof usage.prompt_tokens === 'number') inputTokens = usage.prompt_tokens;
    if (typeof usage.completion_tokens === 'number') outputTokens = usage.completion_tokens;
    for (const rawChoice of arr(chunk.choices)) {
      const choice = obj(rawChoice);
      const delta = obj(choice.delta);
      const text = str(delta.content);
      if (text) yield { type: 'text', delta: text };
      for (const rawCall of arr(delta.tool_calls)) {
        const part = obj(rawCall);
        const index = num(part.index);
        const call = calls.get(index) ?? { id: '', name: '', args: '' };
        const fn = obj(part.function);
        call.id = str(part.id) || call.id;
        call.name += str(fn.name);
        call.args += str(fn.arguments);
        calls.set(index, call);
      }
      if (str(choice.finish_reason)) {
        finish = str(choice.finish_reason);
        yield* flush();
      }
    }
  }
  yield* flush();
  yield {
    type: 'done',
    usage: { inputTokens, outputTokens, model },
    stopReason: stopReasons[finish] ?? 'other',
  };
}

class OpenAIModel implements ChatModel {
  readonly id: string;
  readonly #endpoint: SdkEndpoint;
  readonly #name: string;
  readonly #official: boolean;

  constructor(endpoint: SdkEndpoint, name: string, official: boolean) {
    this.#endpoint = endpoint;
    this.#name = name;
    this.#official = official;
    this.id = `${endpoint.provider}:${name}`;
  }

  stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const body = {
      model: this.#name,
      messages: toWire(request.system, request.messages),
      stream: true,
      stream_options: { include_usage: true },
      // OpenAI's reasoning models reject max_tokens; most compatible servers only know it.
      [this.#official ? 'max_completion_tokens' : 'max_tokens']: request.maxTokens,
      ...(request.tools?.length && {
        tools: request.tools.map((t) => ({
          type: 'function',
          function: { name: t.name, description: t.description, parameters: t.inputSchema },
        })),
      }),
    };
    const chunks = openaiStream(this.#endpoint, body, request.signal);
    return fromOpenAIStream(this.#endpoint.provider, chunks);
  }
}

/**
 * OpenAI, or an OpenAI-compatible endpoint (Ollama, OpenRouter, DeepSeek, LM Studio...)
 * under its own name; the key is optional for local servers.
 */
export class OpenAIProvider implements ChatProvider {
  readonly name: string;
  readonly #endpoint: SdkEndpoint;
  readonly #official: boolean;

  constructor(options: { name: string; apiKey: string | null; baseUrl?: string }) {
    this.name = options.name;
    this.#official = options.name === 'openai';
    this.#endpoint = {
      provider: options.name,
      baseUrl: options.baseUrl || openaiDefaultUrl,
      apiKey: options.apiKey,
    };
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return (await modelNames(this.#endpoint, 'openai', signal))
      .filter((name) => name !== '')
      .map((name) => ({ id: `${this.name}:${name}`, provider: this.name, name }));
  }

  model(name: string): ChatModel {
    return new OpenAIModel(this.#endpoint, name, this.#official);
  }
}
