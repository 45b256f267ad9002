import { ValidationError } from '../errors.ts';
import type { AppriseInput } from '../notifications/apprise/apprise-config.ts';
import type { EmailInput } from '../notifications/email/email-config.ts';
import type { WebhookInput } from '../notifications/webhooks/webhook-input.ts';
import { type Route, Status } from './router.ts';

type Body = Record<string, unknown>;
type Kind = 'string' | 'nullableString' | 'boolean' | 'number' | 'strings' | 'record';

function asObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body must be a JSON object');
  }
  return body as Body;
}

const checks: Record<Kind, [(v: unknown) => boolean, string]> = {
  string: [(v) => typeof v === 'string', 'a string'],
  nullableString: [(v) => v === null || typeof v === 'string', 'a string or null'],
  boolean: [(v) => typeof v === 'boolean', 'a boolean'],
  number: [(v) => typeof v === 'number', 'a number'],
  strings: [(v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), 'a list of strings'],
  record: [
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.values(v).every((s) => typeof s === 'string'),
    'an object of strings',
  ],
};

/** Keeps the known keys, each checked for its type; a wrong type is a 400 naming the field. */
function pick<T>(body: unknown, spec: Record<string, Kind>): T {
  const input = asObject(body);
  const out: Body = {};
  for (const [key, kind] of Object.entries(spec)) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null && kind !== 'nullableString') continue;
    const [ok, label] = checks[kind];
    if (!ok(value)) throw new ValidationError(`${key} must be ${label}`, key);
    out[key] = value;
  }
  return out as T;
}

const emailSpec: Record<keyof EmailInput, Kind> = {
  enabled: 'boolean',
  provider: 'string',
  server: 'string',
  port: 'number',
  username: 'string',
  password: 'nullableString',
  from: 'string',
  to: 'strings',
  tls: 'boolean',
  startTLS: 'boolean',
  skipTlsVerify: 'boolean',
  rateLimitPerMinute: 'number',
};

const appriseSpec: Record<keyof AppriseInput, Kind> = {
  enabled: 'boolean',
  mode: 'string',
  targets: 'strings',
  serverUrl: 'string',
  configKey: 'string',
  apiKey: 'nullableString',
  timeoutSeconds: 'number',
};

const webhookSpec: Record<keyof WebhookInput, Kind> = {
  name: 'string',
  url: 'string',
  method: 'string',
  headers: 'record',
  enabled: 'boolean',
  service: 'string',
  template: 'nullableString',
  customFields: 'record',
  mention: 'nullableString',
  signingSecret: 'nullableString',
};

/** A body's `id`, required and non-empty. */
function idOf(body: unknown): string {
  const { id } = pick<{ id?: string }>(body, { id: 'string' });
  if (!id) throw new ValidationError('id is required', 'id');
  return id;
}

/** /api/notifications: channels, tests, history, queue and dead letters (admins only). */
export const notificationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/notifications/email',
    handle: ({ actor, services }) => services.notifications.getEmail(actor),
  },
  {
    method: 'PUT',
    path: '/api/notifications/email',
    handle: ({ actor, services, body }) =>
      services.notifications.updateEmail(actor, pick(body, emailSpec)),
  },
  {
    // Pulse's v4 documents update the email config with POST.
    method: 'POST',
    path: '/api/notifications/email',
    handle: ({ actor, services, body }) =>
      services.notifications.updateEmail(actor, pick(body, emailSpec)),
  },
  {
    method: 'POST',
    path: '/api/notifications/test',
    handle: async ({ actor, services }) => ({
      results: await services.notifications.testAll(actor),
    }),
  },
  {
    method: 'POST',
    path: '/api/notifications/email/test',
    handle: ({ actor, services, body }) =>
      services.notifications.testEmail(actor, pick(body, emailSpec)),
  },
  {
    method: 'GET',
    path: '/api/notifications/apprise',
    handle: ({ actor, services }) => services.notifications.getApprise(actor),
  },
  {
    method: 'PUT',
    path: '/api/notifications/apprise',
    handle: ({ actor, services, body }) =>
      services.notifications.updateApprise(actor, pick(body, appriseSpec)),
  },
  {
    method: 'POST',
    path: '/api/notifications/apprise/test',
    handle: ({ actor, services, body }) =>
      services.notifications.testApprise(actor, pick(body, appriseSpec)),
  },
  {
    method: 'GET',
    path: '/api/notifications/settings',
    handle: ({ actor, services }) => services.notifications.getSettings(actor),
  },
  {
    method: 'PUT',
    path: '/api/notifications/settings',
    handle: ({ actor, services, body }) =>
      services.notifications.updateSettings(actor, pick(body, { allowPrivateTargets: 'boolean' })),
  },
  {
    method: 'GET',
    path: '/api/notifications/webhooks',
    handle: ({ actor, services }) => services.notifications.listWebhooks(actor),
  },
  {
    method: 'POST',
    path: '/api/notifications/webhooks',
    handle: async ({ actor, services, body }) =>
      new Status(201, await services.notifications.createWebhook(actor, pick(body, webhookSpec))),
  },
  {
    method: 'POST',
    path: '/api/notifications/webhooks/test',
    handle: ({ actor, services, body }) =>
      services.notifications.testWebhook(
        actor,
        pick(body, { ...webhookSpec, id: 'string' as Kind }),
      ),
  },
  {
    method: 'PUT',
    path: '/api/notifications/webhooks/:id',
    handle: ({ actor, services, params, body }) =>
      services.notifications.updateWebhook(actor, params.id ?? '', pick(body, webhookSpec)),
  },
  {
    method: 'DELETE',
    path: '/api/notifications/webhooks/:id',
    handle: async ({ actor, services, params }) => {
      await services.notifications.deleteWebhook(actor, params.id ?? '');
      return undefined;
    },
  },
  {
    method: 'GET',
    path: '/api/notifications/webhook-templates',
    handle: ({ actor, services }) => services.notifications.webhookTemplates(actor),
  },
  {
    method: 'GET',
    path: '/api/notifications/webhook-history',
    handle: ({ actor, services }) => services.notifications.webhookHistory(actor),
  },
  {
    method: 'GET',
    path: '/api/notifications/email-providers',
    handle: ({ actor, services }) => services.notifications.emailProviders(actor),
  },
  {
    method: 'GET',
    path: '/api/notifications/health',
    handle: ({ actor, services }) => services.notifications.health(actor),
  },
  {
    method: 'GET',
    path: '/api/notifications/queue/stats',
    handle: ({ actor, services }) => services.notifications.queueStats(actor),
  },
  {
    method: 'GET',
    path: '/api/notifications/dlq',
    handle: ({ actor, services }) => services.notifications.deadLetters(actor),
  },
  {
    method: 'POST',
    path: '/api/notifications/dlq/retry',
    handle: async ({ actor, services, body }) => {
      const { all } = pick<{ all?: boolean }>(body, { all: 'boolean' });
      const target = all === true ? 'all' : idOf(body);
      const retried = await services.notifications.retryDeadLetters(actor, target);
      return { success: true, retried };
    },
  },
  {
    method: 'POST',
    path: '/api/notifications/dlq/delete',
    handle: async ({ actor, services, body }) => {
      await services.notifications.deleteDeadLetter(actor, idOf(body));
      return { success: true };
    },
  },
];
