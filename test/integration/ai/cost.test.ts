import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { type LlmServer, startLlmServer } from '../../fixtures/llm-server.ts';
import { chatRequests, jsonPost, readSse } from './chat-helpers.ts';

let llm: LlmServer;
let running: RunningApp;

beforeAll(async () => {
  llm = await startLlmServer();
  running = await startApp();
  const configured = await running.fetch(
    '/api/settings/ai/update',
    jsonPost({
      enabled: true,
      anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
      openai: { apiKey: llm.apiKey, baseUrl: llm.openaiUrl },
      // An endpoint the price table does not know: tokens count, cost stays unknown.
      openaiCompatible: [{ name: 'custom', baseUrl: llm.openaiUrl, apiKey: llm.apiKey }],
      model: 'anthropic:claude-test-1',
    }),
  );
  expect(configured.status).toBe(200);
});
afterAll(async () => {
  await running?.stop();
  await llm?.close();
});

async function chatWith(model: string, usage: { inputTokens: number; outputTokens: number }) {
  await running.fetch('/api/settings/ai/update', jsonPost({ chatModel: model }));
  llm.script({ text: 'ok', usage });
  const response = await running.fetch('/api/ai/execute', jsonPost({ prompt: 'hi' }));
  expect(response.status).toBe(200);
  return (await response.json()) as { usage: { costUsd: number | null } };
}

interface Summary {
  lines: {
    provider: string;
    model: string;
    feature: string;
    calls: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    unpricedCalls: number;
  }[];
  totals: { calls: number; inputTokens: number; outputTokens: number; costUsd: number };
  thisMonth: { costUsd: number };
  monthlyBudgetUsd: number | null;
  budgetLeftUsd: number | null;
  pricesAsOf: string;
}

describe('AI cost tracking', () => {
  it('records the tokens the SDK reported and prices them from the table', async () => {
    // claude-test-1: $3 in, $15 out per million; gpt-test-1: $2.50 in, $10 out.
    const anthropic = await chatWith('anthropic:claude-test-1', {
      inputTokens: 2000,
      outputTokens: 500,
    });
    expect(anthropic.usage.costUsd).toBeCloseTo(0.0135, 10);
    await chatWith('openai:gpt-test-1', { inputTokens: 4000, outputTokens: 1000 });
    const unknown = await chatWith('custom:gpt-test-1', { inputTokens: 100, outputTokens: 10 });
    expect(unknown.usage.costUsd).toBeNull();

    const response = await running.fetch('/api/ai/cost/summary');
    const summary = (await response.json()) as Summary;
    expect(summary.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const byProvider = Object.fromEntries(summary.lines.map((l) => [l.provider, l]));
    expect(byProvider.anthropic).toMatchObject({
      model: 'claude-test-1',
      feature: 'chat',
      calls: 1,
      inputTokens: 2000,
      outputTokens: 500,
      unpricedCalls: 0,
    });
    expect(byProvider.openai?.costUsd).toBeCloseTo(0.02, 10);
    expect(byProvider.custom).toMatchObject({ inputTokens: 100, costUsd: null, unpricedCalls: 1 });
    expect(summary.totals).toMatchObject({ calls: 3, inputTokens: 6100, outputTokens: 1510 });
    expect(summary.totals.costUsd).toBeCloseTo(0.0335, 10);
    expect(summary.thisMonth.costUsd).toBeCloseTo(0.0335, 10);
  });

  it('exports every call as CSV with a header row', async () => {
    const response = await running.fetch('/api/ai/cost/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('at,provider,model,feature,input_tokens,output_tokens,cost_usd');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\d{4}-.*Z,anthropic,claude-test-1,chat,2000,500,0\.0135$/);
    expect(lines[3]).toMatch(/,custom,gpt-test-1,chat,100,10,$/);
  });

  it('refuses to chat once the month’s spend reached the budget, before calling the model', async () => {
    await running.fetch('/api/settings/ai/update', jsonPost({ monthlyBudgetUsd: 0.03 }));
    const summary = (await (await running.fetch('/api/ai/cost/summary')).json()) as Summary;
    expect(summary).toMatchObject({ monthlyBudgetUsd: 0.03, budgetLeftUsd: 0 });
    const before = chatRequests(llm.requests).length;

    const answer = await running.fetch('/api/ai/execute', jsonPost({ prompt: 'hi' }));
    expect(answer.status).toBe(429);
    expect(((await answer.json()) as { error: string }).error).toMatch(
      /monthly AI budget of \$0\.03 is spent/,
    );
    const stream = await running.fetch('/api/ai/execute/stream', jsonPost({ prompt: 'hi' }));
    expect(stream.status).toBe(429);
    expect(chatRequests(llm.requests)).toHaveLength(before);

    // Raising the budget lets chat through again.
    await running.fetch('/api/settings/ai/update', jsonPost({ monthlyBudgetUsd: 5 }));
    llm.script({ text: ['still ', 'here'] });
    const again = await running.fetch('/api/ai/execute/stream', jsonPost({ prompt: 'hi' }));
    const events = await readSse(again);
    expect(events.map((e) => e.event)).toEqual(['started', 'text', 'text', 'done']);
  });

  it('answers a provider failure before any event with 502, and after one with an error event', async () => {
    llm.script({ fail: 500 });
    const early = await running.fetch('/api/ai/execute/stream', jsonPost({ prompt: 'hi' }));
    expect(early.status).toBe(502);
    expect(((await early.json()) as { error: string }).error).toMatch(/answered with an error/);

    llm.script({ toolCalls: [{ name: 'storage', input: {} }] }, { fail: 500 });
    const late = await running.fetch('/api/ai/execute/stream', jsonPost({ prompt: 'hi' }));
    expect(late.status).toBe(200);
    const events = await readSse(late);
    expect(events.map((e) => e.event)).toEqual(['started', 'tool', 'tool', 'error']);
    expect(String(events.at(-1)?.data.error)).toMatch(/answered with an error/);
  });

  it('resets the records', async () => {
    const reset = await running.fetch('/api/ai/cost/reset', { method: 'POST' });
    expect(await reset.json()).toEqual({ deleted: 5 });
    const summary = (await (await running.fetch('/api/ai/cost/summary')).json()) as Summary;
    expect(summary.lines).toEqual([]);
    expect(summary.totals.calls).toBe(0);
  });
});
