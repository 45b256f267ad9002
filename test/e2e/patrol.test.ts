// The AI Patrol page in a real browser against the real app: the demo estate is on (it unlocks
// Pro) and a lab estate with a fault switch is polled too. A run asks first (the estimate, here
// the reason there is no model pass), follows its steps live, and the faulted node's finding is
// acknowledged, another dismissed with a reason, a third snoozed.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/access/actor.ts';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';
import { testAdmin } from '../fixtures/auth.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { addLabNode, startTestEstate, type TestEstate } from '../fixtures/estate.ts';
import { type LlmServer, startLlmServer } from '../fixtures/llm-server.ts';

let browser: Browser;
let lab: TestEstate;
let running: RunningApp;
let llm: LlmServer;
let pveId: string;

beforeAll(async () => {
  [browser, lab, llm] = await Promise.all([launchChromium(), startTestEstate(), startLlmServer()]);
  running = await startApp({ PULSE_MOCK_MODE: 'true' });
  pveId = await addLabNode(running, lab.pve);
  lab.estate.setFault({ kind: 'node-offline', node: 'pve3' });
  lab.advance(60_000);
  await running.app.scheduler.pollNow(pveId);
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await lab?.estate.stop();
  await llm?.close();
});

describe('the AI Patrol page', () => {
  let page: Page;
  const problems: string[] = [];

  async function open(
    viewport = { width: 1440, height: 900 },
    colorScheme: 'light' | 'dark' = 'light',
  ) {
    page = await signedInPage(browser, running.url, { viewport, colorScheme });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}/patrol`);
    await page.getByTestId('patrol-status').waitFor();
  }

  const finding = (id: string): Locator => page.locator(`li[data-finding-id="${id}"]`);

  it('estimates, runs with live steps, and acts on findings', async () => {
    expect(running.app.sourceManager.demoRunning).toBe(true);
    await open();
    await page.getByTestId('patrol-last-run').getByText('Never').waitFor();
    await page.getByTestId('patrol-next-run').getByText('On demand only').waitFor();
    await page.getByTestId('patrol-model').getByText('Off').waitFor();

    // First the estimate: with no model set up, the sentence says why the pass will not run.
    await page.getByTestId('run-patrol').click();
    const estimate = page.getByTestId('patrol-estimate');
    await estimate.getByText(/The model pass will not run: no AI provider/).waitFor();
    await expect(estimate.innerText()).resolves.toMatch(/deterministic checks still run\.$/);
    await page.getByTestId('patrol-budget').getByText('No monthly AI budget is set.').waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/estimate.png' });

    await page.getByTestId('patrol-confirm').click();
    const result = page.getByTestId('patrol-run-result');
    await result.getByText('Patrol completed:').waitFor();
    // Without a model the run's steps skip the model pass, and every one is done.
    const steps = page.locator('[data-testid="patrol-progress"] li');
    await expect(
      steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-phase'))),
    ).resolves.toEqual(['started', 'gathering', 'deterministic', 'merging', 'completed']);
    await page.locator('[data-testid="patrol-progress"] li[data-state="done"]').nth(4).waitFor();
    await expect(result.innerText()).resolves.toMatch(/Model pass: Off\./);

    // The run is in the history, and the status strip says when it ran.
    await page.locator('[data-testid="patrol-runs"] tbody tr').first().waitFor();
    await page
      .getByTestId('patrol-last-run')
      .getByText(/just now|s ago/)
      .waitFor();

    // The offline node, worst first, links to its page and says why.
    const offlineId = `node-offline:${pveId}/node/pve3`;
    const offline = finding(offlineId);
    await offline.waitFor();
    await expect(offline.getAttribute('data-severity')).resolves.toBe('critical');
    const first = page.locator('[data-testid="patrol-findings"] > li').first();
    await expect(first.getAttribute('data-severity')).resolves.toBe('critical');
    await offline.getByRole('button', { expanded: false }).click();
    await offline.getByTestId('finding-details').waitFor();
    await offline.getByTestId('finding-evidence').getByText('offline').waitFor();
    expect(await offline.getByRole('link', { name: /Open pve3/ }).getAttribute('href')).toBe(
      `/nodes/${encodeURIComponent(`${pveId}/node/pve3`)}`,
    );
    await page.screenshot({ path: '/tmp/patrol-e2e/expanded.png' });

    await offline.getByRole('button', { name: 'Acknowledge' }).click();
    await offline.getByTestId('finding-state').getByText('Acknowledged').waitFor();
    const acknowledged = await running.app.services.findings.list(systemActor, {});
    expect(acknowledged.find((f) => f.id === offlineId)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: testAdmin.username,
    });

    // Two more active findings: one dismissed with a reason, one snoozed for a day.
    const others = page.locator('[data-testid="patrol-findings"] > li[data-state="active"]');
    const dismissId = await others.nth(0).getAttribute('data-finding-id');
    const snoozeId = await others.nth(1).getAttribute('data-finding-id');
    if (!dismissId || !snoozeId) throw new Error('expected two more active findings');

    const toDismiss = finding(dismissId);
    await toDismiss.getByRole('button', { expanded: false }).first().click();
    await toDismiss.getByRole('button', { name: 'Dismiss…' }).click();
    await toDismiss.getByLabel('Expected behaviour').check();
    await toDismiss.getByLabel(/Note/).fill('lab node, kept on purpose');
    await toDismiss.getByRole('button', { name: 'Dismiss finding' }).click();
    await toDismiss.waitFor({ state: 'detached' });

    const toSnooze = finding(snoozeId);
    await toSnooze.getByRole('button', { expanded: false }).first().click();
    await toSnooze.getByRole('button', { name: 'Snooze…' }).click();
    await toSnooze.getByRole('button', { name: '1 day' }).click();
    await toSnooze.waitFor({ state: 'detached' });

    const stored = new Map(
      (
        await running.app.services.findings.list(systemActor, {
          includeDismissed: true,
          includeSnoozed: true,
        })
      ).map((f) => [f.id, f]),
    );
    expect(stored.get(dismissId)).toMatchObject({
      state: 'dismissed',
      dismissedReason: 'expected_behavior',
      dismissedNote: 'lab node, kept on purpose',
    });
    expect(stored.get(snoozeId)?.state).toBe('snoozed');
    const snoozedFor = (stored.get(snoozeId)?.snoozedUntil?.getTime() ?? 0) - Date.now();
    expect(snoozedFor).toBeGreaterThan(23 * 3_600_000);
    expect(snoozedFor).toBeLessThanOrEqual(24 * 3_600_000);

    // Asked for, the dismissed and snoozed ones come back with their state.
    await page.getByLabel('Dismissed', { exact: true }).check();
    await finding(dismissId).getByTestId('finding-state').getByText('Dismissed').waitFor();
    await page.getByLabel('Snoozed', { exact: true }).check();
    await finding(snoozeId).getByTestId('finding-state').getByText('Snoozed').waitFor();

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('with a model: shows its estimate, its findings and explanations, and keeps rules', async () => {
    const ai = await running.fetch('/api/settings/ai/update', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        enabled: true,
        anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
        model: 'anthropic:claude-test-1',
      }),
    });
    expect(ai.status).toBe(200);
    const guest = running.app.store
      .all()
      .find((r) => (r.type === 'vm' || r.type === 'container') && r.source === pveId);
    if (!guest) throw new Error('the lab estate has no guest');
    const item = {
      severity: 'warning',
      recommendation: 'Give it more cores or find the busy process',
      evidence: 'cpu 97%',
    };
    llm.script({
      toolCalls: [
        {
          name: 'report_findings',
          input: {
            findings: [
              {
                ...item,
                resourceId: guest.id,
                key: 'cpu-saturation',
                category: 'performance',
                title: `${guest.name} runs at full CPU`,
                description: 'CPU has been near 100% for the whole window',
              },
              // The checks found this one already: it becomes their finding's explanation.
              {
                ...item,
                resourceId: `${pveId}/node/pve3`,
                key: 'node-down',
                category: 'reliability',
                title: 'pve3 is down',
                description: 'Every guest on pve3 is unreachable until it is back',
              },
            ],
            explanations: [],
          },
        },
      ],
      usage: { inputTokens: 4_000, outputTokens: 300 },
    });

    await open();
    await page.getByTestId('patrol-model').getByText('claude-test-1').waitFor();
    await page.getByTestId('run-patrol').click();
    await page
      .getByTestId('patrol-estimate')
      .getByText(
        /^≈ [\d,]+ of 10,000 input tokens to claude-test-1; \d+ of \d+ resources and \d+ of \d+ known findings fit the summary\.$/,
      )
      .waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/estimate-model.png' });
    await page.getByTestId('patrol-confirm').click();
    const result = page.getByTestId('patrol-run-result');
    await result.getByText('Patrol completed:').waitFor();
    await expect(result.innerText()).resolves.toMatch(
      /Model pass: claude-test-1: 1 finding added\./,
    );
    await page
      .locator('[data-testid="patrol-progress"] li[data-phase="llm"][data-state="done"]')
      .waitFor();
    const lastRun = page.locator('[data-testid="patrol-runs"] tbody tr').first();
    await lastRun.getByText('4,000 in / 300 out').waitFor();

    // The model's own finding, under the AI source, with its badge.
    await page.locator('select[data-filter="source"]').selectOption('ai');
    const aiId = `ai:cpu-saturation:${guest.id}`;
    const mine = finding(aiId);
    await mine.getByText('AI', { exact: true }).waitFor();
    await expect(page.locator('[data-testid="patrol-findings"] > li').count()).resolves.toBe(1);

    // The checks' finding carries the model's words, labelled as its.
    await page.locator('select[data-filter="source"]').selectOption('');
    const offline = finding(`node-offline:${pveId}/node/pve3`);
    await offline.locator('button.toggle').click();
    const explanation = offline.getByTestId('finding-explanation');
    await explanation.getByText('From the model (claude-test-1)').waitFor();
    await explanation.getByText('Every guest on pve3 is unreachable until it is back').waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/explanation.png' });

    // Suppressing makes a rule and hides the finding; deleting the rule shows it again.
    await mine.locator('button.toggle').click();
    await mine.getByRole('button', { name: 'Suppress…' }).click();
    await mine.getByLabel(/Reason/).fill('batch host, busy by design');
    await mine.getByRole('button', { name: 'Create rule' }).click();
    await mine.waitFor({ state: 'detached' });
    const rule = page.locator('[data-testid="patrol-suppressions"] tbody tr');
    await rule.getByText('batch host, busy by design').waitFor();
    await expect(rule.locator('td').nth(1).innerText()).resolves.toBe(guest.id);
    await rule.getByRole('button', { name: 'Delete' }).click();
    await rule.getByRole('button', { name: 'Delete rule?' }).click();
    await page.getByText('No suppression rules').waitFor();
    await mine.waitFor();
    await expect(mine.getAttribute('data-state')).resolves.toBe('active');

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps a note on a finding, and reopens one that was acknowledged', async () => {
    await open();
    const target = page
      .locator('[data-testid="patrol-findings"] > li[data-state="active"]')
      .first();
    const id = await target.getAttribute('data-finding-id');
    if (!id) throw new Error('expected an active finding');
    const item = finding(id);
    await item.locator('button.toggle').click();
    await item.getByRole('button', { name: 'Add note' }).click();
    // Markup in a note is text, never HTML.
    const note = 'Waiting on the <b>new disk</b>; not urgent';
    await item.getByLabel('Note', { exact: true }).fill(note);
    await item.getByRole('button', { name: 'Save note' }).click();
    await item.getByTestId('finding-note').getByText(note).waitFor();

    await page.reload();
    await page.getByTestId('patrol-status').waitFor();
    await item.getByTestId('finding-has-note').waitFor();
    await item.locator('button.toggle').click();
    const shown = item.getByTestId('finding-note');
    await shown.getByText(note).waitFor();
    await expect(shown.locator('b').count()).resolves.toBe(0);
    const answer = await graphql<{ findings: { data: { id: string; userNote: string | null }[] } }>(
      running.url,
      '{ findings { ... on QueryFindingsSuccess { data { id userNote } } } }',
    );
    expect(answer.data?.findings.data.find((f) => f.id === id)?.userNote).toBe(note);

    // Acknowledged, then taken back: open again.
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByTestId('finding-state').getByText('Acknowledged').waitFor();
    await item.getByRole('button', { name: 'Reopen' }).click();
    await item.getByTestId('finding-state').getByText('Active').waitFor();
    const stored = await running.app.services.findings.list(systemActor, {});
    expect(stored.find((f) => f.id === id)).toMatchObject({ state: 'active', userNote: note });
    expect(problems).toEqual([]);
    await page.context().close();

    const looks = [
      ['light', 1440, 900],
      ['dark', 1440, 900],
      ['light', 390, 844],
      ['dark', 390, 844],
    ] as const;
    for (const [scheme, width, height] of looks) {
      await open({ width, height }, scheme);
      const again = finding(id);
      await again.locator('button.toggle').click();
      await again.getByTestId('finding-note').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/patrol-notes/note-${scheme}-${width}.png` });
      await again.getByRole('button', { name: 'Edit note' }).click();
      await again.getByTestId('finding-note-editor').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/patrol-notes/editor-${scheme}-${width}.png` });
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('looks right in the dark theme and on a phone', async () => {
    await open({ width: 1440, height: 900 }, 'dark');
    await page.locator('[data-testid="patrol-findings"] > li').first().waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/dark.png', fullPage: true });
    await page.context().close();

    await open({ width: 390, height: 844 });
    const first = page.locator('[data-testid="patrol-findings"] > li').first();
    await first.getByRole('button', { expanded: false }).click();
    await first.getByTestId('finding-details').waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/phone.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the AI Patrol page for a demo visitor', () => {
  let demo: RunningApp;

  beforeAll(async () => {
    // Before security is set up, anyone may look at the demo estate, read-only.
    demo = await startApp({ PULSE_MOCK_MODE: 'true' }, { auth: 'none' });
    // The demo estate's first polls, so the run has something to find.
    for (const id of ['demo-pve', 'demo-pbs']) await demo.app.scheduler.pollNow(id);
    const run = await demo.app.services.patrol.run(systemActor);
    expect(run.findingsCount).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('shows the findings and their details, with nothing to act with', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${demo.url}/patrol`);
    await page.getByTestId('demo-read-only').waitFor();
    const first = page.locator('[data-testid="patrol-findings"] > li').first();
    await first.locator('button.toggle').click();
    await first.getByTestId('finding-details').waitFor();
    await page
      .getByTestId('demo-read-only')
      .getByRole('link', { name: 'set up security' })
      .waitFor();
    await page.screenshot({ path: '/tmp/patrol-e2e/visitor.png' });
    await expect(page.getByTestId('run-patrol').count()).resolves.toBe(0);
    await expect(first.getByTestId('finding-actions').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
