import type { Alert, AlertNotification } from '../../alerts/alert.ts';
import { formatValue, headline, plainBody, title } from '../notification-data.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const colours: Record<string, string> = {
  CRITICAL: '#c0392b',
  WARNING: '#d68910',
  RESOLVED: '#1e8449',
  TEST: '#2471a3',
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function row(alert: Alert, resolved: boolean): string {
  const cells = [
    resolved ? 'resolved' : alert.level,
    alert.resourceName,
    alert.node ?? '',
    alert.message,
    formatValue(alert),
    new Date(alert.startedAt).toISOString(),
  ];
  return `<tr>${cells.map((c) => `<td style="padding:4px 8px;border-bottom:1px solid #ddd">${escapeHtml(c)}</td>`).join('')}</tr>`;
}

/** Subject, plain text and HTML for one notification; every alert of a group is listed. */
export function renderEmail(notification: AlertNotification): RenderedEmail {
  const lead = headline(notification);
  const colour = colours[lead] ?? '#555';
  const resolved = notification.event === 'resolved';
  const summary =
    notification.event === 'test'
      ? 'This is a test notification from Pulse. If you can read it, email delivery works.'
      : resolved
        ? `${notification.alerts.length} alert(s) resolved.`
        : `${notification.alerts.length} alert(s) need attention.`;
  const table =
    notification.event === 'test'
      ? ''
      : `<table style="border-collapse:collapse;font-size:14px"><thead><tr>${[
          'Level',
          'Resource',
          'Node',
          'Message',
          'Value',
          'Started',
        ]
          .map((h) => `<th style="text-align:left;padding:4px 8px">${h}</th>`)
          .join('')}</tr></thead><tbody>${notification.alerts
          .map((a) => row(a, resolved))
          .join('')}</tbody></table>`;
  const html = `<!doctype html><html><body style="font-family:sans-serif;color:#222">
<div style="border-left:6px solid ${colour};padding:8px 16px">
<h2 style="margin:0 0 8px;color:${colour}">${escapeHtml(title(notification))}</h2>
<p>${escapeHtml(summary)}</p>${table}
<p style="color:#777;font-size:12px">Sent by Pulse at ${escapeHtml(new Date(notification.at).toISOString())}</p>
</div></body></html>`;
  return { subject: title(notification), text: plainBody(notification), html };
}
