import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { testAdmin } from '../../fixtures/auth.ts';

let running: RunningApp | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function fresh(): Promise<RunningApp> {
  running = await startApp();
  return running;
}

/** A second loopback address, so one test can be two clients (lockout is per IP too). */
const otherIp = new Agent({ localAddress: '127.0.0.2' });
afterAll(() => otherIp.close());

/** POST /api/login, from 127.0.0.1 or through `from`. */
async function login(
  app: RunningApp,
  body: Record<string, unknown>,
  from?: Agent,
): ReturnType<typeof undiciFetch> {
  return undiciFetch(`${app.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(from && { dispatcher: from }),
  });
}

const wrong = { username: testAdmin.username, password: 'not-the-password' };

async function resetLockout(app: RunningApp, identifier: string): Promise<void> {
  const response = await app.fetch('/api/security/reset-lockout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier }),
  });
  expect(response.status).toBe(200);
}

describe('login lockout', () => {
  it('locks a user for 15 minutes after 5 failures, even for the right password, until an admin resets it', async () => {
    const app = await fresh();
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await login(app, wrong);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: string; remainingAttempts: number };
      expect(body.error).toBe('invalid username or password');
      remaining.push(body.remainingAttempts);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);

    const locked = await login(app, wrong);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect((await login(app, testAdmin)).status).toBe(429);

    await resetLockout(app, testAdmin.username);
    await resetLockout(app, '127.0.0.1');
    const ok = await login(app, testAdmin);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ success: true, username: testAdmin.username });
  });

  it('locks the user name from every address, and the address for every user name', async () => {
    const app = await fresh();
    for (let i = 0; i < 5; i++) expect((await login(app, wrong)).status).toBe(401);

    // Same address, another name: the address is locked.
    expect(
      (await login(app, { username: 'someone-else', password: 'whatever-12345' })).status,
    ).toBe(429);
    // Another address, the same name: the name is locked, even with its right password.
    expect((await login(app, testAdmin, otherIp)).status).toBe(429);
    // Another address, another name: neither is locked, so an ordinary failure.
    const other = await login(
      app,
      { username: 'someone-else', password: 'whatever-12345' },
      otherIp,
    );
    expect(other.status).toBe(401);
    expect(((await other.json()) as { remainingAttempts: number }).remainingAttempts).toBe(4);
  });
});

describe('rate limits', () => {
  it('answers the 11th sign-in request within a minute with 429 and Retry-After', async () => {
    const app = await fresh();
    expect((await login(app, testAdmin)).status).toBe(200);
    // Incomplete requests spend the budget too, without counting as failed passwords.
    for (let i = 2; i <= 10; i++) {
      const response = await login(app, { username: `user-${i}` });
      expect(response.status, `request ${i}`).toBe(400);
      expect(response.headers.get('x-ratelimit-limit')).toBe('10');
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(10 - i));
    }
    const limited = await login(app, testAdmin);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: expect.any(String) });

    // Other API calls have their own, larger budget.
    const state = await app.fetch('/api/state');
    expect(state.status).toBe(200);
    expect(state.headers.get('x-ratelimit-limit')).toBe('500');
  });

  it('gives ordinary API calls a budget of 500 a minute', async () => {
    const app = await fresh();
    const response = await app.fetch('/api/state');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBe('500');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(500);
    const graphql = await app.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { status } }' }),
    });
    expect(graphql.headers.get('x-ratelimit-limit')).toBe('500');
  });
});
