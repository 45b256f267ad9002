import type { AlertNotification } from '../alerts/alert.ts';
import { sendApprise } from './apprise/apprise-sender.ts';
import type { ChannelStore, StoredWebhook } from './channel-store.ts';
import type { Clock } from './clock.ts';
import { DeliveryError } from './delivery-error.ts';
import { sendEmail } from './email/email-sender.ts';
import type { Deliverer } from './queue/delivery-queue.ts';
import { redactUrl } from './safety/url-guard.ts';
import type { WebhookHistory } from './webhooks/history.ts';
import { sendWebhook } from './webhooks/webhook-sender.ts';

/** Each webhook accepts 10 sends a minute, as Pulse limits them; Apprise fans out itself. */
const webhookRatePerMinute = 10;
const appriseRatePerMinute = 60;

/**
 * Turns a destination key (`email`, `apprise`, `webhook:<id>`) into a send with that
 * destination's current config. A destination removed or disabled since queueing fails
 * permanently rather than retrying for minutes.
 */
export class Dispatcher implements Deliverer {
  readonly #store: ChannelStore;
  readonly #history: WebhookHistory;
  readonly #clock: Clock;

  constructor(store: ChannelStore, history: WebhookHistory, clock: Clock) {
    this.#store = store;
    this.#history = history;
    this.#clock = clock;
  }

  async rateLimitPerMinute(destination: string): Promise<number> {
    if (destination === 'email') return (await this.#store.email()).rateLimitPerMinute;
    return destination === 'apprise' ? appriseRatePerMinute : webhookRatePerMinute;
  }

  async deliver(destination: string, notification: AlertNotification): Promise<void> {
    if (destination === 'email') {
      const config = await this.#store.email();
      if (!config.enabled) throw new DeliveryError('email is disabled', { permanent: true });
      await sendEmail(config, notification);
      return;
    }
    if (destination === 'apprise') {
      const config = await this.#store.apprise();
      if (!config.enabled) throw new DeliveryError('apprise is disabled', { permanent: true });
      await sendApprise(config, notification, await this.#store.targetPolicy());
      return;
    }
    const id = destination.replace(/^webhook:/, '');
    const webhook = await this.#store.webhook(id).catch(() => null);
    if (!webhook) throw new DeliveryError(`webhook ${id} no longer exists`, { permanent: true });
    if (!webhook.enabled) throw new DeliveryError('webhook is disabled', { permanent: true });
    await this.sendWebhookRecorded(webhook, notification);
  }

  /** Sends and records the attempt in the history, success or not. */
  async sendWebhookRecorded(
    webhook: Omit<StoredWebhook, 'id' | 'createdAt' | 'updatedAt'> & { id: string | null },
    notification: AlertNotification,
  ): Promise<{ statusCode: number; durationMs: number }> {
    const started = this.#clock.now();
    const base = {
      webhookId: webhook.id,
      webhookName: webhook.name,
      service: webhook.service,
      url: redactUrl(webhook.url),
      event: notification.event,
      timestamp: new Date(started).toISOString(),
    };
    try {
      const policy = await this.#store.targetPolicy();
      const response = await sendWebhook(webhook, notification, policy, started);
      this.#history.record({
        ...base,
        success: true,
        statusCode: response.status,
        durationMs: response.durationMs,
        error: null,
      });
      return { statusCode: response.status, durationMs: response.durationMs };
    } catch (error) {
      this.#history.record({
        ...base,
        success: false,
        statusCode: error instanceof DeliveryError ? error.statusCode : null,
        durationMs: Math.max(0, this.#clock.now() - started),
        error: (error as Error).message,
      });
      throw error;
    }
  }
}
