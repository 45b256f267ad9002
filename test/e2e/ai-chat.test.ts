import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { type LlmServer, startLlmServer } from '../fixtures/llm-server.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const guestId = 'pve-a/qemu/100';
const guestPath = `/guests/${encodeURIComponent(guestId)}`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

async function openGuest(running: RunningApp, problems: string[]): Promise<Page> {
  running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(100, { name: 'web-01' })]);
  const page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${running.url}${guestPath}`);
  await page.getByRole('heading', { name: 'web-01', level: 1 }).waitFor();
  return page;
}

/** The text the model sent as the user's turns, in either wire format. */
function userTextOf(llm: LlmServer): string {
  const texts: string[] = [];
  for (const request of llm.requests) {
    for (const message of (request.body?.messages ?? []) as Record<string, unknown>[]) {
      if (message.role !== 'user') continue;
      if (typeof message.content === 'string') texts.push(message.content);
      for (const block of Array.isArray(message.content) ? message.content : []) {
        if (block?.type === 'text') texts.push(String(block.text));
      }
    }
  }
  return texts.join('\n');
}

describe('the assistant drawer', () => {
  let running: RunningApp;
  let llm: LlmServer;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    llm = await startLlmServer();
    running = await startApp();
    const configured = await running.fetch('/api/settings/ai/update', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        enabled: true,
        anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
        model: 'anthropic:claude-test-1',
      }),
    });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await running?.stop();
    await llm?.close();
  });
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  it('asks about the guest in view, streams the answer with its tool call, and keeps the conversation', async () => {
    page = await openGuest(running, problems);
    const button = page.getByTestId('ai-chat-button');
    await button.click();
    const drawer = page.getByRole('dialog', { name: 'Assistant' });
    await drawer.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const question = drawer.getByRole('textbox', { name: 'Your question' });
    // Focus moves into the drawer, onto the question.
    await expect.poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    await drawer.getByTestId('ai-context').getByText('Asking about web-01').waitFor();

    llm.script(
      {
        text: 'Let me check the backups.',
        toolCalls: [{ name: 'backups', input: { resource_id: guestId } }],
        usage: { inputTokens: 1200, outputTokens: 40 },
      },
      {
        text: ['web-01 was ', 'backed up ', 'last night.\n\n', '- 3 snapshots\n', '- <b>kept</b>'],
        usage: { inputTokens: 1500, outputTokens: 30 },
      },
    );
    await question.fill('When was this guest last backed up?');
    await question.press('Enter');

    const answer = drawer.getByTestId('ai-answer');
    await answer.getByText('web-01 was backed up last night.').waitFor();
    await answer.locator('li', { hasText: '3 snapshots' }).waitFor();
    // Model text is text: its markup shows as typed and never becomes elements.
    await answer.locator('li', { hasText: '<b>kept</b>' }).waitFor();
    expect(await answer.locator('b').count()).toBe(0);
    const chip = answer.locator('[data-testid="ai-tool"][data-tool="backups"][data-state="done"]');
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(/Looking at backups/);
    await answer
      .getByTestId('ai-usage')
      .getByText(/2,700 in · 70 out tokens/)
      .waitFor();
    await drawer
      .getByTestId('ai-question')
      .getByText('When was this guest last backed up?')
      .waitFor();

    // The guest in view went to the model as data with the question.
    expect(userTextOf(llm)).toContain(`{"resourceInView":"${guestId}"}`);
    await page.screenshot({ path: '/tmp/ai-chat/e2e-answer.png' });

    // Escape closes it and gives focus back to the button that opened it.
    await question.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);

    // Reopened, the conversation is in the list, and opens again from what the server saved.
    await button.click();
    await drawer.getByRole('button', { name: 'New conversation' }).click();
    await drawer.getByTestId('ai-answer').waitFor({ state: 'detached' });
    await drawer.getByRole('button', { name: 'Conversations' }).click();
    const list = drawer.getByTestId('ai-conversations');
    const saved = list.getByRole('button', { name: /^When was this guest last backed up\?/ });
    await saved.waitFor();
    await saved.click();
    await drawer.getByTestId('ai-answer').getByText('web-01 was backed up last night.').waitFor();
    await drawer
      .getByTestId('ai-question')
      .filter({ hasText: /^When was this guest last backed up\?$/ })
      .waitFor();

    // Dropping the context sends the next question without the guest.
    await drawer.getByRole('button', { name: "Don't ask about web-01" }).click();
    await drawer.getByTestId('ai-context').waitFor({ state: 'detached' });
    llm.script({ text: 'Everything else is fine.' });
    const since = llm.requests.length;
    await question.fill('Anything else?');
    await question.press('Enter');
    await drawer.getByText('Everything else is fine.').waitFor();
    const last = llm.requests.slice(since).at(-1);
    const turns = (last?.body?.messages ?? []) as { role: string; content: unknown }[];
    expect(JSON.stringify(turns.at(-1))).not.toContain('resourceInView');
    // The follow-up continued the same conversation, with its history.
    expect(JSON.stringify(turns)).toContain('When was this guest last backed up?');

    // Deleting it removes it from the list.
    await drawer.getByRole('button', { name: 'Conversations' }).click();
    await list
      .getByRole('button', { name: 'Delete “When was this guest last backed up?”' })
      .click();
    await list.getByText('No conversations yet').waitFor();
  });

  it('says plainly when the provider fails', async () => {
    page = await openGuest(running, problems);
    await page.getByTestId('ai-chat-button').click();
    const drawer = page.getByRole('dialog', { name: 'Assistant' });
    llm.script({ fail: 500 });
    const question = drawer.getByRole('textbox', { name: 'Your question' });
    await question.fill('Is web-01 healthy?');
    await question.press('Enter');
    const problem = drawer.getByTestId('ai-problem');
    await problem.getByText(/The AI provider did not answer/).waitFor();
    expect(await problem.getByRole('link', { name: /Settings → AI/ }).getAttribute('href')).toBe(
      '/settings/ai',
    );
  });
});

describe('the assistant drawer without AI', () => {
  let running: RunningApp;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await page?.close();
    await running?.stop();
  });

  it('points an admin to Settings → AI instead of offering to ask', async () => {
    page = await openGuest(running, problems);
    await page.getByTestId('ai-chat-button').click();
    const drawer = page.getByRole('dialog', { name: 'Assistant' });
    await drawer.getByTestId('ai-off').getByText('AI is turned off').waitFor();
    const link = drawer.getByRole('link', { name: /Set up AI in Settings → AI/ });
    expect(await link.getAttribute('href')).toBe('/settings/ai');
    expect(await drawer.getByRole('textbox').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
