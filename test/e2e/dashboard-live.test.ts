import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { spawnPulse } from '../fixtures/pulse-process.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** A first run has nobody to sign in as: its demo dashboard is open to look at. */
async function openDashboard(url: string, signIn = true): Promise<Page> {
  const viewport = { width: 1440, height: 900 };
  const page = signIn
    ? await signedInPage(browser, new URL(url).origin, { viewport })
    : await browser.newPage({ viewport });

  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  expect(problems).toEqual([]);
  return page;
}

describe('the dashboard against the built server', () => {
  let running: RunningApp;
  let page: Page;

  beforeEach(async () => {
    running = await startApp();
    page = await openDashboard(running.url);
  });
  afterEach(async () => {
    await page.close();
    await running.stop();
  });

  it('shows the app shell with the product name, version and navigation', async () => {
    await expect(page.title()).resolves.toMatch(/Pulse/);
    await page.getByText('v0.1.0').first().waitFor();
    for (const area of ['Overview', 'Nodes', 'Guests', 'Storage', 'Alerts', 'Settings']) {
      await page.getByRole('link', { name: area, exact: true }).first().waitFor();
    }
    await page.getByText('Nothing to monitor yet').waitFor();
  });

  it('adds, updates and removes rows as the state store changes, without a reload', async () => {
    const { store } = running.app;
    store.apply('pve-a', [makeNode('pve1'), makeVm(100, { name: 'e2e-guest', cpu: 0.1 })]);
    const row = page.locator('[data-resource-id="pve-a/qemu/100"]');
    await row.getByText('e2e-guest').waitFor();
    await row.getByTestId('cpu').getByText('10%').waitFor();

    store.apply('pve-a', [makeNode('pve1'), makeVm(100, { name: 'e2e-guest', cpu: 0.73 })]);
    await row.getByTestId('cpu').getByText('73%').waitFor();

    store.apply('pve-a', [makeNode('pve1')]);
    await row.waitFor({ state: 'detached' });
    await page.locator('[data-resource-id="pve-a/node/pve1"]').waitFor();
  });
});

describe('a first run with no node configured', () => {
  it('shows the demo estate, says it is demo data, and updates it live', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
    const pulse = await spawnPulse({ PULSE_DATA_DIR: dataDir, PVE_POLLING_INTERVAL: '5' });
    try {
      const page = await openDashboard(pulse.url, false);
      await page.getByText('You are looking at the built-in demo estate').waitFor();
      await page.locator('[data-resource-id="demo-pve/node/pve1"]').waitFor();
      // The estate's load wanders as the simulated clock moves: wait until any CPU reading changes.
      const readings = () =>
        page.$$eval('[data-testid="cpu"]', (cells) =>
          cells.map((c) => c.textContent?.trim()).join('|'),
        );
      const first = await readings();
      await page.waitForFunction(
        (before) =>
          [...document.querySelectorAll('[data-testid="cpu"]')]
            .map((c) => c.textContent?.trim())
            .join('|') !== before,
        first,
        { timeout: 45_000 },
      );
      await page.close();
    } finally {
      pulse.child.kill('SIGTERM');
      await pulse.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
