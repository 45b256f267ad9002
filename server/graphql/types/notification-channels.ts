import type { AppriseInput } from '../../notifications/apprise/apprise-config.ts';
import type { EmailInput, EmailProvider } from '../../notifications/email/email-config.ts';
import type { TargetPolicy } from '../../notifications/safety/url-guard.ts';
import type { AppriseView, EmailView, WebhookView } from '../../notifications/views.ts';
import { webhookTemplates } from '../../notifications/webhooks/presets.ts';
import type { WebhookInput } from '../../notifications/webhooks/webhook-input.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

// Secrets arrive masked from the service; these types only translate shapes.

const WebhookServiceEnum = builder.enumType('WebhookService', {
  values: Object.fromEntries(
    webhookTemplates.map((t) => [t.service.toUpperCase(), { value: t.service }]),
  ) as Record<string, { value: WebhookView['service'] }>,
});
const WebhookMethodEnum = builder.enumType('WebhookMethod', {
  values: { POST: { value: 'POST' }, PUT: { value: 'PUT' }, PATCH: { value: 'PATCH' } } as const,
});
const AppriseModeEnum = builder.enumType('AppriseMode', {
  values: { CLI: { value: 'cli' }, HTTP: { value: 'http' } } as const,
});

type Pair = { name: string; value: string };
const pairs = (record: Record<string, string>): Pair[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }));
const record = (list: readonly Pair[]) => Object.fromEntries(list.map((p) => [p.name, p.value]));

const KeyValueRef = builder.objectRef<Pair>('KeyValue').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});
const KeyValueInput = builder.inputType('KeyValueInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

const EmailChannelRef = builder.objectRef<EmailView>('EmailChannel').implement({
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    provider: t.exposeString('provider'),
    server: t.exposeString('server'),
    port: t.exposeInt('port'),
    username: t.exposeString('username'),
    password: t.exposeString('password', { description: 'The mask when one is stored, or ""' }),
    hasPassword: t.exposeBoolean('hasPassword'),
    from: t.exposeString('from'),
    to: t.exposeStringList('to'),
    tls: t.exposeBoolean('tls', { description: 'Implicit TLS from the first byte (port 465)' }),
    startTLS: t.exposeBoolean('startTLS', { description: 'Upgrade with STARTTLS (port 587)' }),
    skipTlsVerify: t.exposeBoolean('skipTlsVerify'),
    rateLimitPerMinute: t.exposeInt('rateLimitPerMinute'),
  }),
});

const AppriseChannelRef = builder.objectRef<AppriseView>('AppriseChannel').implement({
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    mode: t.field({ type: AppriseModeEnum, resolve: (a) => a.mode }),
    targets: t.exposeStringList('targets', { description: 'Apprise URLs, for CLI mode' }),
    serverUrl: t.exposeString('serverUrl', { description: 'The Apprise API, for HTTP mode' }),
    configKey: t.exposeString('configKey'),
    apiKey: t.exposeString('apiKey', { description: 'The mask when one is stored, or ""' }),
    hasApiKey: t.exposeBoolean('hasApiKey'),
    timeoutSeconds: t.exposeInt('timeoutSeconds'),
  }),
});

const WebhookRef = builder.objectRef<WebhookView>('Webhook').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    url: t.exposeString('url'),
    method: t.field({ type: WebhookMethodEnum, resolve: (w) => w.method }),
    headers: t.field({
      type: [KeyValueRef],
      description: 'Header values are always masked',
      resolve: (w) => pairs(w.headers),
    }),
    enabled: t.exposeBoolean('enabled'),
    service: t.field({ type: WebhookServiceEnum, resolve: (w) => w.service }),
    template: t.exposeString('template', { nullable: true }),
    customFields: t.field({ type: [KeyValueRef], resolve: (w) => pairs(w.customFields) }),
    mention: t.exposeString('mention', { nullable: true }),
    signingSecret: t.exposeString('signingSecret'),
    hasSigningSecret: t.exposeBoolean('hasSigningSecret'),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (w) => w.updatedAt }),
  }),
});

const NotificationSettingsRef = builder.objectRef<TargetPolicy>('NotificationSettings').implement({
  fields: (t) => ({
    allowPrivateTargets: t.exposeBoolean('allowPrivateTargets', {
      description: 'Whether webhooks and Apprise may point at LAN and loopback addresses',
    }),
  }),
});

interface Channels {
  email: EmailView;
  apprise: AppriseView;
  webhooks: WebhookView[];
  settings: TargetPolicy;
}
const ChannelsRef = builder.objectRef<Channels>('NotificationChannels').implement({
  fields: (t) => ({
    email: t.field({ type: EmailChannelRef, resolve: (c) => c.email }),
    apprise: t.field({ type: AppriseChannelRef, resolve: (c) => c.apprise }),
    webhooks: t.field({ type: [WebhookRef], resolve: (c) => c.webhooks }),
    settings: t.field({ type: NotificationSettingsRef, resolve: (c) => c.settings }),
  }),
});

type Template = (typeof webhookTemplates)[number];
const WebhookTemplateRef = builder.objectRef<Template>('WebhookTemplate').implement({
  fields: (t) => ({
    service: t.field({ type: WebhookServiceEnum, resolve: (p) => p.service }),
    name: t.exposeString('name'),
    urlPattern: t.exposeString('urlPattern'),
    instructions: t.exposeString('instructions'),
  }),
});

const EmailProviderRef = builder.objectRef<EmailProvider>('EmailProvider').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    server: t.exposeString('server'),
    port: t.exposeInt('port'),
    tls: t.exposeBoolean('tls'),
    startTLS: t.exposeBoolean('startTLS'),
    instructions: t.exposeString('instructions'),
  }),
});

const secretHint = 'Send the mask back (or leave it out) to keep the stored one; "" clears it';

export const EmailChannelInput = builder.inputType('EmailChannelInput', {
  fields: (t) => ({
    enabled: t.boolean(),
    provider: t.string({ description: 'A provider name fills server, port and TLS' }),
    server: t.string(),
    port: t.int(),
    username: t.string(),
    password: t.string({ description: secretHint }),
    from: t.string(),
    to: t.stringList(),
    tls: t.boolean(),
    startTLS: t.boolean(),
    skipTlsVerify: t.boolean(),
    rateLimitPerMinute: t.int(),
  }),
});

export const AppriseChannelInput = builder.inputType('AppriseChannelInput', {
  fields: (t) => ({
    enabled: t.boolean(),
    mode: t.field({ type: AppriseModeEnum }),
    targets: t.stringList(),
    serverUrl: t.string(),
    configKey: t.string(),
    apiKey: t.string({ description: secretHint }),
    timeoutSeconds: t.int(),
  }),
});

export const WebhookInputRef = builder.inputType('WebhookInput', {
  fields: (t) => ({
    name: t.string(),
    url: t.string(),
    method: t.field({ type: WebhookMethodEnum }),
    headers: t.field({ type: [KeyValueInput], description: 'Masked values keep stored ones' }),
    enabled: t.boolean(),
    service: t.field({ type: WebhookServiceEnum }),
    template: t.string({ description: 'A custom body for generic webhooks; "" removes it' }),
    customFields: t.field({ type: [KeyValueInput] }),
    mention: t.string(),
    signingSecret: t.string({ description: secretHint }),
  }),
});

/** GraphQL nulls mean "not given": the service keeps the stored value for absent keys. */
function given<T extends object>(input: T | null | undefined) {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v != null));
}

export const emailPatch = (input: typeof EmailChannelInput.$inferInput | null | undefined) =>
  given(input) as EmailInput;
export const apprisePatch = (input: typeof AppriseChannelInput.$inferInput | null | undefined) =>
  given(input) as AppriseInput;

export function webhookPatch(
  input: typeof WebhookInputRef.$inferInput | null | undefined,
): WebhookInput {
  const { headers, customFields, ...rest } = given(input) as typeof WebhookInputRef.$inferInput;
  return {
    ...(rest as WebhookInput),
    ...(headers && { headers: record(headers) }),
    ...(customFields && { customFields: record(customFields) }),
  };
}

builder.queryFields((t) => ({
  notificationChannels: t.field({
    type: ChannelsRef,
    description: 'Email, Apprise and webhooks with their secrets masked (admins only)',
    resolve: async (_root, _args, { actor, services }) => {
      const n = services.notifications;
      const [email, apprise, webhooks, settings] = await Promise.all([
        n.getEmail(actor),
        n.getApprise(actor),
        n.listWebhooks(actor),
        n.getSettings(actor),
      ]);
      return { email, apprise, webhooks, settings };
    },
  }),
  webhookTemplates: t.field({
    type: [WebhookTemplateRef],
    resolve: (_root, _args, { actor, services }) => services.notifications.webhookTemplates(actor),
  }),
  emailProviders: t.field({
    type: [EmailProviderRef],
    resolve: (_root, _args, { actor, services }) => services.notifications.emailProviders(actor),
  }),
}));

builder.mutationFields((t) => ({
  updateEmailChannel: t.field({
    type: EmailChannelRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: EmailChannelInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.notifications.updateEmail(actor, emailPatch(input)),
  }),
  updateAppriseChannel: t.field({
    type: AppriseChannelRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: AppriseChannelInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.notifications.updateApprise(actor, apprisePatch(input)),
  }),
  updateNotificationSettings: t.field({
    type: NotificationSettingsRef,
    errors: mutationErrors,
    args: { allowPrivateTargets: t.arg.boolean({ required: true }) },
    resolve: (_root, { allowPrivateTargets }, { actor, services }) =>
      services.notifications.updateSettings(actor, { allowPrivateTargets }),
  }),
  createWebhook: t.field({
    type: WebhookRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: WebhookInputRef, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.notifications.createWebhook(actor, webhookPatch(input)),
  }),
  updateWebhook: t.field({
    type: WebhookRef,
    errors: mutationErrors,
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: WebhookInputRef, required: true }),
    },
    resolve: (_root, { id, input }, { actor, services }) =>
      services.notifications.updateWebhook(actor, String(id), webhookPatch(input)),
  }),
  deleteWebhook: t.field({
    type: 'ID',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { actor, services }) => {
      await services.notifications.deleteWebhook(actor, String(id));
      return String(id);
    },
  }),
}));
