import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/access/actor.ts';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { testAdmin } from '../fixtures/auth.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('alerts in the dashboard', () => {
  let running: RunningApp;
  let page: Page;
  const problems: string[] = [];

  beforeEach(async () => {
    running = await startApp();
    problems.length = 0;
    // Fire on the first evaluation, one notification per alert, CPU over 80% until 70%.
    await running.app.services.alerts.updateConfig(systemActor, {
      timeThresholds: { default: 0 },
      grouping: { enabled: false },
      defaults: { guest: { cpu: { trigger: 80, clear: 70 } } },
    });
  });
  afterEach(async () => {
    await page?.close();
    await running.stop();
  });

  async function poll(cpu: number) {
    running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(100, { cpu, name: 'web-01' })]);
    await running.app.services.alerts.evaluateNow();
  }

  async function open(path: string, colorScheme: 'light' | 'dark' = 'light') {
    page = await signedInPage(browser, running.url, {
      viewport: { width: 1440, height: 900 },
      colorScheme,
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}${path}`);
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  }

  it('shows a new alert live, badges its row, acknowledges it and moves it to history', async () => {
    await poll(0.3);
    await open('/alerts');
    await page.getByText('No alerts are firing').waitFor();

    // The next poll pushes CPU over the trigger; the alert arrives over the subscription.
    await poll(0.92);
    const row = page.locator('[data-testid="active-alerts"] tr[data-resource-id="pve-a/qemu/100"]');
    await row.waitFor();
    expect(await row.getByRole('link', { name: 'web-01' }).getAttribute('href')).toBe(
      `/guests/${encodeURIComponent('pve-a/qemu/100')}`,
    );
    await expect(row.textContent()).resolves.toMatch(/92% \/ 80%/);
    await page.getByTestId('nav-alert-count').filter({ hasText: '1' }).waitFor();
    await page.screenshot({ path: '/tmp/alerts-light.png' });

    // The overview's row carries the badge, from the same live store.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page
      .locator('tr[data-resource-id="pve-a/qemu/100"] [data-testid="alert-badge"]')
      .waitFor();
    await page.screenshot({ path: '/tmp/alerts-overview.png' });

    await page.getByRole('link', { name: /^Alerts/ }).click();
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByTestId('acknowledged').getByText(testAdmin.username).waitFor();
    await row.getByRole('button', { name: 'Unacknowledge' }).waitFor();
    expect(running.app.services.alerts.active(systemActor)[0]?.acknowledged?.by).toBe(
      testAdmin.username,
    );

    // Falling below clear resolves it: gone from Active, listed in History with its end.
    await poll(0.5);
    await page.getByText('No alerts are firing').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    const past = page.locator(
      '[data-testid="alert-history"] tr[data-resource-id="pve-a/qemu/100"]',
    );
    await past.waitFor();
    await expect(past.getByTestId('resolved').textContent()).resolves.not.toBe('–');

    expect(problems).toEqual([]);
  });

  it('looks right in the dark theme', async () => {
    await poll(0.95);
    await open('/alerts', 'dark');
    await page.locator('[data-testid="active-alerts"] tbody tr').waitFor();
    await page.screenshot({ path: '/tmp/alerts-dark.png' });
    expect(problems).toEqual([]);
  });

  it('saves thresholds and overrides, and shows what the server refused', async () => {
    await poll(0.3);
    await open('/alerts');
    await page.getByRole('link', { name: 'Thresholds', exact: true }).click();
    const form = page.getByTestId('thresholds-form');
    await form.waitFor();

    const guestCpu = form.locator('[data-threshold="guest.cpu"]');
    await guestCpu.locator('[data-field="trigger"]').fill('90');
    await guestCpu.locator('[data-field="clear"]').fill('85');
    const hostTemperature = form.locator('[data-threshold="host.temperature"]');
    expect(await hostTemperature.locator('.unit').textContent()).toBe('°C');
    await hostTemperature.locator('[data-field="trigger"]').fill('90');
    await hostTemperature.locator('[data-field="clear"]').fill('82');
    await form.getByTestId('override-resource').selectOption({ label: 'web-01 (VM 100)' });
    await form.getByRole('button', { name: 'Add override' }).click();
    const override = form.locator('[data-override="guest:pve-a:100"]');
    await override.getByLabel('Monitor only').check();
    await form.locator('[data-field="cooldown"]').fill('10');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await form.getByTestId('saved').waitFor();

    const config = running.app.services.alerts.config(systemActor);
    expect(config.defaults.guest.cpu).toMatchObject({ trigger: 90, clear: 85 });
    expect(config.defaults.host.temperature).toMatchObject({ trigger: 90, clear: 82 });
    expect(config.overrides['guest:pve-a:100']).toMatchObject({ monitorOnly: true });
    expect(config.cooldownMinutes).toBe(10);
    // Saving scrolled to the button; from the top, the sticky header sits where it belongs.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/alerts-thresholds-light.png', fullPage: true });

    // Clear above trigger is refused by the server, and the message says which field.
    await guestCpu.locator('[data-field="clear"]').fill('95');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await form
      .getByTestId('save-error')
      .getByText(/defaults\.guest\.cpu\.clear/)
      .waitFor();
    await page.screenshot({ path: '/tmp/alerts-thresholds-error.png' });
    expect(running.app.services.alerts.config(systemActor).defaults.guest.cpu?.clear).toBe(85);

    expect(problems).toEqual([]);
  });

  it('thresholds editor in the dark theme', async () => {
    await poll(0.3);
    await open('/alerts/thresholds', 'dark');
    await page.getByTestId('thresholds-form').waitFor();
    await page.screenshot({ path: '/tmp/alerts-thresholds-dark.png', fullPage: true });
  });
});
