import { type Actor, authorize } from '../access/actor.ts';
import type { AlertNotification } from '../alerts/alert.ts';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../log/logger.ts';
import { type AppriseInput, mergeApprise } from './apprise/apprise-config.ts';
import { sendApprise } from './apprise/apprise-sender.ts';
import { ChannelStore } from './channel-store.ts';
import { DeliveryError } from './delivery-error.ts';
import { Dispatcher } from './dispatcher.ts';
import { type EmailInput, emailProviders, mergeEmail } from './email/email-config.ts';
import { sendEmail } from './email/email-sender.ts';
import { testNotification } from './notification-data.ts';
import { Delivery } from './queue/delivery.entity.ts';
import { DeliveryQueue } from './queue/delivery-queue.ts';
import { defaultQueuePolicy, type QueuePolicy } from './queue/policy.ts';
import * as admin from './queue/queue-admin.ts';
import type { TargetPolicy } from './safety/url-guard.ts';
import { appriseView, emailView, webhookView } from './views.ts';
import { WebhookHistory } from './webhooks/history.ts';
import { webhookTemplates } from './webhooks/presets.ts';
import {
  defaultWebhook,
  mergeWebhook,
  secretMask,
  type WebhookInput,
} from './webhooks/webhook-input.ts';

/** The answer of a "send test" button: the upstream's own error text when it failed. */
export interface TestResult {
  success: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface NotificationHealth {
  status: 'healthy' | 'degraded';
  reasons: string[];
  workerRunning: boolean;
  queue: admin.QueueStats;
}

/** How long a row may wait before health calls the queue stuck. */
const backlogMs = 10 * 60_000;

/**
 * Channel configuration (admins only) and delivery. The alert engine calls notify(); the
 * queue delivers with retries and receipts, so an event reaches each destination once.
 */
export class NotificationService {
  readonly #orm: Orm;
  readonly #store: ChannelStore;
  readonly #history = new WebhookHistory();
  readonly #dispatcher: Dispatcher;
  readonly queue: DeliveryQueue;

  constructor(orm: Orm, box: SecretBox, log: Logger, policy: Partial<QueuePolicy> = {}) {
    this.#orm = orm;
    this.#store = new ChannelStore(orm, box);
    const merged = { ...defaultQueuePolicy, ...policy };
    this.#dispatcher = new Dispatcher(this.#store, this.#history, merged.clock);
    this.queue = new DeliveryQueue(orm, this.#dispatcher, log, merged);
  }

  async start(): Promise<void> {
    await this.#store.sealLegacyCustomFields();
    await this.queue.start();
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  /** Queues one row per enabled destination; monitor-only alerts are never notified. */
  async notify(notification: AlertNotification): Promise<number> {
    const alerts = notification.alerts.filter((alert) => !alert.monitorOnly);
    if (alerts.length === 0 || notification.event === 'test') return 0;
    const filtered = { ...notification, alerts };
    const destinations: string[] = [];
    if ((await this.#store.email()).enabled) destinations.push('email');
    if ((await this.#store.apprise()).enabled) destinations.push('apprise');
    for (const webhook of await this.#store.webhooks()) {
      if (webhook.enabled) destinations.push(`webhook:${webhook.id}`);
    }
    let queued = 0;
    for (const destination of destinations) {
      if (await this.queue.enqueue(destination, filtered)) queued++;
    }
    return queued;
  }

  async getEmail(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return emailView(await this.#store.email());
  }

  async updateEmail(actor: Actor, input: EmailInput) {
    authorize(actor, 'manage', 'Notification');
    const next = mergeEmail(await this.#store.email(), input, secretMask);
    await this.#store.saveEmail(next);
    return emailView(next);
  }

  async getApprise(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return appriseView(await this.#store.apprise());
  }

  async updateApprise(actor: Actor, input: AppriseInput) {
    authorize(actor, 'manage', 'Notification');
    const policy = await this.#store.targetPolicy();
    const next = mergeApprise(await this.#store.apprise(), input, secretMask, policy);
    await this.#store.saveApprise(next);
    return appriseView(next);
  }

  async getSettings(actor: Actor): Promise<TargetPolicy> {
    authorize(actor, 'manage', 'Notification');
    return this.#store.targetPolicy();
  }

  async updateSettings(actor: Actor, input: Partial<TargetPolicy>): Promise<TargetPolicy> {
    authorize(actor, 'manage', 'Notification');
    const next = { ...(await this.#store.targetPolicy()), ...input };
    await this.#store.saveTargetPolicy(next);
    return next;
  }

  async listWebhooks(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return (await this.#store.webhooks()).map(webhookView);
  }

  async createWebhook(actor: Actor, input: WebhookInput) {
    authorize(actor, 'manage', 'Notification');
    const config = mergeWebhook(defaultWebhook, input, await this.#store.targetPolicy());
    return webhookView(await this.#store.saveWebhook(null, config));
  }

  async updateWebhook(actor: Actor, id: string, input: WebhookInput) {
    authorize(actor, 'manage', 'Notification');
    const stored = await this.#store.webhook(id);
    const config = mergeWebhook(stored, input, await this.#store.targetPolicy());
    return webhookView(await this.#store.saveWebhook(id, config));
  }

  /** Removes the webhook and cancels what is still queued for it. */
  async deleteWebhook(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'manage', 'Notification');
    await this.#store.deleteWebhook(id);
    await this.#orm.em
      .fork()
      .nativeUpdate(
        Delivery,
        { destination: `webhook:${id}`, status: { $in: ['pending', 'failed'] } },
        { status: 'cancelled', completedAt: this.queue.policy.clock.now() },
      );
  }

  /** Sends a test email now, with the stored config changed by `input` (not saved). */
  async testEmail(actor: Actor, input: EmailInput = {}): Promise<TestResult> {
    authorize(actor, 'manage', 'Notification');
    const config = mergeEmail(await this.#store.email(), { ...input, enabled: false }, secretMask);
    return outcome(sendEmail(config, testNotification(this.queue.policy.clock.now())));
  }

  /** Sends a test to a stored webhook (`id`) or to an unsaved one described by the input. */
  async testWebhook(actor: Actor, input: WebhookInput & { id?: string }): Promise<TestResult> {
    authorize(actor, 'manage', 'Notification');
    const { id, ...rest } = input;
    const stored = id ? await this.#store.webhook(id) : { ...defaultWebhook, id: null };
    const config = mergeWebhook(stored, rest, await this.#store.targetPolicy());
    const notification = testNotification(this.queue.policy.clock.now());
    return outcome(
      this.#dispatcher.sendWebhookRecorded({ ...config, id: id ?? null }, notification),
    );
  }

  async testApprise(actor: Actor, input: AppriseInput = {}): Promise<TestResult> {
    authorize(actor, 'manage', 'Notification');
    const policy = await this.#store.targetPolicy();
    const config = mergeApprise(await this.#store.apprise(), input, secretMask, policy);
    return outcome(sendApprise(config, testNotification(this.queue.policy.clock.now()), policy));
  }

  /** A test notification to every enabled channel (`POST /api/notifications/test`). */
  async testAll(actor: Actor): Promise<{ channel: string; result: TestResult }[]> {
    authorize(actor, 'manage', 'Notification');
    const results: { channel: string; result: TestResult }[] = [];
    if ((await this.#store.email()).enabled) {
      results.push({ channel: 'email', result: await this.testEmail(actor) });
    }
    for (const hook of await this.#store.webhooks()) {
      if (!hook.enabled) continue;
      results.push({
        channel: `webhook:${hook.name}`,
        result: await this.testWebhook(actor, { id: hook.id }),
      });
    }
    if ((await this.#store.apprise()).enabled) {
      results.push({ channel: 'apprise', result: await this.testApprise(actor) });
    }
    return results;
  }

  webhookTemplates(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return webhookTemplates;
  }

  webhookHistory(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return this.#history.list();
  }

  emailProviders(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return emailProviders;
  }

  async queueStats(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return admin.queueStats(this.#orm);
  }

  async deadLetters(actor: Actor) {
    authorize(actor, 'manage', 'Notification');
    return admin.listDeadLetters(this.#orm);
  }

  /** Re-queues one dead letter or all of them; returns how many. */
  async retryDeadLetters(actor: Actor, id: string | 'all'): Promise<number> {
    authorize(actor, 'manage', 'Notification');
    const count = await admin.retryDeadLetters(this.#orm, id, this.queue.policy.clock.now());
    this.queue.wake();
    return count;
  }

  async deleteDeadLetter(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'manage', 'Notification');
    await admin.deleteDeadLetter(this.#orm, id);
  }

  async health(actor: Actor): Promise<NotificationHealth> {
    authorize(actor, 'manage', 'Notification');
    const queue = await admin.queueStats(this.#orm);
    const reasons: string[] = [];
    if (!this.queue.running) reasons.push('the delivery worker is not running');
    if (queue.dlq > 0) reasons.push(`${queue.dlq} notification(s) in the dead-letter queue`);
    if (queue.failed > 0) reasons.push(`${queue.failed} delivery(ies) failing and retrying`);
    const now = this.queue.policy.clock.now();
    if (queue.oldestPendingAt !== null && now - queue.oldestPendingAt > backlogMs) {
      reasons.push('a notification has waited more than 10 minutes');
    }
    return {
      status: reasons.length === 0 ? 'healthy' : 'degraded',
      reasons,
      workerRunning: this.queue.running,
      queue,
    };
  }
}

async function outcome(send: Promise<unknown>): Promise<TestResult> {
  try {
    const result = (await send) as { statusCode?: number } | undefined;
    return { success: true, statusCode: result?.statusCode ?? null, error: null };
  } catch (error) {
    const statusCode = error instanceof DeliveryError ? error.statusCode : null;
    return { success: false, statusCode, error: (error as Error).message };
  }
}
