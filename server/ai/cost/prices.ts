/**
 * List prices in US dollars per million tokens, as the providers publish them. Kept by hand:
 * update the rows and `pricesAsOf` together. A model missing here still has its tokens
 * counted; its cost is unknown (null), never guessed.
 */
export const pricesAsOf = '2026-11-01';

export interface Price {
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
}

/** By provider, then by model name prefix (the longest matching prefix wins). */
const table: Record<string, Record<string, Price>> = {
  anthropic: {
    'claude-opus-4': { inputPerMillionUsd: 15, outputPerMillionUsd: 75 },
    'claude-sonnet-4': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
    'claude-3-7-sonnet': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
    'claude-3-5-sonnet': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
    'claude-haiku-4': { inputPerMillionUsd: 1, outputPerMillionUsd: 5 },
    'claude-3-5-haiku': { inputPerMillionUsd: 0.8, outputPerMillionUsd: 4 },
    'claude-3-haiku': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 1.25 },
    // The fake wire-format server's model, so tests price a known row.
    'claude-test-1': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
  },
  openai: {
    'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
    'gpt-4o': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
    'gpt-4.1-mini': { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 },
    'gpt-4.1-nano': { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 },
    'gpt-4.1': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
    'gpt-5-mini': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 2 },
    'gpt-5-nano': { inputPerMillionUsd: 0.05, outputPerMillionUsd: 0.4 },
    'gpt-5': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
    'o4-mini': { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4 },
    'gpt-test-1': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
  },
  deepseek: {
    'deepseek-chat': { inputPerMillionUsd: 0.27, outputPerMillionUsd: 1.1 },
    'deepseek-reasoner': { inputPerMillionUsd: 0.55, outputPerMillionUsd: 2.19 },
  },
};

/** Local servers cost nothing per token. */
const freeProviders = new Set(['ollama', 'lmstudio']);

export function priceOf(provider: string, model: string): Price | null {
  if (freeProviders.has(provider)) return { inputPerMillionUsd: 0, outputPerMillionUsd: 0 };
  const rows = table[provider];
  if (!rows) return null;
  const match = Object.keys(rows)
    .filter((prefix) => model === prefix || model.startsWith(`${prefix}-`))
    .sort((a, b) => b.length - a.length)[0];
  return match ? (rows[match] ?? null) : null;
}

/** The estimated cost of one call, or null when the model has no price. */
export function costOf(
  provider: string,
  model: string,
  tokens: { inputTokens: number; outputTokens: number },
): number | null {
  const price = priceOf(provider, model);
  if (!price) return null;
  return (
    (tokens.inputTokens * price.inputPerMillionUsd +
      tokens.outputTokens * price.outputPerMillionUsd) /
    1_000_000
  );
}
