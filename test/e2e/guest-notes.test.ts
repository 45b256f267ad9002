import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

let browser: Browser;
let running: RunningApp;
const guestId = 'pve-a/qemu/100';

beforeAll(async () => {
  [browser, running] = await Promise.all([launchChromium(), startApp()]);
  running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(100, { name: 'pbs-docker' })]);
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('notes on the guest page', () => {
  it('adds a note and a link that outlive a reload, removes the note, and refuses a script link', async () => {
    const page = await signedInPage(browser, running.url, {
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${running.url}/guests/${encodeURIComponent(guestId)}`);
    const notes = page
      .locator('section.panel')
      .filter({ has: page.getByRole('heading', { name: /^Notes/ }) });
    await notes.getByText('No notes yet.').waitFor();

    await notes.getByLabel('New note').fill('Billing database, owned by finance');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByText('Billing database, owned by finance').waitFor();

    await notes.getByRole('button', { name: 'Add a link' }).click();
    await notes.getByLabel('Link').fill('javascript:alert(1)');
    await notes.getByRole('button', { name: 'Save link' }).click();
    await notes.getByRole('alert').filter({ hasText: 'customUrl' }).waitFor();
    await notes.getByLabel('Link').fill('https://pbs.lan:8007');
    await notes.getByRole('button', { name: 'Save link' }).click();
    await notes.getByRole('link', { name: 'https://pbs.lan:8007/' }).waitFor();

    await page.reload();
    await notes.getByText('Billing database, owned by finance').waitFor();
    const stored = await (
      await running.fetch(`/api/guests/metadata/${encodeURIComponent(guestId)}`)
    ).json();
    expect(stored).toMatchObject({
      notes: ['Billing database, owned by finance'],
      customUrl: 'https://pbs.lan:8007/',
    });

    await notes.getByRole('button', { name: /Remove note/ }).click();
    await notes.getByText('No notes yet.').waitFor();
    await page.close();
  });
});
