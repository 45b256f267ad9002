import { describe, expect, it } from 'vitest';
import { costOf, priceOf } from '../../../server/ai/cost/prices.ts';

describe('the AI price table', () => {
  it('prices a dated model name by its family prefix, the longest prefix winning', () => {
    expect(priceOf('anthropic', 'claude-sonnet-4-20250514')).toEqual({
      inputPerMillionUsd: 3,
      outputPerMillionUsd: 15,
    });
    expect(priceOf('openai', 'gpt-4o-mini-2024-07-18')?.inputPerMillionUsd).toBe(0.15);
    expect(priceOf('openai', 'gpt-4o-2024-08-06')?.inputPerMillionUsd).toBe(2.5);
  });

  it('computes the cost per million tokens', () => {
    expect(costOf('openai', 'gpt-4o', { inputTokens: 1_000_000, outputTokens: 100_000 })).toBe(3.5);
  });

  it('knows no price for unknown models (null, never a guess) and none for local servers', () => {
    expect(costOf('anthropic', 'claude-future-9', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(costOf('openrouter', 'x', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(costOf('ollama', 'llama3:8b', { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
  });
});
