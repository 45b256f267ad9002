import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOidcFields } from '../../../server/auth/oidc/fields.ts';
import { OidcProvider } from '../../../server/auth/oidc/provider.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import {
  finishSsoLogin,
  ssoSignIn,
  startSsoLogin,
  startTestIdp,
  type TestIdp,
} from '../../fixtures/oidc-provider.ts';

async function status(running: RunningApp, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.url}/api/security/status`, { headers });
  return (await response.json()) as Record<string, unknown>;
}

describe('single sign-on set by the environment', () => {
  let idp: TestIdp;
  let app: RunningApp;
  beforeAll(async () => {
    idp = await startTestIdp();
    idp.addAccount({ id: 'alice', username: 'alice', groups: ['pulse-admins'] });
    idp.addAccount({ id: 'erin', username: 'erin', groups: [] });
    // No admin and no password: the provider is the only way in, as the guide's users may run it.
    app = await startApp(
      {
        OIDC_ENABLED: 'true',
        OIDC_ISSUER_URL: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_SCOPES: 'openid,profile email',
        OIDC_GROUP_ROLE_MAPPINGS: 'pulse-admins=admin',
        PULSE_AUTH_HIDE_LOCAL_LOGIN: 'true',
      },
      { auth: 'none' },
    );
    idp.allowRedirect(`${app.url}/api/oidc/callback`);
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.stop();
  });

  it('counts as security set up, and hides the password form', async () => {
    expect(await status(app)).toMatchObject({
      configured: true,
      requiresSetup: false,
      oidcEnabled: true,
      hideLocalLogin: true,
      authenticated: false,
    });
  });

  it("signs in through Pulse's per-provider path; the env's values win and are locked", async () => {
    const admin = await ssoSignIn(app.url, idp, 'alice', '', '/api/oidc/pulse/login');
    expect(admin.location).toBe('/');
    expect(await status(app, { cookie: admin.cookie })).toMatchObject({
      user: { username: 'alice', role: 'admin' },
    });
    const change = await fetch(`${app.url}/api/security/oidc`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ issuerUrl: 'https://elsewhere.example/', allowedEmails: [] }),
    });
    expect(change.status).toBe(200);
    const settings = (await change.json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      enabled: true,
      issuerUrl: idp.issuer,
      clientSecret: '********',
      scopes: ['openid', 'profile', 'email'],
      groupRoleMappings: { 'pulse-admins': 'admin' },
      hideLocalLogin: true,
    });
    expect([...(settings.envOverrides as string[])].sort()).toEqual(
      [
        'clientId',
        'clientSecret',
        'enabled',
        'groupRoleMappings',
        'hideLocalLogin',
        'issuerUrl',
        'scopes',
      ].sort(),
    );

    const viewer = await ssoSignIn(app.url, idp, 'erin');
    expect(await status(app, { cookie: viewer.cookie })).toMatchObject({
      user: { username: 'erin', role: 'viewer' },
    });
  });
});

describe('a provider behind a private certificate authority', () => {
  let idp: TestIdp;
  let app: RunningApp;
  beforeAll(async () => {
    [idp, app] = await Promise.all([startTestIdp({ https: true }), startApp()]);
    idp.addAccount({ id: 'alice', username: 'alice' });
    idp.allowRedirect(`${app.url}/api/oidc/callback`);
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.stop();
  });

  async function save(body: Record<string, unknown>) {
    const response = await app.fetch('/api/security/oidc', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('is reached only once its certificate is in the CA bundle', async () => {
    const saved = await save({
      enabled: true,
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    expect(saved.status).toBe(200);
    const untrusted = await startSsoLogin(app.url);
    expect(untrusted.location).toBe('/login?error=provider_unavailable');

    const garbage = await save({ caBundle: 'not a certificate' });
    expect(garbage).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/caBundle/) },
    });
    expect((await save({ caBundle: idp.ca })).status).toBe(200);
    const signedIn = await ssoSignIn(app.url, idp, 'alice');
    expect(await status(app, { cookie: signedIn.cookie })).toMatchObject({
      user: { username: 'alice', role: 'admin' },
    });
  });

  it('sends a user who cancels at the provider back to the login page', async () => {
    const started = await startSsoLogin(app.url);
    const denied = await finishSsoLogin(await idp.deny(started.location), started.binding);
    expect(denied).toMatchObject({ location: '/login?error=access_denied', cookie: '' });
    const audit = await app.fetch('/api/audit?event=login_failed');
    const { events } = (await audit.json()) as { events: { details: string }[] };
    expect(events[0]?.details).toContain('access_denied');
  });
});

it("finds authentik's provider when its issuer is typed without the trailing slash", async () => {
  // authentik's issuer is …/application/o/<slug>/; its metadata names it with the slash.
  const metadata = createServer((req, res) => {
    const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    if (req.url !== '/application/o/pulse/.well-known/openid-configuration') {
      res.writeHead(404).end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        issuer: `${base}/application/o/pulse/`,
        authorization_endpoint: `${base}/application/o/authorize/`,
        token_endpoint: `${base}/application/o/token/`,
        jwks_uri: `${base}/application/o/pulse/jwks/`,
      }),
    );
  });
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    const config = await new OidcProvider().configuration({
      ...defaultOidcFields,
      enabled: true,
      issuerUrl: `${base}/application/o/pulse`,
      clientId: 'pulse',
    });
    expect(config.serverMetadata().issuer).toBe(`${base}/application/o/pulse/`);
  } finally {
    await new Promise<void>((resolve) => metadata.close(() => resolve()));
  }
});
