import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { Session } from '../../../server/auth/session.entity.ts';
import { createSecretBox, loadEncryptionKey } from '../../../server/config/secrets.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { login } from '../../fixtures/auth.ts';
import {
  finishSsoLogin,
  ssoSignIn,
  startSsoLogin,
  startTestIdp,
  type TestIdp,
} from '../../fixtures/oidc-provider.ts';

// Two apps: the sign-in routes share a budget of 10 requests a minute per address.
let app: RunningApp;
let other: RunningApp;
let idp: TestIdp;

beforeAll(async () => {
  [app, other] = await Promise.all([startApp(), startApp()]);
  idp = await startTestIdp({
    redirectUris: [app, other].map((a) => `${a.url}/api/oidc/callback`),
    postLogoutRedirectUris: [`${app.url}/login`],
  });
  idp.addAccount({ id: 'alice', username: 'alice', email: 'alice@example.com', groups: ['ops'] });
  idp.addAccount({ id: 'dave', username: 'dave', email: 'dave@example.com', groups: ['ops'] });
  for (const running of [app, other]) {
    const saved = await running.fetch('/api/security/oidc', {
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
  }
});
afterAll(async () => {
  await Promise.all([app?.stop(), other?.stop()]);
  await idp?.stop();
});

async function sessionRow(running: RunningApp, username: string) {
  return running.app.orm.em.fork().findOne(Session, { username, method: 'oidc' });
}

const whoAmI = async (running: RunningApp, cookie: string) => {
  const response = await fetch(`${running.url}/api/security/status`, { headers: { cookie } });
  return ((await response.json()) as { user: { username: string } | null }).user;
};

describe('offline_access: refresh tokens', () => {
  it('stores the refresh token sealed, refreshes it, and ends the session once the provider revokes it', async () => {
    const scopes = await app.fetch('/api/security/oidc', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: 'openid profile email offline_access' }),
    });
    expect(scopes.status).toBe(200);
    const signedIn = await ssoSignIn(app.url, idp, 'dave');
    expect(signedIn.location).toBe('/');

    const box = createSecretBox(loadEncryptionKey(null, app.dataDir));
    const [issued] = idp.refreshTokensOf('dave');
    const row = await sessionRow(app, 'dave');
    expect(issued).toBeTruthy();
    expect(row?.sealedRefreshToken).toMatch(/^v1:/);
    expect(row?.sealedRefreshToken).not.toContain(issued);
    expect(box.open(row?.sealedRefreshToken ?? '')).toBe(issued);

    // A live subscription on the same session, to see it close when the session ends.
    const closeCodes: number[] = [];
    const client: Client = createClient({
      url: app.graphqlWsUrl,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie: signedIn.cookie } });
        }
      },
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    client.subscribe(
      { query: 'subscription { resourcesChanged { version } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await vi.waitFor(() => expect(app.app.bus.subscriberCount('resources.changed')).toBe(1));

    // Due now: several requests at once make exactly one refresh, and the rotated token is kept.
    app.app.services.oidc.refresher.refreshOnNextUse();
    const users = await Promise.all([1, 2, 3, 4].map(() => whoAmI(app, signedIn.cookie)));
    expect(users.map((u) => u?.username)).toEqual(['dave', 'dave', 'dave', 'dave']);
    expect(idp.refreshes).toBe(1);
    const rotated = idp.refreshTokensOf('dave').find((t) => t !== issued);
    expect(rotated).toBeTruthy();
    const after = await sessionRow(app, 'dave');
    expect(box.open(after?.sealedRefreshToken ?? '')).toBe(rotated);
    // Not due again until the access token's lifetime has passed.
    expect(await whoAmI(app, signedIn.cookie)).toMatchObject({ username: 'dave' });
    expect(idp.refreshes).toBe(1);

    expect(idp.revokeAccount('dave')).toBeGreaterThan(0);
    app.app.services.oidc.refresher.refreshOnNextUse();
    const refused = await fetch(`${app.url}/api/security/sessions`, {
      headers: { cookie: signedIn.cookie },
    });
    expect(refused.status).toBe(401);
    expect(await whoAmI(app, signedIn.cookie)).toBeNull();
    expect(await sessionRow(app, 'dave')).toBeNull();
    await vi.waitFor(() => expect(closeCodes).toEqual([4401]));
    await client.dispose();

    const audit = await app.fetch('/api/audit?event=session_revoked');
    const { events } = (await audit.json()) as { events: { user: string; details: string }[] };
    expect(events[0]?.user).toBe('dave');
    expect(events[0]?.details).toContain('invalid_grant');
  });
});

describe('logout', () => {
  it("sends the browser to the provider's end-session endpoint with id_token_hint", async () => {
    const signedIn = await ssoSignIn(app.url, idp, 'alice');
    const response = await fetch(`${app.url}/api/logout`, {
      method: 'POST',
      headers: signedIn.headers,
    });
    expect(response.status).toBe(200);
    const { redirectUrl } = (await response.json()) as { redirectUrl: string };
    const url = new URL(redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(idp.endSessionUrl);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/login`);
    const hint = url.searchParams.get('id_token_hint') ?? '';
    const claims = JSON.parse(Buffer.from(hint.split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'alice', aud: idp.clientId, iss: idp.issuer });
    // The provider accepts the hint and the way back: it shows its logout confirmation.
    const confirm = await fetch(url, { redirect: 'manual' });
    expect(confirm.status).toBe(200);
    expect(await whoAmI(app, signedIn.cookie)).toBeNull();
  });

  it('sends a password session nowhere', async () => {
    const local = await login(app.url);
    const response = await fetch(`${app.url}/api/logout`, {
      method: 'POST',
      headers: local.headers,
    });
    expect(await response.json()).toMatchObject({ success: true, redirectUrl: null });
  });
});

describe('state', () => {
  it('refuses a forged state, a callback without the starting browser, and a replay', async () => {
    const first = await startSsoLogin(other.url, '?returnTo=%2Fnodes');
    const callback = await idp.signIn(first.location, 'alice');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const wrong = await finishSsoLogin(forged, first.binding);
    expect(wrong).toMatchObject({ location: '/login?error=state_mismatch', cookie: '' });
    // Somebody else's browser (login CSRF): the state is spent and nobody is signed in.
    const foreign = await finishSsoLogin(callback, null);
    expect(foreign).toMatchObject({ location: '/login?error=state_mismatch', cookie: '' });

    const second = await startSsoLogin(other.url, '?returnTo=%2Fnodes');
    const secondCallback = await idp.signIn(second.location, 'alice');
    const done = await finishSsoLogin(secondCallback, second.binding);
    expect(done.location).toBe('/nodes');
    expect(await whoAmI(other, done.cookie)).toMatchObject({ username: 'alice' });
    const replay = await finishSsoLogin(secondCallback, second.binding);
    expect(replay).toMatchObject({ location: '/login?error=state_mismatch', cookie: '' });

    const audit = await other.fetch('/api/audit?event=login_failed');
    const { events } = (await audit.json()) as { events: { details: string }[] };
    expect(events.filter((e) => e.details.includes('state')).length).toBe(3);
  });

  it('refuses a returnTo that leaves Pulse', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const response = await fetch(
        `${other.url}/api/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
        { redirect: 'manual' },
      );
      expect(response.status, returnTo).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/returnTo/);
    }
  });
});
