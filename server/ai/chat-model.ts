/**
 * The one interface chat and patrol talk to, whatever the provider. A provider turns its own
 * wire format (Anthropic Messages, OpenAI Chat Completions) into these events.
 */

/** A tool the model may call; `inputSchema` is a JSON Schema object. */
export interface ChatTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A tool call as the model made it, with its JSON input parsed. */
export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type ChatMessage =
  /**
   * What the user typed, and the resource they were looking at: kept apart so the question is
   * shown as typed; `userTurn` joins them for the model.
   */
  | { role: 'user'; content: string; resourceInView?: string }
  /** What the model said before: its text and the tool calls it made. */
  | { role: 'assistant'; content: string; toolCalls?: readonly ToolCall[] }
  /** The answer to one tool call. */
  | { role: 'tool'; toolCallId: string; content: string; isError?: boolean };

export interface ChatRequest {
  system: string;
  messages: readonly ChatMessage[];
  tools?: readonly ChatTool[];
  maxTokens: number;
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** The model the provider says answered (may differ from the one asked for). */
  model: string;
}

export type ChatEvent =
  | { type: 'text'; delta: string }
  /** Emitted once the call's input is complete. */
  | { type: 'tool_call'; call: ToolCall }
  /** Always the last event of a successful stream. */
  | { type: 'done'; usage: Usage; stopReason: 'end' | 'tool_use' | 'max_tokens' | 'other' };

export interface ModelInfo {
  /** `provider:model`, the id settings store. */
  id: string;
  provider: string;
  name: string;
}

export interface ChatModel {
  /** `provider:model`. */
  readonly id: string;
  stream(request: ChatRequest): AsyncIterable<ChatEvent>;
}

/** A configured provider: lists its models and opens one. */
export interface ChatProvider {
  /** The provider part of model ids: `anthropic`, `openai`, or a compatible endpoint's name. */
  readonly name: string;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  model(name: string): ChatModel;
}

/** Splits `provider:model`; the model part may itself contain colons (`ollama:llama3:8b`). */
export function parseModelId(id: string): { provider: string; model: string } | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  return { provider: id.slice(0, at), model: id.slice(at + 1) };
}
