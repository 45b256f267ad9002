import type { AlertNotification } from '../../alerts/alert.ts';
import {
  alertLine,
  formatValue,
  headline,
  plainBody,
  templateData,
  title,
} from '../notification-data.ts';

export const webhookServices = [
  'discord',
  'slack',
  'teams',
  'telegram',
  'ntfy',
  'gotify',
  'pushover',
  'generic',
] as const;
export type WebhookService = (typeof webhookServices)[number];

/** What a preset needs from the webhook besides the notification. */
export interface PresetTarget {
  url: string;
  customFields: Record<string, string>;
  mention: string | null;
}

export interface PresetRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const json = { 'content-type': 'application/json' };

/** Discord embed colours (decimal RGB). */
const colours = { CRITICAL: 0xe74c3c, WARNING: 0xf39c12, RESOLVED: 0x2ecc71, TEST: 0x3498db };

function fields(notification: AlertNotification) {
  const first = notification.alerts[0];
  if (!first) return [];
  return [
    { name: 'Resource', value: first.resourceName || '-' },
    { name: 'Node', value: first.node ?? '-' },
    { name: 'Instance', value: first.instance || '-' },
    { name: 'Value', value: formatValue(first) || '-' },
  ];
}

function lines(notification: AlertNotification): string {
  if (notification.event === 'test') return plainBody(notification);
  return notification.alerts.map((a) => alertLine(a, notification.event)).join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

type Builder = (notification: AlertNotification, target: PresetTarget) => PresetRequest;

const builders: Record<WebhookService, Builder> = {
  discord: (n, t) => ({
    url: t.url,
    headers: json,
    body: JSON.stringify({
      username: 'Pulse',
      ...(t.mention && { content: t.mention }),
      embeds: [
        {
          title: title(n),
          description: lines(n).slice(0, 4000),
          color: colours[headline(n) as keyof typeof colours],
          fields: fields(n).map((f) => ({ ...f, inline: true })),
          timestamp: new Date(n.at).toISOString(),
          footer: { text: 'Pulse' },
        },
      ],
    }),
  }),
  slack: (n, t) => {
    const text = `${t.mention ? `${t.mention} ` : ''}${title(n)}`;
    return {
      url: t.url,
      headers: json,
      body: JSON.stringify({
        text,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: title(n).slice(0, 150) } },
          { type: 'section', text: { type: 'mrkdwn', text: lines(n).slice(0, 3000) } },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `Pulse · ${new Date(n.at).toISOString()}` }],
          },
        ],
      }),
    };
  },
  teams: (n) => ({
    url: '',
    headers: json,
    body: JSON.stringify({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      themeColor: colours[headline(n) as keyof typeof colours].toString(16).padStart(6, '0'),
      summary: title(n),
      title: title(n),
      sections: [{ text: lines(n).replace(/\n/g, '<br>'), facts: fields(n), markdown: true }],
    }),
  }),
  telegram: (n, t) => ({
    url: t.url,
    headers: json,
    body: JSON.stringify({
      // Telegram bot URLs carry the chat in the query: …/sendMessage?chat_id=123
      chat_id: new URL(t.url).searchParams.get('chat_id') ?? '',
      text: `<b>${escapeHtml(title(n))}</b>\n${escapeHtml(lines(n))}`,
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    }),
  }),
  ntfy: (n) => {
    const level = headline(n);
    return {
      url: '',
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        // Header values must be Latin-1; titles may hold any resource name.
        Title: title(n).replace(/[^\x20-\x7e]/g, '?'),
        Priority: level === 'CRITICAL' ? 'urgent' : level === 'WARNING' ? 'high' : 'default',
        Tags:
          level === 'CRITICAL'
            ? 'rotating_light,pulse'
            : level === 'WARNING'
              ? 'warning,pulse'
              : 'white_check_mark,pulse',
      },
      body: plainBody(n),
    };
  },
  gotify: (n) => {
    const level = headline(n);
    return {
      url: '',
      headers: json,
      body: JSON.stringify({
        title: title(n),
        message: plainBody(n),
        priority: level === 'CRITICAL' ? 8 : level === 'WARNING' ? 5 : 2,
        extras: { 'client::display': { contentType: 'text/plain' } },
      }),
    };
  },
  pushover: (n, t) => {
    const level = headline(n);
    return {
      url: '',
      headers: json,
      body: JSON.stringify({
        token: t.customFields.token ?? t.customFields.app_token ?? '',
        user: t.customFields.user ?? t.customFields.user_token ?? '',
        title: title(n).slice(0, 250),
        message: plainBody(n).slice(0, 1024),
        priority: level === 'CRITICAL' ? 1 : level === 'WARNING' ? 0 : -1,
        timestamp: Math.floor(n.at / 1000),
      }),
    };
  },
  generic: (n, t) => ({
    url: t.url,
    headers: json,
    body: JSON.stringify({
      source: 'pulse',
      event: n.event,
      title: title(n),
      message: plainBody(n),
      ...templateData(n),
      alerts: n.alerts,
      customFields: t.customFields,
      ...(t.mention && { mention: t.mention }),
    }),
  }),
};

/** The request a service accepts for this notification; the URL is the webhook's own. */
export function buildPresetRequest(
  service: WebhookService,
  notification: AlertNotification,
  target: PresetTarget,
): PresetRequest {
  return { ...builders[service](notification, target), url: target.url };
}

/** Documentation for the UI: which URL each service expects and what it needs. */
export const webhookTemplates = [
  {
    service: 'discord',
    name: 'Discord',
    urlPattern: 'https://discord.com/api/webhooks/{id}/{token}',
    instructions: 'Server settings → Integrations → Webhooks. Mention e.g. <@&roleId>.',
  },
  {
    service: 'slack',
    name: 'Slack',
    urlPattern: 'https://hooks.slack.com/services/T…/B…/…',
    instructions: 'Create an incoming webhook app. Mention e.g. <!channel>.',
  },
  {
    service: 'teams',
    name: 'Microsoft Teams',
    urlPattern: 'https://…webhook.office.com/…',
    instructions: 'Add an Incoming Webhook connector or workflow to the channel.',
  },
  {
    service: 'telegram',
    name: 'Telegram',
    urlPattern: 'https://api.telegram.org/bot{token}/sendMessage?chat_id={chatId}',
    instructions: 'Create a bot with @BotFather; chat_id is required in the URL.',
  },
  {
    service: 'ntfy',
    name: 'ntfy',
    urlPattern: 'https://ntfy.sh/{topic}',
    instructions: 'Plain-text body; title, priority and tags are sent as headers.',
  },
  {
    service: 'gotify',
    name: 'Gotify',
    urlPattern: 'https://gotify.example/message?token={appToken}',
    instructions: 'Create an application in Gotify and use its token.',
  },
  {
    service: 'pushover',
    name: 'Pushover',
    urlPattern: 'https://api.pushover.net/1/messages.json',
    instructions: 'Custom fields: token (application) and user (user key).',
  },
  {
    service: 'generic',
    name: 'Generic JSON',
    urlPattern: 'https://example.com/hook',
    instructions: 'JSON with every template field and the alerts; or write a custom template.',
  },
] satisfies { service: WebhookService; name: string; urlPattern: string; instructions: string }[];
