import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { type SmtpSink, startSmtpSink } from '../../fixtures/smtp-sink.ts';
import { sampleAlert, sampleNotification } from '../../unit/notifications/sample.ts';
import { api } from './harness.ts';

const password = 's3cret-smtp-pass';

describe('email delivery over real SMTP', () => {
  let running: RunningApp;
  let sink: SmtpSink;
  let tlsSink: SmtpSink;

  beforeAll(async () => {
    [running, sink, tlsSink] = await Promise.all([
      startApp(),
      startSmtpSink({ user: 'pulse', password }),
      startSmtpSink({ user: 'pulse', password, startTLS: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([running.stop(), sink.close(), tlsSink.close()]);
  });

  const config = (port: number, extra: Record<string, unknown> = {}) => ({
    enabled: true,
    provider: 'Custom',
    server: '127.0.0.1',
    port,
    username: 'pulse',
    password,
    from: 'Pulse <pulse@lab.example>',
    to: ['ops@lab.example', 'oncall@lab.example'],
    tls: false,
    startTLS: false,
    ...extra,
  });

  it('saves the config with the password masked, and keeps it when the mask is sent back', async () => {
    const saved = await api(running.url, 'PUT', '/api/notifications/email', config(sink.port));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ hasPassword: true, password: '********', port: sink.port });
    expect(saved.text).not.toContain(password);

    const again = await api(running.url, 'PUT', '/api/notifications/email', {
      ...saved.body,
      rateLimitPerMinute: 30,
    });
    expect(again.body).toMatchObject({ hasPassword: true, rateLimitPerMinute: 30 });
    const test = await api(running.url, 'POST', '/api/notifications/email/test', {});
    expect(test.body).toEqual({ success: true, statusCode: null, error: null });
    const message = await sink.next();
    expect(message.user).toBe('pulse');
    expect(message.text).toContain('Pulse test notification');
  });

  it('delivers a queued alert with HTML and text parts to every recipient', async () => {
    const notification = sampleNotification('alert', [
      sampleAlert(),
      sampleAlert({ id: 'vm:101:memory', resourceName: 'db<1>', message: 'Memory at 91%' }),
    ]);
    expect(await running.app.services.notifications.notify(notification)).toBe(1);
    const message = await sink.next();
    expect(message.to).toEqual(['ops@lab.example', 'oncall@lab.example']);
    expect(message.text).toMatch(/Subject: \[Pulse\] CRITICAL: 2 alerts/);
    expect(message.text).toContain('Content-Type: text/plain');
    expect(message.text).toContain('Content-Type: text/html');
    expect(message.text).toContain('db&lt;1&gt;');
    expect(message.text).toContain('- [critical] db<1>');
    expect(message.text).toContain('CPU usage is 97%');
  });

  it('says resolved for a resolved notification', async () => {
    await running.app.services.notifications.notify(
      sampleNotification('resolved', [sampleAlert({ state: 'resolved' })]),
    );
    const message = await sink.next();
    expect(message.text).toMatch(/Subject: \[Pulse\] RESOLVED: pve1/);
    expect(message.text).toContain('Alert resolved:');
  });

  it('upgrades with STARTTLS when required', async () => {
    const result = await api(
      running.url,
      'POST',
      '/api/notifications/email/test',
      config(tlsSink.port, { startTLS: true, skipTlsVerify: true }),
    );
    expect(result.body).toMatchObject({ success: true });
    const message = await tlsSink.next();
    expect(message.secure).toBe(true);
  });

  it('reports the server refusing the login', async () => {
    const result = await api(running.url, 'POST', '/api/notifications/email/test', {
      ...config(sink.port),
      password: 'wrong',
    });
    expect(result.body.success).toBe(false);
    expect(result.body.error).toMatch(/535|auth/i);
  });

  it('names the field in a 400', async () => {
    const bad = await api(running.url, 'PUT', '/api/notifications/email', { port: 'x' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'port must be a number' } });
    const both = await api(running.url, 'PUT', '/api/notifications/email', {
      tls: true,
      startTLS: true,
    });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatch(/startTLS/);
    const to = await api(running.url, 'PUT', '/api/notifications/email', {
      to: ['not-an-address'],
    });
    expect(to.body.error).toMatch(/^to:/);
  });

  it('fills server, port and TLS from a provider preset', async () => {
    const providers = await api(running.url, 'GET', '/api/notifications/email-providers');
    expect(providers.body.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'Gmail',
        'SendGrid',
        'Mailgun',
        'Amazon SES',
        'Microsoft 365',
        'Brevo',
        'Postmark',
        'Fastmail',
        'Custom',
      ]),
    );
    const saved = await api(running.url, 'PUT', '/api/notifications/email', {
      enabled: false,
      provider: 'Fastmail',
    });
    expect(saved.body).toMatchObject({
      server: 'smtp.fastmail.com',
      port: 465,
      tls: true,
      startTLS: false,
    });
  });
});
