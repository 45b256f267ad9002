import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';
import { login } from '../fixtures/auth.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';

const desktop = { width: 1440, height: 900 };

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('Settings → Security', () => {
  let running: RunningApp | undefined;
  let page: Page | undefined;
  let problems: string[];

  function watch(p: Page): Page {
    page = p;
    problems = [];
    p.on('pageerror', (error) => problems.push(error.message));
    return p;
  }

  async function open(tab: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    if (!running) throw new Error('no app');
    const p = watch(await signedInPage(browser, running.url, { viewport: desktop, colorScheme }));
    await p.goto(`${running.url}/settings/security?tab=${tab}`);
    return p;
  }

  afterEach(async () => {
    await page?.context().close();
    await running?.stop();
    page = undefined;
    running = undefined;
  });

  it('creates a scoped API token shown once, which works until it is revoked, and audits it', async () => {
    running = await startApp();
    const url = running.url;
    const p = watch(await signedInPage(browser, url, { viewport: desktop }));
    await p.goto(`${url}/settings`);
    await p.getByRole('link', { name: /Security/ }).click();
    await p.waitForURL(`${url}/settings/security`);
    await p.getByRole('link', { name: 'API tokens' }).click();
    const card = p.getByTestId('api-tokens');
    // The environment's token is listed, and cannot be revoked here.
    const envRow = card.locator('[data-token="api-token"]');
    await envRow.getByText('From environment').waitFor();
    expect(await envRow.getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    await card.getByTestId('new-token').click();
    const form = card.getByTestId('token-form');
    await form.getByLabel('Name').fill('CI reader');
    await form.getByLabel('Expires after (days)').fill('30');
    // Only monitoring:read is chosen to begin with; full access is one click away.
    await form.getByLabel('Full access (*)').check();
    expect(await form.getByLabel('monitoring:read').count()).toBe(0);
    await form.getByLabel('Only what I choose').check();
    expect(await form.getByLabel('monitoring:read').isChecked()).toBe(true);
    await p.screenshot({ path: '/tmp/identity-token-form.png' });
    await form.getByRole('button', { name: 'Create token' }).click();

    const value = await card.getByTestId('created-token-value').inputValue();
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    const headers = { 'x-api-token': value };
    expect((await fetch(`${url}/api/state`, { headers })).status).toBe(200);
    // monitoring:read does not reach the token list.
    expect((await fetch(`${url}/api/security/tokens`, { headers })).status).toBe(403);

    const row = card.locator('[data-token="CI reader"]');
    await row.getByText('monitoring:read').waitFor();
    expect(await row.innerText()).toContain(`${value.slice(0, 4)}…${value.slice(-4)}`);
    await row.getByText(/in 30d|in 29d/).waitFor();
    await p.screenshot({ path: '/tmp/identity-tokens-light.png' });
    await card.getByRole('button', { name: 'I have copied it' }).click();
    await p.reload();
    await card.locator('[data-token="CI reader"]').waitFor();
    expect(await p.content()).not.toContain(value);

    // The audit log has the creation, and its signature checks out.
    await p.getByRole('link', { name: 'Audit log' }).click();
    const audit = p.getByTestId('audit-log');
    const created = audit.locator('[data-event="token_created"]');
    await created.waitFor();
    expect(await created.innerText()).toContain('CI reader');
    await created.getByRole('button', { name: 'Verify' }).click();
    await created.getByText('Valid').waitFor();
    await audit.getByTestId('verify-chain').click();
    await audit.getByText('The audit log is intact').waitFor();
    await audit.locator('[data-filter="audit-event"]').selectOption('login');
    await audit.locator('[data-event="login"]').first().waitFor();
    expect(await audit.locator('[data-event="token_created"]').count()).toBe(0);
    await p.screenshot({ path: '/tmp/identity-audit-light.png' });

    await p.getByRole('link', { name: 'API tokens' }).click();
    const again = card.locator('[data-token="CI reader"]');
    await again.getByRole('button', { name: 'Revoke' }).click();
    await again.getByRole('button', { name: 'Revoke CI reader?' }).click();
    await again.waitFor({ state: 'detached' });
    expect((await fetch(`${url}/api/state`, { headers })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('changes the password, keeps this browser signed in, and the new one signs in', async () => {
    running = await startApp({}, { auth: 'none' });
    const url = running.url;
    const setupToken = readFileSync(join(running.dataDir, '.bootstrap_token'), 'utf8').trim();
    const first = 'the first long passphrase';
    const second = 'a second, even longer passphrase';
    const setup = await fetch(`${url}/api/security/quick-setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-setup-token': setupToken },
      body: JSON.stringify({ username: 'owner', password: first }),
    });
    expect(setup.status).toBe(200);
    const context = await browser.newContext({ viewport: desktop });
    await context.request.post(`${url}/api/login`, {
      data: { username: 'owner', password: first },
    });
    const p = watch(await context.newPage());
    await p.goto(`${url}/settings/security`);

    const card = p.getByTestId('change-password');
    await card.getByLabel('Current password').fill('not it at all, sorry');
    await card.getByLabel('New password', { exact: true }).fill(second);
    await card.getByLabel('Confirm new password').fill(second);
    await card.getByRole('button', { name: 'Change password' }).click();
    await card.locator('[data-field-error="password-current"]').waitFor();

    await card.getByLabel('Current password').fill(first);
    await card.getByRole('button', { name: 'Change password' }).click();
    await card.getByRole('status').getByText('Password changed').waitFor();
    // Still signed in, on a fresh session: the list shows this browser and nothing else.
    const sessions = p.getByTestId('sessions');
    await sessions.locator('[data-session="current"]').waitFor();
    expect(await sessions.locator('[data-session="other"]').count()).toBe(0);
    await p.getByTestId('user-menu').click();
    await p.getByRole('menuitem', { name: 'Sign out' }).click();
    await p.waitForURL(`${url}/login`);

    const form = p.getByTestId('login-form');
    await form.getByLabel('User name').fill('owner');
    await form.getByLabel('Password').fill(second);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${url}/`);
    expect(problems).toEqual([]);
  });

  it('lists your sessions, signs another one out, and follows when this one is signed out elsewhere', async () => {
    running = await startApp();
    const url = running.url;
    const other = await login(url);
    const p = await open('account');
    const sessions = p.getByTestId('sessions');
    await sessions.locator('[data-session="current"]').getByText('This browser').waitFor();
    const others = sessions.locator('[data-session="other"]');
    await others.first().waitFor();
    expect(await others.count()).toBe(1);
    expect(await others.innerText()).toMatch(/Unknown browser|Node\.js/);
    await p.screenshot({ path: '/tmp/identity-account-light.png' });
    await others.getByRole('button', { name: 'Sign out' }).click();
    await others.waitFor({ state: 'detached' });
    expect((await fetch(`${url}/api/security/sessions`, { headers: other.headers })).status).toBe(
      401,
    );

    // Signed out from another browser: the socket closes and this tab goes to sign-in.
    await p.goto(`${url}/nodes`);
    await p.getByTestId('connection').getByText('Live').waitFor();
    const second = await login(url);
    const listed = await graphql<{
      mySessions: { data: { id: string; current: boolean }[] };
    }>(
      url,
      '{ mySessions { ... on QueryMySessionsSuccess { data { id current } } } }',
      {},
      second.headers,
    );
    const browserSession = listed.data?.mySessions.data.find((s) => !s.current);
    expect(browserSession).toBeDefined();
    const revoked = await graphql(
      url,
      'mutation ($id: ID!) { revokeSession(id: $id) { __typename } }',
      { id: browserSession?.id },
      second.headers,
    );
    expect(revoked.errors).toBeUndefined();
    await p.waitForURL(`${url}/login?returnTo=%2Fnodes`);
    expect(problems).toEqual([]);
  });

  it('saves single sign-on settings, with environment-set fields locked', async () => {
    running = await startApp({ OIDC_CLIENT_ID: 'pulse-from-env' });
    const url = running.url;
    const p = await open('sso');
    const card = p.getByTestId('oidc-settings');
    const clientId = card.getByLabel('Client ID');
    await clientId.waitFor();
    expect(await clientId.isDisabled()).toBe(true);
    expect(await clientId.inputValue()).toBe('pulse-from-env');
    await card.getByText('Set by OIDC_CLIENT_ID').waitFor();
    expect(await card.getByTestId('oidc-redirect').inputValue()).toBe(`${url}/api/oidc/callback`);

    await card.getByLabel('Turn on single sign-on').check();
    await card.getByLabel('Issuer URL').fill('http://127.0.0.1:9/realms/lab');
    await card.getByLabel('Client secret').fill('client-secret-value');
    await card.getByText('Advanced options').click();
    await card.getByLabel('Group role mappings').fill('pulse-admins=admin\nops=operator');
    await card.getByLabel('Allowed email domains').fill('example.com, lab.example');
    await card.getByLabel('Scopes').fill('profile email');
    await card.getByRole('button', { name: 'Save single sign-on' }).click();
    // The server's message goes under the field it is about.
    await card
      .locator('[data-field-error="oidc-scopes"]')
      .getByText('must include openid')
      .waitFor();
    await card.getByLabel('Scopes').fill('openid profile email');
    await card.getByRole('button', { name: 'Save single sign-on' }).click();
    await card.getByRole('status').getByText('Saved').waitFor();
    await card.getByText('A secret is stored; leave blank to keep it.').waitFor();
    await p.screenshot({ path: '/tmp/identity-sso-light.png' });
    await card.getByLabel('Group role mappings').scrollIntoViewIfNeeded();
    await p.screenshot({ path: '/tmp/identity-sso-advanced-light.png' });

    const saved = (await (await running.fetch('/api/security/oidc')).json()) as {
      enabled: boolean;
      issuerUrl: string;
      clientSecret: string;
      groupRoleMappings: Record<string, string>;
      allowedDomains: string[];
    };
    expect(saved).toMatchObject({
      enabled: true,
      issuerUrl: 'http://127.0.0.1:9/realms/lab',
      clientSecret: '********',
      groupRoleMappings: { 'pulse-admins': 'admin', ops: 'operator' },
      allowedDomains: ['example.com', 'lab.example'],
    });
    // Signed out, the sign-in page now offers SSO.
    const anonymous = await browser.newContext({ viewport: desktop });
    const signIn = await anonymous.newPage();
    await signIn.goto(`${url}/login`);
    await signIn.getByTestId('sso-login').waitFor();
    await anonymous.close();
    expect(problems).toEqual([]);
  });

  it('renders in the dark theme', async () => {
    running = await startApp();
    await running.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Home Assistant',
        scopes: ['monitoring:read', 'monitoring:write'],
      }),
    });
    let p = await open('tokens', 'dark');
    expect(await p.locator('html').getAttribute('data-theme')).toBe('dark');
    await p.getByTestId('api-tokens').locator('[data-token="Home Assistant"]').waitFor();
    await p.getByTestId('new-token').click();
    await p.screenshot({ path: '/tmp/identity-tokens-dark.png' });
    await p.context().close();
    const ready: Record<string, (page: Page) => Promise<void>> = {
      account: (page) => page.locator('[data-session="current"]').waitFor(),
      sso: (page) => page.getByTestId('oidc-redirect').waitFor(),
      audit: (page) => page.locator('[data-event="token_created"]').waitFor(),
    };
    for (const [tab, loaded] of Object.entries(ready)) {
      p = await open(tab, 'dark');
      await loaded(p);
      await p.screenshot({ path: `/tmp/identity-${tab}-dark.png` });
      await p.context().close();
    }
    expect(problems).toEqual([]);
  });
});
