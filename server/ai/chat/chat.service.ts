import { type Actor, authorize } from '../../access/actor.ts';
import { ServiceError, ValidationError } from '../../errors.ts';
import type { AiSettingsService } from '../ai-settings.service.ts';
import type { ChatMessage, ChatModel, ToolCall } from '../chat-model.ts';
import type { CostService } from '../cost/cost.service.ts';
import { ProviderError } from '../provider-error.ts';
import { obj, str } from '../wire.ts';
import type { ConversationStore, ConversationSummary, ConversationView } from './conversations.ts';
import { chatSystemPrompt, forModel } from './prompt.ts';
import { chatTools, runTool, type ToolServices } from './tools.ts';

/** The model provider failed (bad key, unreachable, ...); its message says which. */
export class ChatProviderError extends ServiceError {
  override name = 'ChatProviderError';
  override readonly status = 502;
  override readonly code = 'AI_PROVIDER';
}

/** No provider or chat model is set up: a 400 whose code lets clients point to the settings. */
export class AiNotConfiguredError extends ValidationError {
  override name = 'AiNotConfiguredError';
  override readonly code = 'AI_NOT_CONFIGURED';
}

/** Model rounds per question: each may call tools; the last must answer. */
export const maxRounds = 6;
const maxTokens = 2048;
const maxMessageChars = 8_000;

export interface ChatQuestion {
  conversationId?: string | null;
  message: string;
  /** The resource the user has open, if any. */
  resourceId?: string | null;
}

export interface ChatUsageTotals {
  inputTokens: number;
  outputTokens: number;
  /** Null when the model has no price. */
  costUsd: number | null;
  model: string;
}

export type ChatStreamEvent =
  /** First, once the conversation exists: a client that stops midway can still continue it. */
  | { type: 'started'; conversationId: string }
  | { type: 'text'; delta: string }
  | { type: 'tool'; phase: 'started' | 'finished'; name: string; ok: boolean | null }
  | { type: 'done'; conversationId: string; usage: ChatUsageTotals };

export interface ChatAnswer {
  conversationId: string;
  answer: string;
  toolCalls: { name: string; ok: boolean }[];
  usage: ChatUsageTotals;
}

export interface ChatDeps {
  ai: AiSettingsService;
  cost: CostService;
  conversations: ConversationStore;
  tools: ToolServices;
}

/** The assistant: a tool loop over read-only tools, run with the asking user's access. */
export class ChatService {
  readonly #deps: ChatDeps;

  constructor(deps: ChatDeps) {
    this.#deps = deps;
  }

  /** Streams one answer; the conversation is saved as it completes. */
  async *ask(actor: Actor, input: unknown, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    authorize(actor, 'read', 'AI');
    const question = parseQuestion(input);
    const message = question.message.trim();
    if (message.length > maxMessageChars) {
      throw new ValidationError(`a message is at most ${maxMessageChars} characters`, 'message');
    }
    const model = await this.#model();
    await this.#deps.cost.assertWithinBudget();
    const { conversations } = this.#deps;
    const resourceId = question.resourceId?.trim() || null;
    // Continuing is only ever of one's own conversation: get() looks it up by owner.
    const earlier = question.conversationId
      ? await conversations.get(actor.name, question.conversationId)
      : null;
    const conversationId =
      earlier?.id ?? (await conversations.create(actor.name, message, resourceId));
    const history = earlier?.messages ?? [];
    // Announced once the model answers, so a provider that fails at once is still an error
    // status rather than a stream that starts and breaks.
    let announced = false;
    const turns: ChatMessage[] = [
      { role: 'user', content: message, ...(resourceId && { resourceInView: resourceId }) },
    ];
    const usage: ChatUsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: null, model: '' };
    try {
      for (let round = 0; round < maxRounds; round++) {
        const lastRound = round === maxRounds - 1;
        let text = '';
        const calls: ToolCall[] = [];
        for await (const event of model.stream({
          system: chatSystemPrompt,
          messages: [...history, ...turns].map(forModel),
          // The last round has no tools, so the model must answer with what it has.
          ...(!lastRound && { tools: chatTools }),
          maxTokens,
          ...(signal && { signal }),
        })) {
          if (!announced) {
            announced = true;
            yield { type: 'started', conversationId };
          }
          if (event.type === 'text') {
            text += event.delta;
            yield { type: 'text', delta: event.delta };
          } else if (event.type === 'tool_call') {
            calls.push(event.call);
          } else {
            const row = await this.#deps.cost.record('chat', model.id, event.usage);
            usage.inputTokens += row.inputTokens;
            usage.outputTokens += row.outputTokens;
            usage.model = row.model;
            if (row.costUsd !== null && row.costUsd !== undefined) {
              usage.costUsd = (usage.costUsd ?? 0) + row.costUsd;
            }
          }
        }
        turns.push({ role: 'assistant', content: text, ...(calls.length && { toolCalls: calls }) });
        if (calls.length === 0) break;
        for (const call of calls) {
          yield { type: 'tool', phase: 'started', name: call.name, ok: null };
          const output = await runTool(actor, call.name, call.input, this.#deps.tools);
          turns.push({
            role: 'tool',
            toolCallId: call.id,
            content: output.content,
            ...(!output.ok && { isError: true }),
          });
          yield { type: 'tool', phase: 'finished', name: call.name, ok: output.ok };
        }
      }
    } catch (error) {
      throw error instanceof ProviderError ? new ChatProviderError(error.message) : error;
    } finally {
      // What was said so far is kept, even when the stream fails or the client leaves.
      await conversations.append(conversationId, turns);
    }
    yield { type: 'done', conversationId, usage };
  }

  /** The whole answer at once, for POST /api/ai/execute. */
  async answer(actor: Actor, input: unknown): Promise<ChatAnswer> {
    let answer = '';
    const toolCalls: ChatAnswer['toolCalls'] = [];
    for await (const event of this.ask(actor, input)) {
      if (event.type === 'text') answer += event.delta;
      else if (event.type === 'tool' && event.phase === 'finished') {
        toolCalls.push({ name: event.name, ok: event.ok === true });
      } else if (event.type === 'done') {
        return { conversationId: event.conversationId, answer, toolCalls, usage: event.usage };
      }
    }
    throw new Error('the chat ended without a done event');
  }

  conversations(actor: Actor): Promise<ConversationSummary[]> {
    authorize(actor, 'read', 'AI');
    return this.#deps.conversations.list(actor.name);
  }

  conversation(actor: Actor, id: string): Promise<ConversationView> {
    authorize(actor, 'read', 'AI');
    return this.#deps.conversations.get(actor.name, id);
  }

  deleteConversation(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'read', 'AI');
    return this.#deps.conversations.delete(actor.name, id);
  }

  async #model(): Promise<ChatModel> {
    const model = await this.#deps.ai.modelFor('chat');
    if (!model) {
      throw new AiNotConfiguredError(
        'AI is not enabled or no chat model is chosen in the AI settings',
      );
    }
    return model;
  }
}

/** Reads `{prompt | message, conversation_id?, resource_id?}` (camelCase too). */
export function parseQuestion(body: unknown): ChatQuestion {
  const input = obj(body);
  const message = str(input.message) || str(input.prompt);
  if (!message.trim()) throw new ValidationError('a prompt or message is required', 'message');
  return {
    message,
    conversationId: str(input.conversation_id) || str(input.conversationId) || null,
    resourceId: str(input.resource_id) || str(input.resourceId) || null,
  };
}
