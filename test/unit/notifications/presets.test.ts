import { describe, expect, it } from 'vitest';
import {
  buildPresetRequest,
  type WebhookService,
} from '../../../server/notifications/webhooks/presets.ts';
import { sampleAlert, sampleNotification } from './sample.ts';

const target = (
  url: string,
  extra: Partial<{ customFields: Record<string, string>; mention: string }> = {},
) => ({
  url,
  customFields: extra.customFields ?? {},
  mention: extra.mention ?? null,
});

function jsonBody(
  service: WebhookService,
  event: 'alert' | 'resolved',
  url = 'https://example.com/hook',
  extra = {},
) {
  const request = buildPresetRequest(service, sampleNotification(event), target(url, extra));
  return JSON.parse(request.body) as Record<string, unknown>;
}

describe('webhook presets', () => {
  it('discord: an embed coloured by level, the mention as content', () => {
    const alert = jsonBody('discord', 'alert', 'https://discord.com/api/webhooks/1/abc', {
      mention: '<@&42>',
    });
    expect(alert.content).toBe('<@&42>');
    const [embed] = alert.embeds as Record<string, unknown>[];
    expect(embed?.title).toBe('[Pulse] CRITICAL: pve1: CPU usage is 97%');
    expect(embed?.color).toBe(0xe74c3c);
    expect(embed?.fields).toContainEqual({
      name: 'Value',
      value: '97% (threshold 90%)',
      inline: true,
    });
    const resolved = jsonBody('discord', 'resolved');
    const [resolvedEmbed] = resolved.embeds as Record<string, unknown>[];
    expect(resolvedEmbed?.title).toMatch(/RESOLVED/);
    expect(resolvedEmbed?.color).toBe(0x2ecc71);
  });

  it('slack: text for notifications plus header and section blocks', () => {
    const body = jsonBody('slack', 'alert', 'https://hooks.slack.com/services/x', {
      mention: '<!channel>',
    });
    expect(body.text).toBe('<!channel> [Pulse] CRITICAL: pve1: CPU usage is 97%');
    const blocks = body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(blocks[1]?.text?.text).toContain('[critical] pve1 on pve1: CPU usage is 97%');
    expect(jsonBody('slack', 'resolved').text).toMatch(/RESOLVED/);
  });

  it('teams: a MessageCard with facts', () => {
    const body = jsonBody('teams', 'alert');
    expect(body['@type']).toBe('MessageCard');
    expect(body.themeColor).toBe('e74c3c');
    const [section] = body.sections as { facts: { name: string }[] }[];
    expect(section?.facts.map((f) => f.name)).toEqual(['Resource', 'Node', 'Instance', 'Value']);
  });

  it('telegram: chat_id from the URL query, HTML-escaped text', () => {
    const notification = sampleNotification('alert', [sampleAlert({ message: 'a <b> & c' })]);
    const request = buildPresetRequest(
      'telegram',
      notification,
      target('https://api.telegram.org/bot123:abc/sendMessage?chat_id=-100200'),
    );
    const body = JSON.parse(request.body) as Record<string, string>;
    expect(body.chat_id).toBe('-100200');
    expect(body.parse_mode).toBe('HTML');
    expect(body.text).toContain('a &lt;b&gt; &amp; c');
  });

  it('ntfy: a plain-text body with Title, Priority and Tags headers', () => {
    const alert = buildPresetRequest(
      'ntfy',
      sampleNotification('alert'),
      target('https://ntfy.sh/lab'),
    );
    expect(alert.headers['content-type']).toMatch(/^text\/plain/);
    expect(alert.headers.Title).toBe('[Pulse] CRITICAL: pve1: CPU usage is 97%');
    expect(alert.headers.Priority).toBe('urgent');
    expect(alert.headers.Tags).toContain('rotating_light');
    expect(alert.body).toContain('CPU usage is 97%');
    expect(() => JSON.parse(alert.body)).toThrow();
    const resolved = buildPresetRequest(
      'ntfy',
      sampleNotification('resolved'),
      target('https://ntfy.sh/lab'),
    );
    expect(resolved.headers.Priority).toBe('default');
    expect(resolved.headers.Tags).toContain('white_check_mark');
  });

  it('gotify: title, message and a priority by level', () => {
    expect(jsonBody('gotify', 'alert')).toMatchObject({
      priority: 8,
      title: expect.stringMatching(/CRITICAL/),
    });
    const warning = buildPresetRequest(
      'gotify',
      sampleNotification('alert', [sampleAlert({ level: 'warning' })]),
      target('https://gotify.lan/message?token=x'),
    );
    expect(JSON.parse(warning.body)).toMatchObject({ priority: 5 });
    expect(jsonBody('gotify', 'resolved')).toMatchObject({ priority: 2 });
  });

  it('pushover: token and user from the custom fields', () => {
    const body = jsonBody('pushover', 'alert', 'https://api.pushover.net/1/messages.json', {
      customFields: { token: 'app', user: 'usr' },
    });
    expect(body).toMatchObject({ token: 'app', user: 'usr', priority: 1 });
    expect(body.message).toContain('CPU usage is 97%');
  });

  it('generic: the event, every template field and the alerts', () => {
    const body = jsonBody('generic', 'resolved');
    expect(body).toMatchObject({
      source: 'pulse',
      event: 'resolved',
      Level: 'critical',
      AlertCount: 1,
    });
    expect((body.alerts as unknown[]).length).toBe(1);
  });

  it('a group lists every alert', () => {
    const notification = sampleNotification('alert', [
      sampleAlert(),
      sampleAlert({ id: 'node:pve2:cpu', resourceName: 'pve2', level: 'warning' }),
    ]);
    const request = buildPresetRequest('slack', notification, target('https://hooks.slack.com/x'));
    const body = JSON.parse(request.body) as {
      text: string;
      blocks: { text?: { text: string } }[];
    };
    expect(body.text).toContain('2 alerts');
    expect(body.blocks[1]?.text?.text).toContain('pve2');
  });
});
