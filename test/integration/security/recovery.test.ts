import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let running: RunningApp | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function recover(app: RunningApp, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/security/recovery`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Any forwarding header makes a request count as coming through a proxy, not from here. */
const forwarded = { 'x-forwarded-for': '203.0.113.7' };

describe('recovery', () => {
  it('mints tokens only for requests straight from this machine, and a token opens an admin session from elsewhere', async () => {
    running = await startApp();
    const app = running;
    const minted = await recover(app, { action: 'generate_token', minutes: 5 });
    expect(minted.status).toBe(200);
    const { token, expiresAt } = (await minted.json()) as { token: string; expiresAt: string };
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    const proxied = await recover(app, { action: 'generate_token' }, forwarded);
    expect(proxied.status).toBe(403);

    const opened = await recover(
      app,
      { action: 'disable_auth' },
      { ...forwarded, 'x-recovery-token': token },
    );
    expect(opened.status).toBe(200);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .join('; ');
    expect(cookie).toContain('pulse_session=');
    // The recovery session acts as an admin.
    const tokens = await fetch(`${app.url}/api/security/tokens`, { headers: { cookie } });
    expect(tokens.status).toBe(200);
    const status = (await (
      await fetch(`${app.url}/api/security/status`, { headers: { cookie } })
    ).json()) as { user: { username: string; role: string; method: string } };
    expect(status.user).toMatchObject({ username: 'recovery', role: 'admin', method: 'session' });
  });

  it('refuses recovery from elsewhere without a valid recovery token', async () => {
    running = await startApp();
    const app = running;
    expect((await recover(app, { action: 'disable_auth' }, forwarded)).status).toBe(401);
    const wrong = await recover(
      app,
      { action: 'disable_auth' },
      { ...forwarded, 'x-recovery-token': 'f'.repeat(64) },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });
});
