import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoEstate, startDemoEstate } from '../../server/demo/index.ts';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';

// Polling a freshly added cluster takes a few rounds of HTTPS calls; leave room for slow CI.
const FIRST_POLL_MS = 30_000;

let browser: Browser;
let estate: DemoEstate;

beforeAll(async () => {
  [browser, estate] = await Promise.all([launchChromium(), startDemoEstate({ size: 'small' })]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), estate?.stop()]);
});

describe('Settings → Nodes against a simulated Proxmox VE cluster', () => {
  let running: RunningApp;
  let page: Page;
  let problems: string[];

  beforeEach(async () => {
    // Demo off: the only resources are the ones the node added below brings.
    running = await startApp();
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}/settings/nodes`);
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.getByText('No nodes configured').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await running.stop();
  });

  it('tests, saves and then shows the new cluster’s guests in the overview', async () => {
    const [pve] = estate.pve;
    if (!pve) throw new Error('the demo estate has no PVE endpoint');
    await page.getByTestId('add-node').click();
    const form = page.getByTestId('node-form');
    await form.getByLabel('Name', { exact: true }).fill('lab');
    await form.getByLabel('Address', { exact: true }).fill(pve.baseUrl);
    await form.getByLabel('Token ID', { exact: true }).fill(estate.credentials.pve.tokenId);
    await form.getByLabel('Secret', { exact: true }).fill(estate.credentials.pve.tokenSecret);
    await form.getByRole('radio', { name: /Pin fingerprint/ }).check();
    // Trust on first use: the form fetches what the host presents, the user compares it.
    const fingerprint = form.getByLabel('SHA-256 fingerprint');
    expect(await fingerprint.inputValue()).toBe('');
    await form.getByRole('button', { name: 'Fetch from host' }).click();
    await form
      .getByTestId('fingerprint-check')
      .getByText(/Node → System → Certificates/)
      .waitFor();
    expect(await fingerprint.inputValue()).toBe(pve.fingerprint);

    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByTestId('test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.innerText()).toMatch(/Connected to Proxmox VE/);

    await form.getByRole('button', { name: 'Add node' }).click();
    await page.getByTestId('notice').getByText('Added lab').waitFor();
    await page.locator('[data-node-connection="lab"]').getByText('Pinned').waitFor();

    await page.getByRole('link', { name: 'Overview', exact: true }).first().click();
    await page.waitForURL(`${running.url}/`);
    const guests = page.locator('tr[data-resource-id*="/qemu/"], tr[data-resource-id*="/lxc/"]');
    await guests.first().waitFor({ timeout: FIRST_POLL_MS });
    await page.locator('tr[data-resource-id$="/node/pve1"]').waitFor();
    expect(await guests.count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('shows a validation error next to the field it is about', async () => {
    await page.getByTestId('add-node').click();
    const form = page.getByTestId('node-form');
    await form.getByLabel('Address', { exact: true }).fill('pve.invalid');
    await form.getByLabel('Token ID', { exact: true }).fill('not-a-token-id');
    await form.getByLabel('Secret', { exact: true }).fill('secret');
    await form.getByRole('button', { name: 'Add node' }).click();
    // The server checks the name first; its error lands under the name input.
    await form.locator('[data-field-error="node-name"]').waitFor();
    await form.getByLabel('Name', { exact: true }).fill('lab');
    await form.getByRole('button', { name: 'Add node' }).click();
    await form
      .locator('[data-field-error="node-token-id"]')
      .getByText(/user@realm/)
      .waitFor();
    expect(await form.locator('[data-field-error="node-name"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows why a fingerprint could not be fetched under the address', async () => {
    await page.getByTestId('add-node').click();
    const form = page.getByTestId('node-form');
    await form.getByLabel('Address', { exact: true }).fill('http://pve.lan');
    await form.getByRole('radio', { name: /Pin fingerprint/ }).check();
    await form.getByRole('button', { name: 'Fetch from host' }).click();
    await form.locator('[data-field-error="node-host"]').getByText(/https/).waitFor();
    expect(await form.getByLabel('SHA-256 fingerprint').inputValue()).toBe('');
    expect(await form.getByTestId('fingerprint-check').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
