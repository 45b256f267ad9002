import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../server/access/actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../server/errors.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';
import { type NotifyApp, startNotifyApp } from './harness.ts';

const token = 'tok-9f8e7d6c5b4a';

describe('/api/notifications over REST', () => {
  let pulse: NotifyApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [pulse, receiver] = await Promise.all([startNotifyApp(), startWebhookReceiver()]);
  });
  afterAll(async () => {
    await Promise.all([pulse.dispose(), receiver.close()]);
  });

  it('creates, lists, updates and deletes webhooks with secrets masked and sealed', async () => {
    const created = await pulse.api('POST', '/api/notifications/webhooks', {
      name: 'ntfy',
      url: `${receiver.url}/alerts`,
      service: 'ntfy',
      headers: { Authorization: `Bearer ${token}` },
      signingSecret: 'hmac-secret-value',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ntfy',
      service: 'ntfy',
      method: 'POST',
      enabled: true,
      headers: { Authorization: '********' },
      signingSecret: '********',
      hasSigningSecret: true,
    });
    const list = await pulse.api('GET', '/api/notifications/webhooks');
    expect(list.body).toHaveLength(1);
    for (const text of [created.text, list.text]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('hmac-secret-value');
    }
    const db = readFileSync(join(pulse.dataDir, 'pulse.db'));
    expect(db.includes(Buffer.from(token))).toBe(false);

    // Sending the masked value back keeps the stored token.
    const id = created.body.id as string;
    const updated = await pulse.api('PUT', `/api/notifications/webhooks/${id}`, {
      ...created.body,
      name: 'ntfy lab',
    });
    expect(updated.body).toMatchObject({
      name: 'ntfy lab',
      headers: { Authorization: '********' },
    });
    const test = await pulse.api('POST', '/api/notifications/webhooks/test', { id });
    expect(test.body).toEqual({ success: true, statusCode: 200, error: null });
    const request = await receiver.next();
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(request.headers.title).toBe('Pulse test notification');
    expect(request.body).toContain('test notification');

    const history = await pulse.api('GET', '/api/notifications/webhook-history');
    expect(history.body[0]).toMatchObject({
      webhookId: id,
      success: true,
      statusCode: 200,
      url: `${receiver.url}/***`,
      event: 'test',
    });

    expect((await pulse.api('DELETE', `/api/notifications/webhooks/${id}`)).status).toBe(204);
    expect((await pulse.api('GET', '/api/notifications/webhooks')).body).toEqual([]);
  });

  it('seals Pushover keys at rest, masks them, and still sends them', async () => {
    const secrets = { token: 'pushover-app-token-123', user: 'pushover-user-key-456' };
    const created = await pulse.api('POST', '/api/notifications/webhooks', {
      name: 'phone',
      url: `${receiver.url}/pushover`,
      service: 'pushover',
      customFields: secrets,
    });
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual({ token: '********', user: '********' });
    const stored = await pulse.app.orm.em
      .fork()
      .getConnection()
      .execute('select custom_fields, sealed_custom_fields from notification_webhook');
    expect(JSON.stringify(stored)).not.toContain(secrets.token);
    expect(JSON.stringify(stored)).not.toContain(secrets.user);

    // The masks sent back keep the stored keys, and the test send carries the real ones.
    const id = created.body.id as string;
    await pulse.api('PUT', `/api/notifications/webhooks/${id}`, {
      ...created.body,
      name: 'phone 2',
    });
    const test = await pulse.api('POST', '/api/notifications/webhooks/test', { id });
    expect(test.body).toMatchObject({ success: true });
    const sent = await receiver.next();
    expect(sent.path).toBe('/pushover');
    const body = JSON.parse(sent.body) as Record<string, unknown>;
    expect(body).toMatchObject(secrets);
    await pulse.api('DELETE', `/api/notifications/webhooks/${id}`);
  });

  it('returns the upstream error of a failing test', async () => {
    receiver.failNext(1, 403);
    const test = await pulse.api('POST', '/api/notifications/webhooks/test', {
      name: 'unsaved',
      url: `${receiver.url}/x`,
    });
    expect(test.body).toMatchObject({ success: false, statusCode: 403 });
    expect(test.body.error).toMatch(/HTTP 403: .*receiver told to fail/);
    expect((await receiver.next()).status).toBe(403);
  });

  it('answers bad input with 400 naming the field, unknown ids with 404', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ url: `${receiver.url}/x` }, /^name /],
      [{ name: 'x', url: 'ftp://example.com' }, /^url must use http/],
      [{ name: 'x', url: 'http://169.254.169.254/' }, /^url .*link-local/],
      [
        { name: 'x', url: 'https://api.telegram.org/botX/sendMessage', service: 'telegram' },
        /chat_id/,
      ],
      [
        { name: 'x', url: 'https://api.pushover.net/1/messages.json', service: 'pushover' },
        /^customFields/,
      ],
      [{ name: 'x', url: `${receiver.url}/x`, service: 'carrier-pigeon' }, /^service /],
      [
        { name: 'x', url: `${receiver.url}/x`, template: '{"a": {{.Nope}}}' },
        /^template: unknown field/,
      ],
      [{ name: 'x', url: `${receiver.url}/x`, headers: ['x'] }, /^headers must be/],
      [{ name: 'x', url: `${receiver.url}/x`, method: 'DELETE' }, /^method /],
    ];
    for (const [body, error] of cases) {
      const response = await pulse.api('POST', '/api/notifications/webhooks', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatch(error);
    }
    expect((await pulse.api('PUT', '/api/notifications/webhooks/nope', { name: 'x' })).status).toBe(
      404,
    );
    expect((await pulse.api('DELETE', '/api/notifications/webhooks/nope')).status).toBe(404);
    expect((await pulse.api('POST', '/api/notifications/dlq/retry', {})).body).toEqual({
      error: 'id is required',
    });
    expect((await pulse.api('POST', '/api/notifications/dlq/retry', { id: 'nope' })).status).toBe(
      404,
    );
    expect((await pulse.api('POST', '/api/notifications/dlq/delete', { id: 'nope' })).status).toBe(
      404,
    );
    expect((await pulse.api('POST', '/api/notifications/dlq/retry', { all: true })).body).toEqual({
      success: true,
      retried: 0,
    });
  });

  it('serves templates, stats and health', async () => {
    const templates = await pulse.api('GET', '/api/notifications/webhook-templates');
    expect(templates.body.map((t: { service: string }) => t.service)).toEqual([
      'discord',
      'slack',
      'teams',
      'telegram',
      'ntfy',
      'gotify',
      'pushover',
      'generic',
    ]);
    const stats = await pulse.api('GET', '/api/notifications/queue/stats');
    expect(stats.body).toMatchObject({ pending: 0, sent: 0, dlq: 0, oldestPendingAt: null });
    const health = await pulse.api('GET', '/api/notifications/health');
    expect(health.body).toMatchObject({ status: 'healthy', reasons: [], workerRunning: true });
  });

  it('sends a test to every enabled channel with POST /api/notifications/test', async () => {
    const hook = await pulse.api('POST', '/api/notifications/webhooks', {
      name: 'all-channels',
      url: `${receiver.url}/test-all`,
      service: 'generic',
    });
    const sent = await pulse.api('POST', '/api/notifications/test');
    expect(sent.status).toBe(200);
    expect(sent.body.results).toContainEqual({
      channel: 'webhook:all-channels',
      result: expect.objectContaining({ success: true }),
    });
    expect((await receiver.next()).path).toBe('/test-all');
    await pulse.api('DELETE', `/api/notifications/webhooks/${hook.body.id}`);
  });

  it('configures Apprise with the API key masked and posts to the Apprise API', async () => {
    const saved = await pulse.api('PUT', '/api/notifications/apprise', {
      enabled: true,
      mode: 'http',
      serverUrl: `${receiver.url}/`,
      configKey: 'pulse',
      apiKey: 'apprise-key-123',
    });
    expect(saved.body).toMatchObject({ mode: 'http', apiKey: '********', hasApiKey: true });
    expect(saved.text).not.toContain('apprise-key-123');
    const got = await pulse.api('GET', '/api/notifications/apprise');
    expect(got.body.serverUrl).toBe(receiver.url);

    const test = await pulse.api('POST', '/api/notifications/apprise/test', {});
    expect(test.body.success).toBe(true);
    const request = await receiver.next();
    expect(request.path).toBe('/notify/pulse');
    expect(request.headers['x-api-key']).toBe('apprise-key-123');
    expect(JSON.parse(request.body)).toMatchObject({
      title: 'Pulse test notification',
      type: 'info',
    });

    const bad = await pulse.api('PUT', '/api/notifications/apprise', { mode: 'smoke-signals' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'mode must be cli or http' } });
  });

  it('explains a missing apprise binary in cli mode', async () => {
    const test = await pulse.api('POST', '/api/notifications/apprise/test', {
      mode: 'cli',
      targets: ['json://127.0.0.1/'],
    });
    expect(test.body.success).toBe(false);
    expect(test.body.error).toMatch(/apprise CLI was not found/);
  });

  it('is for admins only', async () => {
    const viewer = makeActor({ kind: 'user', name: 'viewer', role: 'viewer', method: 'session' });
    const service = pulse.app.services.notifications;
    await expect(service.getEmail(viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.listWebhooks(viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.retryDeadLetters(viewer, 'all')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      service.getEmail(
        makeActor({ kind: 'anonymous', name: 'anonymous', role: null, method: 'anonymous' }),
      ),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
