import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { makeNode, makeVm } from '../../fixtures/resources.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';

let receiver: WebhookReceiver;
let running: RunningApp;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  running = await startApp();
});
afterEach(async () => {
  await running.stop();
});

async function api(method: string, path: string, body?: unknown) {
  const response = await running.fetch(`${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
}

/** One poll of a node and guest 100 at the given CPU, then the evaluation it triggers. */
async function poll(cpu: number) {
  running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(100, { cpu, name: 'web-01' })]);
  await running.app.services.alerts.evaluateNow();
}

/** Fire at once, one notification per alert, guest CPU 80 % / clear 70 %. */
const config = {
  timeThresholds: { default: 0 },
  grouping: { enabled: false },
  defaults: { guest: { cpu: { trigger: 80, clear: 70 } } },
};

describe('alert thresholds and lifecycle over REST', () => {
  it('validates the thresholds, naming the bad field', async () => {
    const bad = await api('POST', '/api/notifications/thresholds', {
      quietHours: { start: '25:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/quietHours\.start/);
    const notObject = await api('POST', '/api/notifications/thresholds', [1, 2]);
    expect(notObject.status).toBe(400);
    const ok = await api('POST', '/api/notifications/thresholds', config);
    expect(ok.status).toBe(200);
    expect(ok.body.defaults.guest.cpu).toEqual({ trigger: 80, clear: 70 });
    expect((await api('GET', '/api/notifications/thresholds')).body.grouping.enabled).toBe(false);
  });

  it('fires with hysteresis, notifies, acknowledges, resolves into history', async () => {
    await api('POST', '/api/notifications/thresholds', config);
    const hook = await api('POST', '/api/notifications/webhooks', {
      name: 'ops',
      url: `${receiver.url}/ops`,
      service: 'generic',
      enabled: true,
    });
    expect(hook.status).toBe(201);

    await poll(0.5);
    expect((await api('GET', '/api/alerts/active')).body).toEqual([]);
    await poll(0.85);
    const [active] = (await api('GET', '/api/alerts/active')).body;
    expect(active).toMatchObject({
      id: 'guest:pve-a:100:cpu',
      type: 'cpu',
      level: 'warning',
      resourceName: 'web-01',
      value: 85,
      threshold: 80,
      acknowledged: false,
    });
    const fired = await receiver.next();
    expect(fired.path).toBe('/ops');
    expect(fired.body).toContain('web-01');

    const ack = await api('POST', '/api/alerts/acknowledge', { id: active.id });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledged: true, ackUser: expect.any(String) });
    expect((await api('POST', '/api/alerts/acknowledge', { id: 'nope' })).status).toBe(404);
    expect((await api('POST', '/api/alerts/acknowledge', {})).status).toBe(400);

    // Between clear and trigger: still firing. At the clear value: resolved.
    await poll(0.75);
    expect((await api('GET', '/api/alerts/active')).body).toHaveLength(1);
    await poll(0.7);
    expect((await api('GET', '/api/alerts/active')).body).toEqual([]);
    const resolved = await receiver.next();
    expect(resolved.body).toMatch(/resolved/i);
    const listed = await api('GET', '/api/notifications/alerts');
    expect(listed.body.active).toEqual([]);
    expect(listed.body.history).toEqual([
      expect.objectContaining({ id: 'guest:pve-a:100:cpu', resolvedTime: expect.any(String) }),
    ]);
    expect((await api('POST', '/api/notifications/alerts/clear')).body).toEqual({ cleared: 1 });
    expect((await api('GET', '/api/alerts/history')).body).toEqual([]);
  });

  it('keys overrides to the guest, so a disabled guest never alerts', async () => {
    await api('POST', '/api/notifications/thresholds', config);
    const set = await api('POST', '/api/notifications/thresholds/overrides', {
      'guest:pve-a:100': { disabled: true },
    });
    expect(set.body).toEqual({ 'guest:pve-a:100': { disabled: true } });
    await poll(0.99);
    expect((await api('GET', '/api/alerts/active')).body).toEqual([]);
    // Replacing the overrides removes the old one.
    await api('POST', '/api/notifications/thresholds/overrides', {});
    await poll(0.99);
    expect((await api('GET', '/api/alerts/active')).body).toHaveLength(1);
  });

  it('keeps active alerts across a restart without notifying them again', async () => {
    await api('POST', '/api/notifications/thresholds', config);
    await api('POST', '/api/notifications/webhooks', {
      name: 'ops',
      url: `${receiver.url}/restart`,
      service: 'generic',
      enabled: true,
    });
    await poll(0.95);
    await receiver.next();
    const sent = receiver.requests.filter((r) => r.path === '/restart').length;
    await running.app.stop();
    running = await startApp({}, { dataDir: running.dataDir });
    expect((await api('GET', '/api/alerts/active')).body).toEqual([
      expect.objectContaining({ id: 'guest:pve-a:100:cpu' }),
    ]);
    await poll(0.95);
    await running.app.services.notifications.queue.drain();
    expect(receiver.requests.filter((r) => r.path === '/restart')).toHaveLength(sent);
  });
});

describe('alerts over GraphQL', () => {
  it('lists alerts on the resource and answers acknowledge with typed errors', async () => {
    await api('POST', '/api/notifications/thresholds', config);
    await poll(0.85);
    const listed = await graphql<{
      resource: { alerts: { id: string; level: string; state: string }[] };
      activeAlerts: { id: string }[];
    }>(
      running.url,
      '{ resource(id: "pve-a/qemu/100") { alerts { id level state } } activeAlerts { id } }',
    );
    expect(listed.data?.resource.alerts).toEqual([
      { id: 'guest:pve-a:100:cpu', level: 'WARNING', state: 'FIRING' },
    ]);
    const missing = await graphql<{ acknowledgeAlert: { __typename: string } }>(
      running.url,
      'mutation { acknowledgeAlert(id: "nope") { __typename } }',
    );
    expect(missing.data?.acknowledgeAlert.__typename).toBe('NotFoundError');
    const badConfig = await graphql<{ updateAlertConfig: { __typename: string } }>(
      running.url,
      'mutation { updateAlertConfig(patch: {cooldownMinutes: -1}) { __typename } }',
    );
    expect(badConfig.data?.updateAlertConfig.__typename).toBe('ValidationError');
  });
});
