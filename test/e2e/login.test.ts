import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { testAdmin } from '../fixtures/auth.ts';
import { launchChromium } from '../fixtures/browser.ts';

const owner = { username: 'owner', password: 'a long and quiet passphrase' };
const desktop = { width: 1440, height: 900 };

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('Signing in', () => {
  let running: RunningApp | undefined;
  let page: Page | undefined;
  let contexts: BrowserContext[] = [];
  let problems: string[];

  async function open(
    path: string,
    options: { colorScheme?: 'light' | 'dark'; viewport?: typeof desktop } = {},
  ): Promise<Page> {
    if (!running) throw new Error('no app');
    const context = await browser.newContext({ viewport: desktop, ...options });
    contexts.push(context);
    page = await context.newPage();
    problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}${path}`);
    return page;
  }

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await running?.stop();
    contexts = [];
    page = undefined;
    running = undefined;
  });

  it('sends a fresh install to setup, which signs the new admin in; sign-out and sign-in follow', async () => {
    running = await startApp({}, { auth: 'none' });
    const url = running.url;
    const p = await open('/');
    await p.waitForURL(`${url}/setup`);
    // The dashboard's live feeds must not start before anyone is signed in.
    const form = p.getByTestId('setup-form');
    await form.waitFor();
    const tokenFile = join(running.dataDir, '.bootstrap_token');
    expect(await p.getByTestId('bootstrap-path').innerText()).toBe(tokenFile);
    expect(await p.locator('nav[aria-label="Main"]').count()).toBe(0);

    // A wrong token is caught by the quick check, before anything changes.
    await form.getByLabel('Bootstrap token').fill('0'.repeat(64));
    await form.getByLabel('Admin user name').fill(owner.username);
    await form.getByLabel('Password', { exact: true }).fill(owner.password);
    await form.getByLabel('Confirm password').fill(owner.password);
    await form.getByRole('button', { name: 'Create admin and sign in' }).click();
    await form.locator('[data-field-error="setup-token"]').waitFor();
    expect(await p.getByTestId('password-strength').getAttribute('data-score')).not.toBe('0');
    await p.screenshot({ path: '/tmp/identity-setup.png' });

    await form.getByLabel('Bootstrap token').fill(readFileSync(tokenFile, 'utf8').trim());
    await form.getByLabel('Also create an API token').check();
    await form.getByRole('button', { name: 'Create admin and sign in' }).click();
    const apiToken = await p.getByTestId('setup-api-token').inputValue();
    expect(apiToken).toMatch(/^[0-9a-f]{64}$/);
    const state = await fetch(`${url}/api/state`, { headers: { 'x-api-token': apiToken } });
    expect(state.status).toBe(200);

    await p.getByRole('button', { name: 'Continue to the dashboard' }).click();
    await p.waitForURL(`${url}/`);
    await p.getByTestId('connection').getByText('Live').waitFor();
    const menu = p.getByTestId('user-menu');
    expect(await menu.innerText()).toContain(owner.username);

    // Signing out ends the session and lands on the sign-in page.
    await menu.click();
    await p.getByRole('menu').getByText('Admin').waitFor();
    await p.screenshot({ path: '/tmp/identity-menu-light.png' });
    await p.getByRole('menuitem', { name: 'Sign out' }).click();
    await p.waitForURL(`${url}/login`);
    const anonymous = await p.evaluate(async () => {
      const response = await fetch('/api/security/status');
      return ((await response.json()) as { authenticated: boolean }).authenticated;
    });
    expect(anonymous).toBe(false);

    // A page asked for while signed out comes back after signing in.
    await p.goto(`${url}/settings/nodes?from=test`);
    await p.waitForURL(`${url}/login?returnTo=${encodeURIComponent('/settings/nodes?from=test')}`);
    const login = p.getByTestId('login-form');
    await login.getByLabel('User name').fill(owner.username);
    await login.getByLabel('Password').fill('not the passphrase');
    await login.getByRole('button', { name: 'Sign in' }).click();
    const error = login.getByRole('alert');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/Invalid username or password\.\s+4 attempts left/);
    expect(await login.getByLabel('Password').inputValue()).toBe('');

    await login.getByLabel('Password').fill(owner.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${url}/settings/nodes?from=test`);
    await p.getByTestId('user-menu').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the demo estate anonymously before setup, with the way to set up security', async () => {
    running = await startApp({ PULSE_MOCK_MODE: 'true' }, { auth: 'none' });
    const p = await open('/');
    await p.getByTestId('connection').getByText('Live').waitFor();
    const banner = p.getByRole('note').filter({ hasText: 'built-in demo estate' });
    await banner.getByRole('link', { name: 'Set up security' }).waitFor();
    expect(await p.getByTestId('user-menu').count()).toBe(0);
    await p.screenshot({ path: '/tmp/identity-demo-light.png' });

    await p.getByTestId('setup-security').click();
    await p.waitForURL(`${running.url}/setup`);
    await p.getByTestId('setup-form').waitFor();
    await p.getByRole('link', { name: 'Not now, back to the demo' }).click();
    await p.waitForURL(`${running.url}/`);
    await p.getByTestId('connection').getByText('Live').waitFor();
    expect(problems).toEqual([]);
  });

  it('says how long a locked sign-in waits, and a crafted returnTo cannot leave the site', async () => {
    running = await startApp();
    const p = await open('/login?returnTo=//evil.example/steal');
    const login = p.getByTestId('login-form');
    await login.waitFor();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await login.getByLabel('User name').fill(testAdmin.username);
      await login.getByLabel('Password').fill(`wrong-${attempt}`);
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login
        .getByRole('alert')
        .getByText(attempt < 5 ? `${5 - attempt} attempt` : 'now locked')
        .waitFor();
    }
    await login.getByLabel('Password').fill(testAdmin.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    const locked = login.getByRole('alert');
    await locked.getByText('Too many attempts').waitFor();
    expect(await locked.innerText()).toMatch(/Try again in 15 minutes\./);

    // Once the lock is lifted the right password works and returnTo stays on this site.
    await running.fetch('/api/security/reset-lockout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: testAdmin.username }),
    });
    await running.fetch('/api/security/reset-lockout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: '127.0.0.1' }),
    });
    await login.getByLabel('Password').fill(testAdmin.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${running.url}/`);
    expect(problems).toEqual([]);
  });

  it('offers single sign-on, explains a failed one, and hides the password form when asked', async () => {
    running = await startApp({
      // Nothing listens on port 9: discovery fails and the provider is reported unreachable.
      OIDC_ENABLED: 'true',
      OIDC_ISSUER_URL: 'http://127.0.0.1:9/realms/lab',
      OIDC_CLIENT_ID: 'pulse',
      PULSE_AUTH_HIDE_LOCAL_LOGIN: 'true',
    });
    const p = await open('/nodes', { viewport: { width: 390, height: 844 } });
    await p.waitForURL(`${running.url}/login?returnTo=%2Fnodes`);
    const sso = p.getByTestId('sso-login');
    await sso.waitFor();
    expect(await p.getByTestId('login-form').count()).toBe(0);

    await sso.click();
    await p.waitForURL(/\/login\?error=provider_unavailable/);
    const notice = p.getByRole('alert');
    await notice.getByText('Single sign-on did not complete').waitFor();
    expect(await notice.innerText()).toContain('could not reach the identity provider');

    // Admins can still use a local account when SSO is down.
    await p.goto(`${running.url}/login?show_local=true`);
    await p.getByTestId('login-form').waitFor();
    await p.getByTestId('sso-login').waitFor();
    await p.screenshot({ path: '/tmp/identity-login-phone.png' });
    expect(problems).toEqual([]);
  });

  it('renders the sign-in page in both themes, and a signed-in browser skips it', async () => {
    running = await startApp();
    for (const colorScheme of ['light', 'dark'] as const) {
      const p = await open('/login', { colorScheme });
      await p.getByTestId('login-form').waitFor();
      expect(await p.getByLabel('User name').evaluate((el) => el === document.activeElement)).toBe(
        true,
      );
      await p.screenshot({ path: `/tmp/identity-login-${colorScheme}.png` });
    }
    const p = await open('/login');
    const login = p.getByTestId('login-form');
    await login.getByLabel('User name').fill(testAdmin.username);
    await login.getByLabel('Password').fill(testAdmin.password);
    await login.getByLabel('Remember me for 30 days').check();
    await login.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${running.url}/`);
    const cookies = await p.context().cookies();
    const session = cookies.find((c) => c.name === 'pulse_session');
    // Remembered: the cookie outlives the browser, for about 30 days.
    expect(session?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
    await p.goto(`${running.url}/login?returnTo=%2Falerts`);
    await p.waitForURL(`${running.url}/alerts`);
    expect(problems).toEqual([]);
  });
});
