import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

const setup = { username: 'owner', password: 'a-long-first-password' };

let running: RunningApp | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function fresh(env: Record<string, string> = {}): Promise<RunningApp> {
  running = await startApp(env, { auth: 'none' });
  return running;
}

const bootstrapFile = (app: RunningApp) => join(app.dataDir, '.bootstrap_token');
const bootstrapToken = (app: RunningApp) => readFileSync(bootstrapFile(app), 'utf8').trim();

function post(app: RunningApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const quickSetup = (app: RunningApp, headers: Record<string, string> = {}) =>
  post(app, '/api/security/quick-setup', setup, headers);

describe('first run', () => {
  it('stores the password as a bcrypt hash of cost 12 and nowhere in plain text', async () => {
    const app = await fresh();
    const response = await quickSetup(app, { 'x-setup-token': bootstrapToken(app) });
    expect(response.status).toBe(200);

    const rows = (await app.app.orm.em
      .fork()
      .getConnection()
      .execute('select password_hash from users')) as { password_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.password_hash).toMatch(/^\$2[aby]\$12\$.{53}$/);

    // The database and its journal, as bytes: the password must not be in either.
    const files = readdirSync(app.dataDir).filter((f) => f.startsWith('pulse.db'));
    expect(files).toContain('pulse.db');
    for (const file of files) {
      const bytes = readFileSync(join(app.dataDir, file));
      expect(bytes.includes(Buffer.from(setup.password)), file).toBe(false);
    }
  });

  it('answers only the public and setup routes until the bootstrap token sets it up', async () => {
    const app = await fresh();
    expect(existsSync(bootstrapFile(app))).toBe(true);
    const token = bootstrapToken(app);
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const status = (await (await fetch(`${app.url}/api/security/status`)).json()) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({
      configured: false,
      requiresSetup: true,
      bootstrapTokenPath: bootstrapFile(app),
      demoVisible: false,
      authenticated: false,
    });
    for (const path of ['/api/state', '/api/security/tokens', '/api/config/system', '/api/audit']) {
      expect((await fetch(`${app.url}${path}`)).status, path).toBe(401);
    }

    const validate = (headers: Record<string, string>) =>
      post(app, '/api/security/validate-bootstrap-token', {}, headers);
    expect((await validate({ 'x-setup-token': 'f'.repeat(64) })).status).toBe(401);
    expect((await validate({ 'x-setup-token': token })).status).toBe(204);

    const without = await quickSetup(app);
    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: string }).error).toContain('bootstrap token');
    expect((await quickSetup(app, { 'x-setup-token': 'f'.repeat(64) })).status).toBe(401);
    expect(existsSync(bootstrapFile(app))).toBe(true);

    const done = await quickSetup(app, { 'x-setup-token': token });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ success: true, username: setup.username });
    expect(done.headers.getSetCookie().some((c) => c.startsWith('pulse_session='))).toBe(true);
    expect(existsSync(bootstrapFile(app))).toBe(false);

    // Set up now: the same token opens nothing, and a second setup needs an admin.
    expect((await quickSetup(app, { 'x-setup-token': token })).status).toBe(401);
    expect((await quickSetup(app)).status).toBe(401);
    expect((await validate({ 'x-setup-token': token })).status).toBe(400);
    expect((await fetch(`${app.url}/api/state`)).status).toBe(401);
  });

  it('shows the demo estate read-only to anonymous visitors only until security is set up', async () => {
    const app = await fresh({ PULSE_MOCK_MODE: 'true' });
    const state = await fetch(`${app.url}/api/state`);
    expect(state.status).toBe(200);
    expect(Array.isArray(((await state.json()) as { nodes: unknown }).nodes)).toBe(true);
    const write = await post(app, '/api/config/system', { displayName: 'mine now' });
    expect(write.status).toBe(401);
    expect((await fetch(`${app.url}/api/security/tokens`)).status).toBe(401);

    const done = await quickSetup(app, { 'x-setup-token': bootstrapToken(app) });
    expect(done.status).toBe(200);
    expect((await fetch(`${app.url}/api/state`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/resources`)).status).toBe(401);
  });
});
