import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Delivery } from '../../../server/notifications/queue/delivery.entity.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';
import { sampleAlert, sampleNotification } from '../../unit/notifications/sample.ts';
import { startNotifyApp } from './harness.ts';

describe('exactly once per destination across a restart', () => {
  let receiver: WebhookReceiver;
  let dataDir = '';

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends nothing twice and delivers what was pending or interrupted', async () => {
    const first = await startNotifyApp();
    dataDir = first.dataDir;
    await first.api('POST', '/api/notifications/webhooks', {
      name: 'hook',
      url: `${receiver.url}/hook`,
      service: 'generic',
    });
    const delivered = sampleNotification('alert', [sampleAlert({ id: 'a:delivered' })]);
    const pending = sampleNotification('alert', [sampleAlert({ id: 'a:pending' })]);
    const interrupted = sampleNotification('alert', [sampleAlert({ id: 'a:interrupted' })]);
    await first.notify(delivered);
    await first.drain();
    expect(receiver.requests).toHaveLength(1);
    // The same event offered again before the restart is a no-op.
    expect(await first.notify(delivered)).toBe(0);

    await first.notify(pending);
    await first.notify(interrupted);
    // A crash mid-send leaves the row `sending`.
    await first.app.orm.em
      .fork()
      .nativeUpdate(Delivery, { alertIds: { $like: '%a:interrupted%' } }, { status: 'sending' });
    await first.stop();

    const second = await startNotifyApp({ dataDir });
    try {
      // The alert engine re-offers everything it knows after a restart.
      expect(await second.notify(delivered)).toBe(0);
      expect(await second.notify(pending)).toBe(0);
      expect(await second.notify(interrupted)).toBe(0);
      await second.drain();
      const ids = receiver.requests.map((r) => JSON.parse(r.body).ID as string);
      expect(ids.sort()).toEqual(['a:delivered', 'a:interrupted', 'a:pending']);
      // A new occurrence of the same alert (new startedAt) is a new event.
      const again = sampleAlert({ id: 'a:delivered', startedAt: Date.UTC(2026, 10, 24) });
      expect(await second.notify(sampleNotification('alert', [again]))).toBe(1);
      await second.drain();
      expect(receiver.requests).toHaveLength(4);
    } finally {
      await second.stop();
    }
  });
});
