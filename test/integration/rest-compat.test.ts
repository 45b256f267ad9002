import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../fixtures/app.ts';

describe('REST compatibility basics', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('GET /api/health answers the documented shape', async () => {
    const response = await running.fetch(`/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe('healthy');
    expect(typeof body.uptime).toBe('number');
    expect(Math.abs(Number(body.timestamp) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('GET /api/version reports the version and the node runtime', async () => {
    const response = await running.fetch(`/api/version`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ runtime: 'node', build: 'release', isDevelopment: false });
    expect(body.version).toMatch(/^v\d+\.\d+\.\d+/);
    expect(typeof body.isDocker).toBe('boolean');
  });

  it('answers an unknown /api route with 404 and {"error"}', async () => {
    for (const path of ['/api/nope', '/api/', '/api/config/nodes/x/y']) {
      const response = await running.fetch(`${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.stringContaining('no such endpoint') });
    }
  });

  it('answers a wrong method with 405, an Allow header and {"error"}', async () => {
    const response = await running.fetch(`/api/health`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it('answers a malformed JSON body with 400 and {"error"}, changing nothing', async () => {
    const response = await running.fetch(`/api/config/system`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"displayName": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'malformed JSON body' });
    const settings = await (await running.fetch(`/api/config/system`)).json();
    expect(settings).toEqual({ displayName: 'Pulse' });
  });

  it('answers an invalid value with 400 naming the problem', async () => {
    const response = await running.fetch(`/api/config/system`, {
      method: 'POST',
      body: JSON.stringify({ displayName: '' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'displayName must be 1 to 64 characters' });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await running.fetch(`/api/config/system`, {
      method: 'POST',
      body: JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringContaining('1 MiB') });
  });

  it('saves system settings and returns them', async () => {
    const response = await running.fetch(`/api/config/system`, {
      method: 'POST',
      body: JSON.stringify({ displayName: '  Homelab  ' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ displayName: 'Homelab' });
  });

  it('sets security headers on every response', async () => {
    const response = await running.fetch(`/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('REST with credentials configured', () => {
  const token = 'rest-token-0123456789abcdef';
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      API_TOKEN: token,
      PULSE_AUTH_USER: 'admin',
      PULSE_AUTH_PASS: 'hunter2!',
    });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('keeps /api/health and /api/version public', async () => {
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${running.url}/api/version`)).status).toBe(200);
  });

  it('answers 401 {"error"} without credentials', async () => {
    const response = await fetch(`${running.url}/api/config/system`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'authentication required' });
  });

  it('accepts X-API-Token, Bearer and Basic, and refuses a wrong token', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${running.url}/api/config/system`, { headers }).then((r) => r.status);
    const basic = Buffer.from('admin:hunter2!').toString('base64');
    expect(await get({ 'x-api-token': token })).toBe(200);
    expect(await get({ authorization: `Bearer ${token}` })).toBe(200);
    expect(await get({ authorization: `Basic ${basic}` })).toBe(200);
    expect(await get({ 'x-api-token': `${token}x` })).toBe(401);
    expect(
      await get({ authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` }),
    ).toBe(401);
  });
});
