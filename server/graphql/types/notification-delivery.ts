import { ValidationError } from '../../errors.ts';
import type { NotificationHealth, TestResult } from '../../notifications/notification.service.ts';
import type { DeadLetter, QueueStats } from '../../notifications/queue/queue-admin.ts';
import type { WebhookAttempt } from '../../notifications/webhooks/history.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';
import {
  AppriseChannelInput,
  apprisePatch,
  EmailChannelInput,
  emailPatch,
  WebhookInputRef,
  webhookPatch,
} from './notification-channels.ts';

// Delivery: the durable queue, dead letters, webhook attempts and test sends.

const QueueStatsRef = builder.objectRef<QueueStats>('NotificationQueueStats').implement({
  fields: (t) => ({
    pending: t.exposeInt('pending'),
    sending: t.exposeInt('sending'),
    sent: t.exposeInt('sent'),
    failed: t.exposeInt('failed', { description: 'Failed at least once and waiting to retry' }),
    deadLetters: t.exposeInt('dlq', { description: 'Gave up after the last retry' }),
    cancelled: t.exposeInt('cancelled'),
    oldestPendingAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (s) => s.oldestPendingAt,
    }),
  }),
});

const DeadLetterRef = builder.objectRef<DeadLetter>('DeadLetter').implement({
  description: 'A notification that could not be delivered after every retry',
  fields: (t) => ({
    id: t.exposeID('id'),
    destination: t.exposeString('destination', { description: 'email, apprise or webhook:<id>' }),
    event: t.exposeString('event'),
    alertIds: t.exposeStringList('alertIds'),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.completedAt }),
  }),
});

interface Queue {
  stats: QueueStats;
  deadLetters: DeadLetter[];
}
const QueueRef = builder.objectRef<Queue>('NotificationQueue').implement({
  fields: (t) => ({
    stats: t.field({ type: QueueStatsRef, resolve: (q) => q.stats }),
    deadLetters: t.field({ type: [DeadLetterRef], resolve: (q) => q.deadLetters }),
  }),
});

const HealthRef = builder.objectRef<NotificationHealth>('NotificationHealth').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: 'healthy or degraded' }),
    reasons: t.exposeStringList('reasons'),
    workerRunning: t.exposeBoolean('workerRunning'),
    queue: t.field({ type: QueueStatsRef, resolve: (h) => h.queue }),
  }),
});

const AttemptRef = builder.objectRef<WebhookAttempt>('WebhookAttempt').implement({
  fields: (t) => ({
    webhookId: t.exposeID('webhookId', { nullable: true }),
    webhookName: t.exposeString('webhookName'),
    service: t.exposeString('service'),
    url: t.exposeString('url', { description: 'Redacted: path and query may hold tokens' }),
    event: t.exposeString('event'),
    success: t.exposeBoolean('success'),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    durationMs: t.exposeInt('durationMs'),
    error: t.exposeString('error', { nullable: true }),
    timestamp: t.field({ type: 'DateTime', resolve: (a) => new Date(a.timestamp) }),
  }),
});

const TestResultRef = builder.objectRef<TestResult>('NotificationTestResult').implement({
  fields: (t) => ({
    success: t.exposeBoolean('success'),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    error: t.exposeString('error', { nullable: true, description: "The upstream's own error" }),
  }),
});

builder.queryFields((t) => ({
  notificationHealth: t.field({
    type: HealthRef,
    resolve: (_root, _args, { actor, services }) => services.notifications.health(actor),
  }),
  notificationQueue: t.field({
    type: QueueRef,
    resolve: async (_root, _args, { actor, services }) => {
      const [stats, deadLetters] = await Promise.all([
        services.notifications.queueStats(actor),
        services.notifications.deadLetters(actor),
      ]);
      return { stats, deadLetters };
    },
  }),
  webhookHistory: t.field({
    type: [AttemptRef],
    description: 'The last 100 webhook attempts, newest first (kept in memory only)',
    resolve: (_root, _args, { actor, services }) => services.notifications.webhookHistory(actor),
  }),
}));

builder.mutationFields((t) => ({
  testEmailChannel: t.field({
    type: TestResultRef,
    errors: mutationErrors,
    description: 'Sends a test email with the saved settings changed by `input` (not saved)',
    args: { input: t.arg({ type: EmailChannelInput }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.notifications.testEmail(actor, emailPatch(input)),
  }),
  testWebhook: t.field({
    type: TestResultRef,
    errors: mutationErrors,
    description: 'Tests a saved webhook (`id`), optionally changed by `input`, or an unsaved one',
    args: { id: t.arg.id(), input: t.arg({ type: WebhookInputRef }) },
    resolve: (_root, { id, input }, { actor, services }) =>
      services.notifications.testWebhook(actor, {
        ...webhookPatch(input),
        ...(id != null && { id: String(id) }),
      }),
  }),
  testAppriseChannel: t.field({
    type: TestResultRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: AppriseChannelInput }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.notifications.testApprise(actor, apprisePatch(input)),
  }),
  retryDeadLetters: t.field({
    type: 'Int',
    errors: mutationErrors,
    description: 'Re-queues one dead letter (`id`) or all of them; answers how many',
    args: { id: t.arg.id(), all: t.arg.boolean() },
    resolve: (_root, { id, all }, { actor, services }) => {
      if (all === true) return services.notifications.retryDeadLetters(actor, 'all');
      if (id == null) throw new ValidationError('give the id of a dead letter, or all: true', 'id');
      return services.notifications.retryDeadLetters(actor, String(id));
    },
  }),
  deleteDeadLetter: t.field({
    type: 'ID',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { actor, services }) => {
      await services.notifications.deleteDeadLetter(actor, String(id));
      return String(id);
    },
  }),
}));
