import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';
import { sampleAlert, sampleNotification } from '../../unit/notifications/sample.ts';
import { type NotifyApp, startNotifyApp } from './harness.ts';

describe('webhook delivery through the queue', () => {
  let pulse: NotifyApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    pulse = await startNotifyApp();
  });
  afterEach(async () => {
    await pulse.dispose();
  });

  async function addWebhook(body: Record<string, unknown>) {
    const created = await pulse.api('POST', '/api/notifications/webhooks', {
      name: 'hook',
      url: `${receiver.url}/hook`,
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  }

  it('posts the Discord shape', async () => {
    await addWebhook({ service: 'discord', url: `${receiver.url}/api/webhooks/1/token` });
    expect(await pulse.notify(sampleNotification())).toBe(1);
    await pulse.drain();
    const request = await receiver.next();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/webhooks/1/token');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body.embeds[0]).toMatchObject({
      title: '[Pulse] CRITICAL: pve1: CPU usage is 97%',
      color: 0xe74c3c,
    });
  });

  it('renders a custom JSON template, escaped, with headers and an HMAC signature', async () => {
    await addWebhook({
      service: 'generic',
      headers: { Authorization: 'Bearer hook-token' },
      signingSecret: 'sign-me',
      template:
        '{"text": "{{.Level | upper}}: {{.Message}}", "value": {{.Value}}, "n": {{.AlertCount}}}',
    });
    await pulse.notify(
      sampleNotification('alert', [sampleAlert({ message: 'quote " and \\ and\nnewline' })]),
    );
    await pulse.drain();
    const request = await receiver.next();
    expect(JSON.parse(request.body)).toEqual({
      text: 'CRITICAL: quote " and \\ and\nnewline',
      value: 97,
      n: 1,
    });
    expect(request.headers.authorization).toBe('Bearer hook-token');
    const timestamp = String(request.headers['x-pulse-timestamp']);
    const expected = createHmac('sha256', 'sign-me')
      .update(`${timestamp}.${request.body}`)
      .digest('hex');
    expect(request.headers['x-pulse-signature']).toBe(`v1=${expected}`);
  });

  it('retries with backoff, dead-letters after 8 attempts, and delivers on retry', async () => {
    await addWebhook({ service: 'slack' });
    receiver.failNext(8, 500);
    const before = receiver.requests.length;
    await pulse.notify(sampleNotification());
    await pulse.drain();
    expect(receiver.requests.length - before).toBe(1);

    // The second attempt waits 1 s: not a millisecond earlier.
    pulse.clock.advance(999);
    await pulse.drain();
    expect(receiver.requests.length - before).toBe(1);
    pulse.clock.advance(1);
    await pulse.drain();
    expect(receiver.requests.length - before).toBe(2);

    for (const wait of [2, 4, 8, 16, 32, 60]) {
      pulse.clock.advance(wait * 1000);
      await pulse.drain();
    }
    expect(receiver.requests.length - before).toBe(8);
    expect(receiver.requests.slice(before).every((r) => r.status === 500)).toBe(true);

    const dlq = await pulse.api('GET', '/api/notifications/dlq');
    expect(dlq.body).toHaveLength(1);
    expect(dlq.body[0]).toMatchObject({ attempts: 8, lastStatusCode: 500, event: 'alert' });
    expect(dlq.body[0].lastError).toMatch(/HTTP 500/);
    const health = await pulse.api('GET', '/api/notifications/health');
    expect(health.body.status).toBe('degraded');
    expect(health.body.reasons.join()).toMatch(/dead-letter/);
    const history = await pulse.api('GET', '/api/notifications/webhook-history');
    expect(history.body[0]).toMatchObject({
      success: false,
      statusCode: 500,
      url: `${receiver.url}/***`,
    });

    const retried = await pulse.api('POST', '/api/notifications/dlq/retry', { id: dlq.body[0].id });
    expect(retried.body).toEqual({ success: true, retried: 1 });
    await pulse.drain();
    expect(receiver.requests.at(-1)?.status).toBe(200);
    const stats = await pulse.api('GET', '/api/notifications/queue/stats');
    expect(stats.body).toMatchObject({ sent: 1, dlq: 0, pending: 0, failed: 0 });
    expect((await pulse.api('GET', '/api/notifications/health')).body.status).toBe('healthy');
  });

  it('cancels a queued alert when it resolves, and still sends the resolution', async () => {
    await addWebhook({ service: 'generic' });
    const before = receiver.requests.length;
    await pulse.notify(sampleNotification('alert'));
    await pulse.notify(sampleNotification('resolved', [sampleAlert({ state: 'resolved' })]));
    await pulse.drain();
    const sent = receiver.requests.slice(before);
    expect(sent.map((r) => JSON.parse(r.body).event)).toEqual(['resolved']);
    const stats = await pulse.api('GET', '/api/notifications/queue/stats');
    expect(stats.body).toMatchObject({ cancelled: 1, sent: 1 });
  });

  it('holds sends over the per-webhook rate limit in the queue', async () => {
    await addWebhook({ service: 'generic' });
    const before = receiver.requests.length;
    for (let i = 0; i < 12; i++) {
      await pulse.notify(sampleNotification('alert', [sampleAlert({ id: `node:n${i}:cpu` })]));
    }
    await pulse.drain();
    expect(receiver.requests.length - before).toBe(10);
    expect((await pulse.api('GET', '/api/notifications/queue/stats')).body.pending).toBe(2);
    pulse.clock.advance(60_000);
    await pulse.drain();
    expect(receiver.requests.length - before).toBe(12);
  });

  it('skips monitor-only alerts and disabled webhooks', async () => {
    const hook = await addWebhook({ service: 'generic' });
    expect(
      await pulse.notify(sampleNotification('alert', [sampleAlert({ monitorOnly: true })])),
    ).toBe(0);
    await pulse.api('PUT', `/api/notifications/webhooks/${hook.id}`, { enabled: false });
    expect(await pulse.notify(sampleNotification())).toBe(0);
  });

  it('refuses private targets when they are turned off, at save and at send time', async () => {
    await addWebhook({ service: 'generic' });
    await pulse.api('PUT', '/api/notifications/settings', { allowPrivateTargets: false });
    const refused = await pulse.api('POST', '/api/notifications/webhooks', {
      name: 'lan',
      url: `${receiver.url}/x`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^url .*loopback/);
    const before = receiver.requests.length;
    await pulse.notify(sampleNotification());
    await pulse.drain();
    expect(receiver.requests.length).toBe(before);
    const dlq = await pulse.api('GET', '/api/notifications/dlq');
    expect(dlq.body[0].lastError).toMatch(/loopback/);
  });

  it('prunes sent rows after 7 days and dead letters after 30', async () => {
    await addWebhook({ service: 'generic' });
    await pulse.notify(sampleNotification('alert', [sampleAlert({ id: 'a:sent' })]));
    await pulse.drain();
    receiver.failNext(1, 400);
    await pulse.notify(sampleNotification('alert', [sampleAlert({ id: 'a:dead' })]));
    await pulse.drain();
    const queue = pulse.app.services.notifications.queue;
    const stats = () => pulse.api('GET', '/api/notifications/queue/stats');
    // A 400 will not heal by retrying: straight to the dead-letter queue.
    expect((await stats()).body).toMatchObject({ sent: 1, dlq: 1 });

    pulse.clock.advance(7 * 86_400_000 - 1);
    expect(await queue.prune()).toBe(0);
    pulse.clock.advance(2);
    expect(await queue.prune()).toBe(1);
    expect((await stats()).body).toMatchObject({ sent: 0, dlq: 1 });
    pulse.clock.advance(23 * 86_400_000);
    expect(await queue.prune()).toBe(1);
    expect((await stats()).body).toMatchObject({ sent: 0, dlq: 0 });
  });
});
