import Anthropic, {
  APIUserAbortError as AnthropicAbort,
  APIError as AnthropicApiError,
  APIConnectionError as AnthropicConnectionError,
} from '@anthropic-ai/sdk';
import OpenAI, {
  APIUserAbortError as OpenAIAbort,
  APIError as OpenAIApiError,
  APIConnectionError as OpenAIConnectionError,
} from 'openai';
import { failureFromNetwork, failureFromResponse, ProviderError } from './provider-error.ts';

// The official SDKs carry every request. Providers hand them wire-shaped bodies and read the
// raw stream events back, so the translation to ChatEvents stays in one place per provider.

/** 60 s to connect and start answering; a streamed answer may run longer (the signal ends it). */
const timeoutMs = 60_000;
const listTimeoutMs = 10_000;

export interface SdkEndpoint {
  provider: string;
  baseUrl: string;
  apiKey: string | null;
}

/** The SDK's errors as the reasons Pulse shows: bad key, unreachable, model missing, … */
function translate(provider: string, error: unknown, signal?: AbortSignal): unknown {
  if (error instanceof AnthropicAbort || error instanceof OpenAIAbort || signal?.aborted) {
    return error;
  }
  if (error instanceof AnthropicConnectionError || error instanceof OpenAIConnectionError) {
    return failureFromNetwork(provider, error.cause ?? error);
  }
  if (error instanceof AnthropicApiError || error instanceof OpenAIApiError) {
    // Anthropic keeps the whole error body, OpenAI only its inner `error` object.
    const body: unknown = error.error;
    const wrapped =
      typeof body === 'object' && body !== null && 'error' in body ? body : { error: body };
    return failureFromResponse(provider, error.status ?? 0, wrapped);
  }
  if (error instanceof ProviderError) return error;
  return failureFromNetwork(provider, error);
}

async function* relay<T>(
  provider: string,
  open: () => Promise<AsyncIterable<T>>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  try {
    for await (const event of await open()) yield event;
  } catch (error) {
    throw translate(provider, error, signal);
  }
}

export function anthropicClient(endpoint: SdkEndpoint): Anthropic {
  return new Anthropic({
    apiKey: endpoint.apiKey ?? '',
    baseURL: endpoint.baseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
  });
}

export function openaiClient(endpoint: SdkEndpoint): OpenAI {
  return new OpenAI({
    // Local servers (Ollama, LM Studio) take no key; the SDK insists on a string.
    apiKey: endpoint.apiKey ?? 'none',
    baseURL: endpoint.baseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
  });
}

/** Streams Anthropic Messages events for a wire-shaped request body. */
export function anthropicStream(
  endpoint: SdkEndpoint,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const client = anthropicClient(endpoint);
  return relay(
    endpoint.provider,
    () =>
      client.messages.create(
        { ...body, stream: true } as unknown as Anthropic.MessageCreateParamsStreaming,
        signal ? { signal } : {},
      ),
    signal,
  );
}

/** Streams OpenAI Chat Completions chunks for a wire-shaped request body. */
export function openaiStream(
  endpoint: SdkEndpoint,
  body: Record<string, unknown>,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  const client = openaiClient(endpoint);
  return relay(
    endpoint.provider,
    () =>
      client.chat.completions.create(
        { ...body, stream: true } as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
        signal ? { signal } : {},
      ),
    signal,
  );
}

/** The model names a provider reports. */
export async function modelNames(
  endpoint: SdkEndpoint,
  kind: 'anthropic' | 'openai',
  signal?: AbortSignal,
): Promise<string[]> {
  const options = { timeout: listTimeoutMs, ...(signal && { signal }) };
  const names: string[] = [];
  try {
    const pages =
      kind === 'anthropic'
        ? anthropicClient(endpoint).models.list({ limit: 1000 }, options)
        : openaiClient(endpoint).models.list(options);
    for await (const model of pages) names.push(model.id);
  } catch (error) {
    throw translate(endpoint.provider, error, signal);
  }
  return names;
}
