import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { type LlmServer, startLlmServer } from '../fixtures/llm-server.ts';

let browser: Browser;
let llm: LlmServer;

beforeAll(async () => {
  [browser, llm] = await Promise.all([launchChromium(), startLlmServer()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), llm?.close()]);
});

interface Totals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const shown = (n: number) => n.toLocaleString('en-US');

describe('Settings → AI', () => {
  let running: RunningApp;
  let page: Page;
  let problems: string[];

  async function open(path: string) {
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}${path}`);
  }

  async function summary(): Promise<{ thisMonth: Totals; totals: Totals }> {
    const response = await running.fetch('/api/ai/cost/summary');
    expect(response.status).toBe(200);
    return (await response.json()) as { thisMonth: Totals; totals: Totals };
  }

  beforeEach(async () => {
    running = await startApp();
    problems = [];
  });
  afterEach(async () => {
    // The whole context, awaited: a download's files are cleaned up with it, and a close still
    // under way when the browser closes would reject with nobody listening.
    await page?.context().close();
    await running.stop();
  });

  it('is linked from the settings overview', async () => {
    await open('/settings');
    await page.locator('a[href="/settings/ai"]').click();
    await page.waitForURL(`${running.url}/settings/ai`);
    await page.getByTestId('ai-providers').waitFor();
    expect(problems).toEqual([]);
  });

  it('saves an Anthropic key, lists its models, picks one and a budget; the key never comes back', async () => {
    await open('/settings/ai');
    const anthropic = page.getByTestId('ai-provider-anthropic');
    await anthropic.getByLabel('API key').fill(llm.apiKey);
    await anthropic.getByLabel('Base URL').fill(llm.url);
    // An endpoint with a wrong key: its failure is reported, the others still list models.
    await page.getByTestId('add-endpoint').click();
    const endpoint = page.getByTestId('ai-endpoints').locator('[data-endpoint]').last();
    await endpoint.getByLabel('Name').fill('badkey');
    await endpoint.getByLabel('Base URL').fill(llm.openaiUrl);
    await endpoint.getByLabel('API key').fill('sk-wrong');
    const providers = page.getByTestId('ai-providers');
    await providers.getByRole('button', { name: 'Save providers' }).click();
    await providers.getByRole('status').getByText('Providers saved').waitFor();
    // Stored: the key field only offers to replace or clear it.
    await anthropic.getByRole('button', { name: 'Replace' }).waitFor();
    expect(await anthropic.getByLabel('API key').inputValue()).not.toContain(llm.apiKey);

    const health = page.getByTestId('ai-provider-health');
    await health
      .locator('[data-provider="anthropic"][data-ok="true"]')
      .getByText('2 models')
      .waitFor();
    const bad = health.locator('[data-provider="badkey"][data-ok="false"]');
    await bad.getByText('Key rejected').waitFor();
    expect(await bad.innerText()).toMatch(/rejected the API key/);

    const models = page.getByTestId('ai-models');
    const picker = models.getByLabel('Default model');
    await picker.locator('option[value="anthropic:claude-test-1"]').waitFor({ state: 'attached' });
    await picker.selectOption('anthropic:claude-test-1');
    // A model no provider lists can still be typed by hand.
    await models
      .getByLabel('Chat model', { exact: true })
      .selectOption({ label: 'Other (type an id)…' });
    await models.getByLabel('Chat model id').fill('anthropic:claude-unlisted');
    await models.getByLabel('Turn AI features on').check();
    const patrol = page.getByTestId('ai-patrol');
    await patrol.getByLabel('Run the patrol on a schedule').check();
    await patrol.getByLabel('Every (minutes)').fill('5');
    await patrol.getByLabel('Monthly budget (USD)').fill('25');

    // The server's ValidationError lands next to the field it names.
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    const intervalError = page.locator('[data-field-error="ai-patrol-every"]');
    await intervalError.waitFor();
    expect(await intervalError.innerText()).toMatch(/0 \(off\) or 10 to 10080/);

    await patrol.getByLabel('Every (minutes)').fill('30');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    await models.getByText('On', { exact: true }).waitFor();

    const response = await running.fetch('/api/settings/ai');
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(llm.apiKey);
    expect(text).not.toContain('sk-wrong');
    expect(JSON.parse(text)).toMatchObject({
      enabled: true,
      model: 'anthropic:claude-test-1',
      chatModel: 'anthropic:claude-unlisted',
      patrolIntervalMinutes: 30,
      monthlyBudgetUsd: 25,
      anthropic: { apiKey: '********', hasApiKey: true, baseUrl: llm.url },
      openaiCompatible: [{ name: 'badkey', apiKey: '********', hasApiKey: true }],
    });
    expect(await page.content()).not.toContain(llm.apiKey);

    // Cleared, the key is gone and so is the provider: a model still naming it is refused.
    await anthropic.getByRole('button', { name: 'Clear' }).click();
    await models.getByLabel('Default model').selectOption('');
    await models.getByLabel('Turn AI features on').uncheck();
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    const chatError = page.locator('[data-field-error="ai-chat-model"]');
    await chatError.waitFor();
    expect(await chatError.innerText()).toMatch(/provider anthropic is not configured/);
    await models.getByLabel('Chat model', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await anthropic.getByLabel('API key').and(page.locator(':not([readonly])')).waitFor();
    const after = (await (await running.fetch('/api/settings/ai')).json()) as {
      anthropic: { hasApiKey: boolean };
    };
    expect(after.anthropic.hasApiKey).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows recorded usage as the summary counts it, exports it, and resets it', async () => {
    const put = await running.fetch(
      '/api/settings/ai/update',
      json('PUT', {
        enabled: true,
        anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
        model: 'anthropic:claude-test-1',
        monthlyBudgetUsd: 10,
      }),
    );
    expect(put.status).toBe(200);
    llm.script({ text: 'All quiet.', usage: { inputTokens: 1234, outputTokens: 56 } });
    const asked = await running.fetch(
      '/api/ai/execute',
      json('POST', { prompt: 'Anything wrong?' }),
    );
    expect(asked.status, await asked.clone().text()).toBe(200);
    const counted = await summary();
    expect(counted.thisMonth.inputTokens).toBeGreaterThanOrEqual(1234);

    await open('/settings/ai');
    await page.getByRole('link', { name: 'Usage and cost' }).click();
    await page.waitForURL(`${running.url}/settings/ai/cost`);
    const month = page.getByTestId('ai-cost-month');
    const total = page.getByTestId('ai-cost-total');
    await month.locator('[data-stat="inputTokens"]').waitFor();
    for (const [card, totals] of [
      [month, counted.thisMonth],
      [total, counted.totals],
    ] as const) {
      for (const stat of ['calls', 'inputTokens', 'outputTokens'] as const) {
        expect(await card.locator(`[data-stat="${stat}"]`).innerText()).toBe(shown(totals[stat]));
      }
    }
    const line = page.locator('[data-line="anthropic:claude-test-1:chat"]');
    expect(await line.locator('[data-stat="inputTokens"]').innerText()).toBe(
      shown(counted.totals.inputTokens),
    );
    await page.getByTestId('ai-budget').getByText('left of $10.00').waitFor();
    await page.getByText(/Prices as of/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ai-cost-export').click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'at,provider,model,feature,input_tokens,output_tokens,cost_usd',
    );
    expect(csv).toContain(',anthropic,claude-test-1,chat,1234,56,');

    const lines = page.getByTestId('ai-cost-lines');
    await lines.getByRole('button', { name: 'Reset' }).click();
    await lines.getByText(`Forget all ${counted.totals.calls} recorded`).waitFor();
    await lines.getByRole('button', { name: 'Reset usage' }).click();
    await lines
      .getByRole('status')
      .getByText(/Usage reset/)
      .waitFor();
    await month.locator('[data-stat="inputTokens"]').getByText('0', { exact: true }).waitFor();
    await lines.getByText('No AI calls recorded').waitFor();
    expect((await summary()).totals).toMatchObject({ calls: 0, inputTokens: 0 });
    expect(problems).toEqual([]);
  });
});
