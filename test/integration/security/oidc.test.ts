import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcSettings } from '../../../server/auth/oidc/oidc-settings.entity.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { ssoSignIn, startTestIdp, type TestIdp } from '../../fixtures/oidc-provider.ts';

let app: RunningApp;
let idp: TestIdp;

beforeAll(async () => {
  app = await startApp();
  idp = await startTestIdp({ redirectUris: [`${app.url}/api/oidc/callback`] });
  idp.addAccount({
    id: 'alice',
    username: 'alice',
    email: 'alice@example.com',
    groups: ['pulse-admins'],
  });
  idp.addAccount({ id: 'bob', username: 'bob', email: 'bob@example.com', groups: ['ops-viewers'] });
  idp.addAccount({
    id: 'mallory',
    username: 'mallory',
    email: 'mallory@example.com',
    groups: ['outsiders'],
  });
});
afterAll(async () => {
  await app?.stop();
  await idp?.stop();
});

async function saveSettings(body: Record<string, unknown>, headers?: Record<string, string>) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
  const response = headers
    ? await fetch(`${app.url}/api/security/oidc`, init)
    : await app.fetch('/api/security/oidc', init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function status(headers: Record<string, string>) {
  const response = await fetch(`${app.url}/api/security/status`, { headers });
  return (await response.json()) as {
    oidcEnabled: boolean;
    hideLocalLogin: boolean;
    authenticated: boolean;
    user: { username: string; role: string } | null;
  };
}

async function auditEvents(event: string) {
  const response = await app.fetch(`/api/audit?event=${event}`);
  const { events } = (await response.json()) as { events: { user: string; details: string }[] };
  return events;
}

describe('OIDC settings', () => {
  it('shows the defaults with the callback this origin would register', async () => {
    const response = await app.fetch('/api/security/oidc');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      enabled: false,
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'preferred_username',
      emailClaim: 'email',
      groupsClaim: 'groups',
      clientSecret: '',
      hasClientSecret: false,
      redirectUrl: `${app.url}/api/oidc/callback`,
      groupRoleMappings: {},
      envOverrides: [],
    });
  });

  it('is for admins only', async () => {
    expect((await fetch(`${app.url}/api/security/oidc`)).status).toBe(401);
    const viewerToken = await app.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', scopes: ['monitoring:read'] }),
    });
    const { token } = (await viewerToken.json()) as { token: string };
    const denied = await saveSettings({ enabled: false }, { 'x-api-token': token });
    expect(denied.status).toBe(403);
  });

  it('names the field that is wrong', async () => {
    const badUrl = await saveSettings({ issuerUrl: 'not a url' });
    expect(badUrl).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/issuerUrl/) },
    });
    const noIssuer = await saveSettings({ enabled: true, clientId: 'pulse' });
    expect(noIssuer).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/issuerUrl/) },
    });
    const badRole = await saveSettings({ groupRoleMappings: 'pulse-admins=root' });
    expect(badRole.body.error).toMatch(/groupRoleMappings/);
    const noOpenid = await saveSettings({ scopes: 'profile email' });
    expect(noOpenid.body.error).toMatch(/scopes/);

    const result = await graphql<{ updateOidcSettings: Record<string, unknown> }>(
      app.url,
      `mutation { updateOidcSettings(input: { logoutUrl: "ftp://x" }) {
        __typename ... on ValidationError { field message } } }`,
    );
    expect(result.data?.updateOidcSettings).toMatchObject({
      __typename: 'ValidationError',
      field: 'logoutUrl',
    });
  });

  it('keeps the client secret sealed and masked, and records the change without it', async () => {
    const saved = await saveSettings({
      enabled: true,
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      enabled: true,
      clientSecret: '********',
      hasClientSecret: true,
    });
    // The mask sent back keeps the stored secret.
    expect(
      (await saveSettings({ clientSecret: '********', usernameClaim: 'preferred_username' }))
        .status,
    ).toBe(200);

    const row = await app.app.orm.em.fork().findOneOrFail(OidcSettings, { id: 'oidc' });
    expect(row.sealedClientSecret).toMatch(/^v1:/);
    expect(row.sealedClientSecret).not.toContain(idp.clientSecret);
    const [changed] = await auditEvents('oidc_settings_changed');
    expect(changed?.user).toBeTruthy();
    expect(changed?.details).toContain('clientSecret');
    expect(changed?.details).not.toContain(idp.clientSecret);

    const read = await graphql<{ oidcSettings: unknown }>(
      app.url,
      `{ oidcSettings { ... on QueryOidcSettingsSuccess {
        data { enabled clientSecret hasClientSecret redirectUrl } } } }`,
    );
    expect((read.data?.oidcSettings as { data?: unknown } | undefined)?.data).toEqual({
      enabled: true,
      clientSecret: '********',
      hasClientSecret: true,
      redirectUrl: `${app.url}/api/oidc/callback`,
    });
    expect(await status({})).toMatchObject({ oidcEnabled: true, hideLocalLogin: false });

    const hidden = await graphql<{ updateOidcSettings: { data: unknown } }>(
      app.url,
      `mutation { updateOidcSettings(input: { hideLocalLogin: true, clientSecret: "********" }) {
        ... on MutationUpdateOidcSettingsSuccess { data { hideLocalLogin hasClientSecret } } } }`,
    );
    expect(hidden.data?.updateOidcSettings.data).toEqual({
      hideLocalLogin: true,
      hasClientSecret: true,
    });
    expect(await status({})).toMatchObject({ oidcEnabled: true, hideLocalLogin: true });
    expect((await saveSettings({ hideLocalLogin: false })).status).toBe(200);
  });
});

describe('signing in through the provider', () => {
  it('signs a user in with a session cookie; with no role mappings SSO users are admins', async () => {
    const outcome = await ssoSignIn(app.url, idp, 'alice', '?returnTo=%2Falerts%3Fstate%3Dactive');
    expect(outcome.location).toBe('/alerts?state=active');
    expect(await status({ cookie: outcome.cookie })).toMatchObject({
      authenticated: true,
      user: { username: 'alice', role: 'admin' },
    });
    const protectedRoute = await fetch(`${app.url}/api/security/sessions`, {
      headers: { cookie: outcome.cookie },
    });
    expect(protectedRoute.status).toBe(200);
    const { sessions } = (await protectedRoute.json()) as { sessions: { method: string }[] };
    expect(sessions).toEqual([expect.objectContaining({ method: 'oidc' })]);
    const [signedIn] = await auditEvents('login');
    expect(signedIn).toMatchObject({ user: 'alice' });
    expect(signedIn?.details).toContain('oidc');
  });

  it('refuses someone outside the allowed groups, with no session', async () => {
    const saved = await saveSettings({
      allowedGroups: ['pulse-admins', 'ops-viewers'],
      groupRoleMappings: 'pulse-admins=admin,ops-leads=operator',
    });
    expect(saved.body.groupRoleMappings).toEqual({
      'pulse-admins': 'admin',
      'ops-leads': 'operator',
    });
    const outcome = await ssoSignIn(app.url, idp, 'mallory');
    expect(outcome.location).toBe('/login?error=not_in_allowed_group');
    expect(outcome.cookie).toBe('');
    const [failed] = await auditEvents('login_failed');
    expect(failed?.user).toBe('mallory');
    expect(failed?.details).toContain('not_in_allowed_group');
  });

  it('maps groups to roles: pulse-admins is admin, an unmapped group is a viewer', async () => {
    const admin = await ssoSignIn(app.url, idp, 'alice');
    expect((await status({ cookie: admin.cookie })).user?.role).toBe('admin');
    const adminRoute = await fetch(`${app.url}/api/security/oidc`, { headers: admin.headers });
    expect(adminRoute.status).toBe(200);

    const viewer = await ssoSignIn(app.url, idp, 'bob');
    expect(viewer.location).toBe('/');
    expect((await status({ cookie: viewer.cookie })).user).toMatchObject({
      username: 'bob',
      role: 'viewer',
    });
    const reads = await fetch(`${app.url}/api/state`, { headers: viewer.headers });
    expect(reads.status).toBe(200);
    const adminOnly = await fetch(`${app.url}/api/security/oidc`, { headers: viewer.headers });
    expect(adminOnly.status).toBe(403);
    const change = await saveSettings({ enabled: false }, viewer.headers);
    expect(change.status).toBe(403);
  });
});
