import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { login } from '../../fixtures/auth.ts';
import { ssoSignIn, startTestIdp, type TestIdp } from '../../fixtures/oidc-provider.ts';

let app: RunningApp;
let idp: TestIdp;

beforeAll(async () => {
  app = await startApp();
  idp = await startTestIdp({ redirectUris: [`${app.url}/api/oidc/callback`] });
  const saved = await app.fetch('/api/security/oidc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      enabled: true,
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    }),
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  await idp?.stop();
});

describe('a provider user named like a local account', () => {
  it('is refused, and the local admin keeps its account and role', async () => {
    idp.addAccount({ id: 'impostor', username: 'admin', groups: ['pulse-admins'] });
    const outcome = await ssoSignIn(app.url, idp, 'impostor');
    expect(outcome.location).toBe('/login?error=local_account_conflict');
    expect(outcome.cookie).toBe('');
    const { headers } = await login(app.url);
    const status = await fetch(`${app.url}/api/security/status`, { headers });
    expect(await status.json()).toMatchObject({ user: { username: 'admin', role: 'admin' } });
  });
});
