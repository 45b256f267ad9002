// The whole alert path on the simulated estate, with Pulse as a real process: a guest's CPU is
// pinned high through the estate's switch; after the time threshold the alert fires and a real
// SMTP server and webhook receiver get the email, the Discord payload and the custom-template
// payload. Pulse is then killed with SIGKILL and started again on the same data: the alert is
// still active and nothing is sent twice. When the CPU falls, one resolved notification
// follows on each channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminEnv, adminHeaders } from '../../fixtures/auth.ts';
import { startTestEstate, type TestEstate } from '../../fixtures/estate.ts';
import { type PulseProcess, spawnPulse } from '../../fixtures/pulse-process.ts';
import { type SmtpSink, startSmtpSink } from '../../fixtures/smtp-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';

let estate: TestEstate;
let sink: SmtpSink;
let receiver: WebhookReceiver;
let pulse: PulseProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'pulse-alert-e2e-'));
const env = {
  PULSE_DATA_DIR: dataDir,
  PULSE_MOCK_MODE: 'false',
  PVE_POLLING_INTERVAL: '5',
  PBS_POLLING_INTERVAL: '3600',
  PMG_POLLING_INTERVAL: '3600',
  LOG_LEVEL: 'info',
  ...adminEnv(),
};

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${pulse.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...adminHeaders },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  const parsed = (text ? JSON.parse(text) : null) as any;
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return parsed;
}

beforeAll(async () => {
  estate = await startTestEstate('small');
  sink = await startSmtpSink({ user: 'pulse', password: 'mail-secret' });
  receiver = await startWebhookReceiver();
  pulse = await spawnPulse(env);
});
afterAll(async () => {
  pulse?.child.kill('SIGKILL');
  await pulse?.exited;
  await receiver.close();
  await sink.close();
  await estate.estate.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Other demo alerts (a failing backup, a full disk) may fire too: count only the CPU alert. */
let about = 'CPU on';
const byPath = (path: string) =>
  receiver.requests.filter((r) => r.path === path && r.body.includes(about));
const mails = () => sink.messages.filter((m) => m.text.includes(about));

describe('alerts on the demo estate, delivered by email and webhooks', () => {
  it('fires after the time threshold, survives a kill -9 once, and resolves', async () => {
    const { pve } = estate;
    await api('POST', '/api/config/nodes', {
      type: 'pve',
      name: 'lab',
      host: pve.host,
      tokenName: pve.credentials.kind === 'token' ? pve.credentials.tokenId : '',
      tokenValue: pve.credentials.kind === 'token' ? pve.credentials.secret : '',
      verifySSL: true,
      fingerprint: pve.fingerprint,
    });
    await api('POST', '/api/notifications/thresholds', {
      timeThresholds: { default: 5 },
      grouping: { enabled: false },
      defaults: { guest: { cpu: { trigger: 80, clear: 70 } } },
    });
    await api('PUT', '/api/notifications/email', {
      enabled: true,
      provider: 'Custom',
      server: '127.0.0.1',
      port: sink.port,
      username: 'pulse',
      password: 'mail-secret',
      from: 'pulse@lab.test',
      to: ['ops@lab.test'],
      tls: false,
      startTLS: false,
    });
    await api('POST', '/api/notifications/webhooks', {
      name: 'Discord',
      url: `${receiver.url}/discord`,
      service: 'discord',
      enabled: true,
    });
    await api('POST', '/api/notifications/webhooks', {
      name: 'Custom',
      url: `${receiver.url}/custom`,
      service: 'generic',
      enabled: true,
      template: '{"alert": "{{.Level}}: {{.Message}}", "value": {{.Value}}, "event": "{{.Event}}"}',
    });

    // A running guest from the first poll.
    const guest = await vi.waitFor(
      async () => {
        const state = await api('GET', '/api/state');
        const vms = state.vms as { status: string; vmid: number; name: string }[];
        const vm = vms.find((r) => r.status === 'running');
        if (!vm) throw new Error('no running VM yet');
        return vm;
      },
      { timeout: 30_000, interval: 250 },
    );

    about = `CPU on ${guest.name}`;
    const pin = estate.estate.setFault({ kind: 'guest-cpu', vmid: guest.vmid, cpu: 0.95 });
    const pendingSeen = await vi.waitFor(
      async () => {
        const alert = await cpuAlert();
        if (!alert) throw new Error('not firing yet');
        return alert;
      },
      { timeout: 30_000, interval: 250 },
    );
    // Fired only once the condition had held for the time threshold.
    expect(
      Date.parse(pendingSeen.lastSeen) - Date.parse(pendingSeen.startTime),
    ).toBeGreaterThanOrEqual(5_000);

    const mail = await waitFor(() => mails()[0], 'the alert email');
    expect(mail.to).toEqual(['ops@lab.test']);
    expect(mail.text).toContain(guest.name);
    const discord = await waitForRequest('/discord');
    expect(JSON.parse(discord.body)).toMatchObject({
      embeds: [expect.objectContaining({ title: expect.stringContaining(guest.name) })],
    });
    const custom = JSON.parse((await waitForRequest('/custom')).body);
    expect(custom).toMatchObject({ event: 'alert', value: 95 });
    expect(custom.alert).toMatch(/^critical: CPU on/);

    // kill -9 once Pulse has recorded the three deliveries, and start again on the same data
    // directory. (A crash in the instant between the receiver accepting a message and Pulse
    // recording it would repeat that message: delivery is at least once across a crash.)
    await vi.waitFor(
      async () => {
        const stats = await api('GET', '/api/notifications/queue/stats');
        if (stats.sent < 3) throw new Error(`recorded ${stats.sent} of 3 deliveries`);
      },
      { timeout: 30_000, interval: 100 },
    );
    pulse.child.kill('SIGKILL');
    await pulse.exited;
    const killedAt = Date.now();
    pulse = await spawnPulse(env);
    await vi.waitFor(
      async () => {
        const alert = await cpuAlert();
        if (!alert || Date.parse(alert.lastSeen) < killedAt) throw new Error('not re-evaluated');
      },
      { timeout: 30_000, interval: 250 },
    );
    const queue = await api('GET', '/api/notifications/queue/stats');
    expect(queue).toMatchObject({ pending: 0 });
    expect(mails()).toHaveLength(1);
    expect(byPath('/discord')).toHaveLength(1);
    expect(byPath('/custom')).toHaveLength(1);

    // The CPU falls back below the clear value: one resolved notification per channel.
    estate.estate.clearFault(pin);
    const resolvedMail = await waitFor(() => mails()[1], 'the resolved email');
    expect(resolvedMail.text).toMatch(/resolved/i);
    const resolved = JSON.parse((await waitForRequest('/custom', 2)).body);
    expect(resolved.event).toBe('resolved');
    await waitForRequest('/discord', 2);
    const history = (await api('GET', '/api/alerts/history')) as { id: string }[];
    expect(history.filter((a) => a.id.endsWith(`:${guest.vmid}:cpu`))).toHaveLength(1);
    expect(await cpuAlert()).toBeUndefined();
    expect(mails()).toHaveLength(2);
  });
});

interface ActiveAlert {
  type: string;
  startTime: string;
  lastSeen: string;
  message: string;
}

async function cpuAlert(): Promise<ActiveAlert | undefined> {
  const active = (await api('GET', '/api/alerts/active')) as ActiveAlert[];
  return active.find((a) => a.type === 'cpu' && a.message.startsWith(about));
}

function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  return vi.waitFor(
    () => {
      const found = find();
      if (found === undefined) throw new Error(`no ${what} yet`);
      return found;
    },
    { timeout: 30_000, interval: 100 },
  );
}

/** The `count`-th request to a path about the CPU alert, once it has arrived. */
function waitForRequest(path: string, count = 1) {
  return waitFor(() => byPath(path)[count - 1], `request ${count} to ${path}`);
}
