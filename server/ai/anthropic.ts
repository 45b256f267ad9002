import type {
  ChatEvent,
  ChatMessage,
  ChatModel,
  ChatProvider,
  ChatRequest,
  ModelInfo,
} from './chat-model.ts';
import { errorDetail, ProviderError } from './provider-error.ts';
import { anthropicStream, modelNames, type SdkEndpoint } from './sdk-clients.ts';
import { arr, type Json, num, obj, parseToolInput, str } from './wire.ts';

export const anthropicDefaultUrl = 'https://api.anthropic.com';

/** Our messages as Messages API turns: tool results travel as user content blocks. */
function toWire(messages: readonly ChatMessage[]): Json[] {
  const turns: Json[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      turns.push({ role: 'user', content: [{ type: 'text', text: message.content }] });
    } else if (message.role === 'assistant') {
      const content: Json[] = message.content ? [{ type: 'text', text: message.content }] : [];
      for (const call of message.toolCalls ?? []) {
        content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.input });
      }
      turns.push({ role: 'assistant', content });
    } else {
      const block = {
        type: 'tool_result',
        tool_use_id: message.toolCallId,
        content: message.content,
        ...(message.isError && { is_error: true }),
      };
      const last = turns.at(-1);
      const lastContent = last?.role === 'user' ? arr(last.content) : [];
      if (lastContent.length > 0 && lastContent.every((b) => obj(b).type === 'tool_result')) {
        lastContent.push(block);
      } else {
        turns.push({ role: 'user', content: [block] });
      }
    }
  }
  return turns;
}

const stopReasons: Record<string, 'end' | 'tool_use' | 'max_tokens'> = {
  end_turn: 'end',
  stop_sequence: 'end',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
};

/** Assembles Messages API stream events into chat events. */
export async function* fromAnthropicStream(
  provider: string,
  events: AsyncIterable<unknown>,
): AsyncGenerator<ChatEvent> {
  let model = '';
  let inputTokens = 0;
  let outputTokens = 0;
  let stopReason = '';
  const tools = new Map<number, { id: string; name: string; json: string }>();
  for await (const raw of events) {
    const event = obj(raw);
    switch (event.type) {
      case 'message_start': {
        const message = obj(event.message);
        model = str(message.model);
        inputTokens = num(obj(message.usage).input_tokens);
        outputTokens = num(obj(message.usage).output_tokens);
        break;
      }
      case 'content_block_start': {
        const block = obj(event.content_block);
        if (block.type === 'tool_use') {
          tools.set(num(event.index), { id: str(block.id), name: str(block.name), json: '' });
        }
        break;
      }
      case 'content_block_delta': {
        const delta = obj(event.delta);
        if (delta.type === 'text_delta' && str(delta.text)) {
          yield { type: 'text', delta: str(delta.text) };
        } else if (delta.type === 'input_json_delta') {
          const tool = tools.get(num(event.index));
          if (tool) tool.json += str(delta.partial_json);
        }
        break;
      }
      case 'content_block_stop': {
        const tool = tools.get(num(event.index));
        if (tool) {
          tools.delete(num(event.index));
          const input = parseToolInput(tool.json);
          yield { type: 'tool_call', call: { id: tool.id, name: tool.name, input } };
        }
        break;
      }
      case 'message_delta': {
        stopReason = str(obj(event.delta).stop_reason) || stopReason;
        const usage = obj(event.usage);
        if (typeof usage.output_tokens === 'number') outputTokens = usage.output_tokens;
        if (typeof usage.input_tokens === 'number') inputTokens = usage.input_tokens;
        break;
      }
      case 'error':
        throw new ProviderError(provider, 'provider_error', errorDetail(event));
    }
  }
  yield {
    type: 'done',
    usage: { inputTokens, outputTokens, model },
    stopReason: stopReasons[stopReason] ?? 'other',
  };
}

class AnthropicModel implements ChatModel {
  readonly id: string;
  readonly #endpoint: SdkEndpoint;
  readonly #name: string;

  constructor(endpoint: SdkEndpoint, name: string) {
    this.#endpoint = endpoint;
    this.#name = name;
    this.id = `${endpoint.provider}:${name}`;
  }

  stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const body = {
      model: this.#name,
      max_tokens: request.maxTokens,
      system: request.system,
      messages: toWire(request.messages),
      stream: true,
      ...(request.tools?.length && {
        tools: request.tools.map((t) => ({
          name: t.name,
          description: t.description,
          input_schema: t.inputSchema,
        })),
      }),
    };
    const events = anthropicStream(this.#endpoint, body, request.signal);
    return fromAnthropicStream(this.#endpoint.provider, events);
  }
}

/** Anthropic's Messages API (or anything that speaks it at another base URL). */
export class AnthropicProvider implements ChatProvider {
  readonly name = 'anthropic';
  readonly #endpoint: SdkEndpoint;

  constructor(options: { apiKey: string; baseUrl?: string }) {
    this.#endpoint = {
      provider: this.name,
      baseUrl: options.baseUrl || anthropicDefaultUrl,
      apiKey: options.apiKey,
    };
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    return (await modelNames(this.#endpoint, 'anthropic', signal))
      .filter((name) => name !== '')
      .map((name) => ({ id: `${this.name}:${name}`, provider: this.name, name }));
  }

  model(name: string): ChatModel {
    return new AnthropicModel(this.#endpoint, name);
  }
}
