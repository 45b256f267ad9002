import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';
import { type SmtpSink, startSmtpSink } from '../fixtures/smtp-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/webhook-receiver.ts';

const smtpPassword = 'sink-pass-123';

let browser: Browser;
let sink: SmtpSink;
let receiver: WebhookReceiver;

beforeAll(async () => {
  [browser, sink, receiver] = await Promise.all([
    launchChromium(),
    startSmtpSink({ user: 'pulse', password: smtpPassword }),
    startWebhookReceiver(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), sink?.close(), receiver?.close()]);
});

describe('Settings → Notifications', () => {
  let running: RunningApp;
  let page: Page;
  let problems: string[];

  async function open(colorScheme: 'light' | 'dark' = 'light') {
    page = await signedInPage(browser, running.url, {
      viewport: { width: 1440, height: 900 },
      colorScheme,
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}/settings/notifications`);
    await page.getByTestId('email-channel').getByLabel('SMTP server').waitFor();
    await page.getByTestId('delivery-health').getByText('Healthy').waitFor();
  }

  beforeEach(async () => {
    running = await startApp();
    problems = [];
  });
  afterEach(async () => {
    await page?.close();
    await running.stop();
  });

  it('is linked from the settings overview', async () => {
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${running.url}/settings`);
    await page.getByRole('link', { name: /Notifications/ }).click();
    await page.waitForURL(`${running.url}/settings/notifications`);
    await page.getByTestId('email-channel').waitFor();
  });

  it('configures email against a real SMTP server and sends a test', async () => {
    await open();
    const email = page.getByTestId('email-channel');
    // A provider preset fills the server, port and encryption.
    await email.getByLabel('Provider').selectOption('Gmail');
    expect(await email.getByLabel('SMTP server').inputValue()).toBe('smtp.gmail.com');
    expect(await email.getByLabel('Port').inputValue()).toBe('587');
    expect(await email.getByLabel('Encryption').inputValue()).toBe('starttls');

    await email.getByLabel('Provider').selectOption('Custom');
    await email.getByLabel('SMTP server').fill('127.0.0.1');
    await email.getByLabel('Port').fill(String(sink.port));
    await email.getByLabel('Encryption').selectOption('none');
    await email.getByLabel('Username').fill('pulse');
    await email.getByLabel('Password').fill(smtpPassword);
    await email.getByLabel('From').fill('Pulse <pulse@lab.example>');
    await email.getByLabel('Recipients').fill('ops@lab.example');
    await email.getByLabel('Send alerts by email').check();
    await email.getByRole('button', { name: 'Save email' }).click();
    await email.getByRole('status').getByText('Saved').waitFor();
    await email.getByText('Enabled', { exact: true }).waitFor();
    // The password is stored and no longer shown; left blank, the test still signs in with it.
    expect(await email.getByLabel('Password').inputValue()).toBe('');
    expect(await email.getByLabel('Password').getAttribute('placeholder')).toBe('stored');

    await email.getByRole('button', { name: 'Send test' }).click();
    const result = email.getByTestId('test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    const message = await sink.next();
    expect(message.user).toBe('pulse');
    expect(message.to).toEqual(['ops@lab.example']);
    expect(message.text).toContain('Pulse test notification');
    await page.screenshot({ path: '/tmp/notifications-email.png' });
    expect(problems).toEqual([]);
  });

  it('adds a Discord webhook, tests it, and shows a bad URL next to the field', async () => {
    await open();
    const webhooks = page.getByTestId('webhooks-channel');
    await webhooks.getByTestId('add-webhook').click();
    let form = webhooks.getByTestId('webhook-form');
    await form.getByLabel('Name').fill('Ops Discord');
    await form.getByLabel('Service').selectOption('DISCORD');
    await form.getByLabel('URL').fill(`${receiver.url}/api/webhooks/1/token`);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const row = webhooks.locator('[data-webhook="Ops Discord"]');
    await row.waitFor();

    await row.getByRole('button', { name: 'Test' }).click();
    const result = row.getByTestId('test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    const request = await receiver.next();
    expect(request.path).toBe('/api/webhooks/1/token');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ username: 'Pulse', embeds: [{ footer: { text: 'Pulse' } }] });

    await webhooks.getByTestId('add-webhook').click();
    form = webhooks.getByTestId('webhook-form');
    await form.getByLabel('Name').fill('Broken');
    await form.getByLabel('Service').selectOption('GENERIC');
    await form.getByLabel('URL').fill('ftp://example.com/hook');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const error = form.locator('[data-field-error="webhook-url"]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/must use http or https/);
    await page.screenshot({ path: '/tmp/notifications-light.png' });
    expect(problems).toEqual([]);
  });

  it('renders in the dark theme', async () => {
    await open('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId('webhooks-channel').getByTestId('add-webhook').click();
    await page.getByTestId('webhook-form').getByLabel('Service').selectOption('GENERIC');
    await page.getByTestId('webhook-form').getByLabel('Custom body').waitFor();
    await page.screenshot({ path: '/tmp/notifications-dark.png' });
    expect(problems).toEqual([]);
  });
});
