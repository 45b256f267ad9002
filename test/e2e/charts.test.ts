import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('history charts on the guest detail page', () => {
  let running: RunningApp;
  let page: Page;
  const problems: string[] = [];

  beforeEach(async () => {
    running = await startApp();
    problems.length = 0;
  });
  afterEach(async () => {
    await page?.close();
    await running.stop();
  });

  const snapshot = (cpu: number, lastSeenAt: number) =>
    running.app.store.apply('pve-a', [
      makeNode('pve1', { lastSeenAt }),
      makeVm(100, { cpu, lastSeenAt }),
    ]);

  it('draws recorded CPU history, shows values, and grows live without a reload', async () => {
    const now = Date.now();
    const readings = [0.12, 0.34, 0.56, 0.41];
    readings.forEach((cpu, i) => {
      snapshot(cpu, now - (readings.length - 1 - i) * 10_000);
    });
    await running.app.metricsRecorder.maintain();

    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}/guests/${encodeURIComponent('pve-a/qemu/100')}`);
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    const chart = page.locator('[data-testid="history-chart"][data-metric="cpu"]');
    await chart.locator('.uplot canvas').waitFor();
    const before = Number(await chart.getAttribute('data-points'));
    expect(before).toBeGreaterThan(0);
    // The legend shows the newest point's value as a percentage until the pointer moves.
    await expect(chart.getByTestId('chart-legend').textContent()).resolves.toMatch(/\d+%/);

    // Hovering the plot moves the legend to the point under the pointer.
    const box = await chart.locator('.uplot .u-over').boundingBox();
    expect(box).not.toBeNull();
    if (box) await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await expect(chart.getByTestId('chart-legend').textContent()).resolves.toMatch(/\d+%/);

    // The next poll arrives through the live feed and extends the chart, with no refetch.
    snapshot(0.9, Date.now() + 1_000);
    await page.waitForFunction(
      (count) =>
        Number(
          document
            .querySelector('[data-testid="history-chart"][data-metric="cpu"]')
            ?.getAttribute('data-points'),
        ) > count,
      before,
    );
    await page.mouse.move(0, 0);
    await chart.getByTestId('chart-legend').getByText('90%').waitFor();

    expect(problems).toEqual([]);
  });

  it('draws CPU sparklines in the overview from one batch of minute buckets', async () => {
    // A minute apart, so the samples always land in three distinct one-minute points.
    const now = Date.now();
    [0.2, 0.6, 0.3].forEach((cpu, i) => {
      snapshot(cpu, now - (2 - i) * 60_000);
    });
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(running.url);
    const spark = page.getByRole('img', { name: 'CPU over the last hour, peak 60%' });
    await spark.waitFor();
    expect(await spark.locator('path').getAttribute('d')).toMatch(/^M0\.0 [\d.]+ L/);
    expect(problems).toEqual([]);
  });

  it('says so when there is no history yet', async () => {
    snapshot(0.2, Date.now());
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${running.url}/guests/${encodeURIComponent('pve-a/qemu/100')}`);
    await page
      .locator(
        '[data-testid="history-chart"][data-metric="diskReadBytesPerSecond,diskWriteBytesPerSecond"]',
      )
      .getByText('No history yet — Pulse records a point every poll')
      .waitFor();
  });
});
