import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../../server/auth/session.entity.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { login, testAdmin } from '../../fixtures/auth.ts';

let running: RunningApp | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function fresh(): Promise<RunningApp> {
  running = await startApp();
  return running;
}

function post(
  app: RunningApp,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The Set-Cookie lines of a response, by cookie name. */
function setCookies(response: Response): Map<string, string> {
  return new Map(
    response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]),
  );
}

const cookieValue = (line: string) => decodeURIComponent(line.split(';')[0]?.split('=')[1] ?? '');
const attributes = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((a) => a.trim());

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const rename = { displayName: 'Renamed by a session' };

describe('CSRF protection of cookie sessions', () => {
  it('refuses a state-changing request without the right X-CSRF-Token, and nothing else', async () => {
    const app = await fresh();
    const session = await login(app.url);

    const missing = await post(app, '/api/config/system', rename, { cookie: session.cookie });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('CSRF') });
    const wrongToken = await post(app, '/api/config/system', rename, {
      cookie: session.cookie,
      'x-csrf-token': 'f'.repeat(64),
    });
    expect(wrongToken.status).toBe(403);
    expect(await wrongToken.json()).toEqual({ error: expect.stringContaining('CSRF') });
    const right = await post(app, '/api/config/system', rename, session.headers);
    expect(right.status).toBe(200);

    const read = await fetch(`${app.url}/api/config/system`, {
      headers: { cookie: session.cookie },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject(rename);

    // An API token is not sent by browsers on their own, so it needs no CSRF token.
    const withToken = await post(
      app,
      '/api/config/system',
      { displayName: 'by token' },
      app.headers,
    );
    expect(withToken.status).toBe(200);

    // GraphQL over HTTP is a POST too: refused without the header, answered with it.
    const mutation =
      'mutation { updateSystemSettings(input: { displayName: "gql" }) { __typename } }';
    const refused = await graphql(app.url, mutation, {}, { cookie: session.cookie });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('CSRF');
    const answered = await graphql(app.url, mutation, {}, session.headers);
    expect(answered.errors).toBeUndefined();
  });
});

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Lax, Path=/ and last a day, or 30 days when remembered', async () => {
    const app = await fresh();
    const day = await post(app, '/api/login', testAdmin, {});
    expect(day.status).toBe(200);
    const cookies = setCookies(day);
    const sessionLine = cookies.get('pulse_session') ?? '';
    expect(attributes(sessionLine)).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=86400']),
    );
    expect(attributes(sessionLine)).not.toContain('Secure');
    // The CSRF cookie is for the page's script to read and echo: not HttpOnly.
    const csrfLine = cookies.get('pulse_csrf') ?? '';
    expect(attributes(csrfLine)).toEqual(
      expect.arrayContaining(['SameSite=Lax', 'Path=/', 'Max-Age=86400']),
    );
    expect(attributes(csrfLine)).not.toContain('HttpOnly');
    expect(cookieValue(csrfLine)).toBe(((await day.json()) as { csrfToken: string }).csrfToken);

    const remembered = await post(app, '/api/login', { ...testAdmin, rememberMe: true }, {});
    expect(attributes(setCookies(remembered).get('pulse_session') ?? '')).toContain(
      `Max-Age=${30 * 86400}`,
    );

    // Behind an HTTPS proxy: Secure, and the __Host- prefix that pins it to this host.
    const secure = await post(app, '/api/login', testAdmin, { 'x-forwarded-proto': 'https' });
    const secureCookies = setCookies(secure);
    expect(secureCookies.has('pulse_session')).toBe(false);
    const hostLine = secureCookies.get('__Host-pulse_session') ?? '';
    expect(attributes(hostLine)).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']),
    );
    expect(attributes(secureCookies.get('pulse_csrf') ?? '')).toContain('Secure');
  });

  it('are stored only as hashes, and stop working when they expire', async () => {
    const app = await fresh();
    const response = await post(app, '/api/login', testAdmin, {});
    const token = cookieValue(setCookies(response).get('pulse_session') ?? '');
    const csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const cookie = `pulse_session=${token}`;
    expect((await fetch(`${app.url}/api/config/system`, { headers: { cookie } })).status).toBe(200);

    const rows = await app.app.orm.em.fork().getConnection().execute('select * from sessions');
    const stored = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(stored).toContain(sha256(token));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(csrf);
    for (const file of ['pulse.db', 'pulse.db-wal']) {
      const bytes = readBytes(join(app.dataDir, file));
      expect(bytes.includes(Buffer.from(token)), file).toBe(false);
    }

    await app.app.orm.em
      .fork()
      .nativeUpdate(Session, { id: sha256(token) }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await fetch(`${app.url}/api/config/system`, { headers: { cookie } })).status).toBe(401);
  });

  it('end at logout', async () => {
    const app = await fresh();
    const session = await login(app.url);
    const out = await post(app, '/api/logout', {}, session.headers);
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ success: true, redirectUrl: null });
    const cleared = setCookies(out);
    expect(attributes(cleared.get('pulse_session') ?? '')).toContain('Max-Age=0');
    expect(attributes(cleared.get('pulse_csrf') ?? '')).toContain('Max-Age=0');
    const after = await fetch(`${app.url}/api/config/system`, {
      headers: { cookie: session.cookie },
    });
    expect(after.status).toBe(401);
  });

  it('all end when the password changes, and the browser that changed it is signed in anew', async () => {
    // A local account (PULSE_AUTH_PASS passwords are changed in the environment).
    running = await startApp({}, { auth: 'none' });
    const app = running;
    const owner = { username: 'owner', password: 'the-first-password' };
    const bootstrap = readFileSync(join(app.dataDir, '.bootstrap_token'), 'utf8').trim();
    const setup = await post(app, '/api/security/quick-setup', owner, {
      'x-setup-token': bootstrap,
    });
    expect(setup.status).toBe(200);

    const here = await login(app.url, owner);
    const elsewhere = await login(app.url, owner);
    const next = 'the-second-password';
    const changed = await post(
      app,
      '/api/security/change-password',
      { currentPassword: owner.password, newPassword: next },
      here.headers,
    );
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as { success: boolean; csrfToken: string };
    expect(body.success).toBe(true);
    const fresh = setCookies(changed);
    const freshCookie = `pulse_session=${cookieValue(fresh.get('pulse_session') ?? '')}`;
    expect(cookieValue(fresh.get('pulse_csrf') ?? '')).toBe(body.csrfToken);

    const status = (cookie: string) =>
      fetch(`${app.url}/api/config/system`, { headers: { cookie } }).then((r) => r.status);
    expect(await status(elsewhere.cookie)).toBe(401);
    expect(await status(here.cookie)).toBe(401);
    expect(await status(freshCookie)).toBe(200);
    // The new session has its own CSRF token.
    const write = await post(app, '/api/config/system', rename, {
      cookie: freshCookie,
      'x-csrf-token': body.csrfToken,
    });
    expect(write.status).toBe(200);
  });
});

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}
