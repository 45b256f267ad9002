import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { startTestIdp, type TestIdp } from '../fixtures/oidc-provider.ts';

// The sentence web/src/lib/components/security/sso-errors.ts gives not_in_allowed_group.
const notInAllowedGroup = 'None of your groups is allowed to use Pulse. Ask your Pulse admin.';

let browser: Browser;
let app: RunningApp;
let idp: TestIdp;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchChromium(), startApp()]);
  idp = await startTestIdp({ redirectUris: [`${app.url}/api/oidc/callback`] });
  idp.addAccount({ id: 'alice', username: 'alice.sso', groups: ['pulse-admins'] });
  idp.addAccount({ id: 'mallory', username: 'mallory.sso', groups: ['outsiders'] });
  await saveOidc({
    enabled: true,
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    groupRoleMappings: 'pulse-admins=admin',
  });
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

/** Saves OIDC settings as the admin, through the REST API an admin's script would use. */
async function saveOidc(settings: Record<string, unknown>): Promise<void> {
  const response = await app.fetch('/api/security/oidc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** A fresh browser, signed in nowhere, that records page errors. */
async function freshPage(problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

/** Opens /alerts signed out, is sent to sign in, and picks "Sign in with SSO". */
async function startSso(page: Page): Promise<void> {
  await page.goto(`${app.url}/alerts`);
  await page.waitForURL(`${app.url}/login?returnTo=${encodeURIComponent('/alerts')}`);
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
}

/**
 * The provider's own (development) pages: its login form, then its consent page, which a
 * first sign-in to the client always meets. Its answer is Pulse's callback.
 */
async function signInAtProvider(page: Page, accountId: string): Promise<void> {
  await page.locator('input[name="login"]').fill(accountId);
  await page.locator('input[name="password"]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('Sign in with SSO', () => {
  it('signs a provider user in and returns them to the page they asked for', async () => {
    const problems: string[] = [];
    const page = await freshPage(problems);
    await startSso(page);

    await signInAtProvider(page, 'alice');
    await page.waitForURL(`${app.url}/alerts`);
    const menu = page.getByTestId('user-menu');
    await menu.waitFor();
    expect(await menu.innerText()).toContain('alice.sso');
    // The Alerts page fills from GraphQL, which now answers the SSO session.
    await page.getByText('No alerts are firing').waitFor();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.screenshot({ path: '/tmp/sso-landed.png' });

    const status = await page.evaluate(async () => {
      const response = await fetch('/api/security/status');
      return (await response.json()) as { user: { username: string; role: string } };
    });
    // The mapping pulse-admins=admin made the provider's group a Pulse role.
    expect(status.user).toMatchObject({ username: 'alice.sso', role: 'admin' });
    expect(problems).toEqual([]);
  });

  it('turns away a user none of whose groups is allowed, and says why', async () => {
    await saveOidc({ allowedGroups: ['pulse-admins'] });
    const problems: string[] = [];
    const page = await freshPage(problems);
    await startSso(page);

    await signInAtProvider(page, 'mallory');
    await page.waitForURL(`${app.url}/login?error=not_in_allowed_group`);
    const refusal = page.getByRole('alert').filter({ hasText: notInAllowedGroup });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Single sign-on did not complete');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    const authenticated = await page.evaluate(async () => {
      const response = await fetch('/api/security/status');
      return ((await response.json()) as { authenticated: boolean }).authenticated;
    });
    expect(authenticated).toBe(false);
    expect(problems).toEqual([]);
  });
});
