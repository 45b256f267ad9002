import type { Alert, AlertNotification } from '../alerts/alert.ts';

/**
 * The fields templates and presets see, named as Pulse's Go templates name them so
 * existing custom templates keep working. For a group, the first alert speaks for it and
 * AlertCount says how many there are.
 */
export interface TemplateData {
  ID: string;
  Level: string;
  Type: string;
  ResourceName: string;
  ResourceID: string;
  ResourceType: string;
  Node: string;
  Instance: string;
  Message: string;
  Value: number | null;
  Threshold: number | null;
  Unit: string;
  Event: string;
  StartTime: string;
  Timestamp: string;
  ResolvedAt: string;
  AlertCount: number;
}

export const templateFields = [
  'ID',
  'Level',
  'Type',
  'ResourceName',
  'ResourceID',
  'ResourceType',
  'Node',
  'Instance',
  'Message',
  'Value',
  'Threshold',
  'Unit',
  'Event',
  'StartTime',
  'Timestamp',
  'ResolvedAt',
  'AlertCount',
] as const satisfies readonly (keyof TemplateData)[];

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function templateData(notification: AlertNotification): TemplateData {
  const first = notification.alerts[0];
  return {
    ID: first?.id ?? '',
    Level: first?.level ?? 'info',
    Type: first?.kind ?? '',
    ResourceName: first?.resourceName ?? '',
    ResourceID: first?.resourceId ?? '',
    ResourceType: first?.resourceType ?? '',
    Node: first?.node ?? '',
    Instance: first?.instance ?? '',
    Message: first?.message ?? '',
    Value: first?.value ?? null,
    Threshold: first?.threshold ?? null,
    Unit: first?.unit ?? '',
    Event: notification.event,
    StartTime: iso(first?.startedAt ?? null),
    Timestamp: iso(notification.at),
    ResolvedAt: iso(first?.resolvedAt ?? null),
    AlertCount: notification.alerts.length,
  };
}

/** `CRITICAL`, `WARNING`, `RESOLVED` or `TEST`: what a title leads with. */
export function headline(notification: AlertNotification): string {
  if (notification.event === 'resolved') return 'RESOLVED';
  if (notification.event === 'test') return 'TEST';
  const critical = notification.alerts.some((a) => a.level === 'critical');
  return critical ? 'CRITICAL' : 'WARNING';
}

/** One line per notification, used as a title or subject. */
export function title(notification: AlertNotification): string {
  const first = notification.alerts[0];
  if (notification.event === 'test') return 'Pulse test notification';
  const count = notification.alerts.length;
  const subject =
    count > 1 ? `${count} alerts` : first ? `${first.resourceName}: ${first.message}` : 'alert';
  const prefix = notification.event === 'escalated' ? 'ESCALATED ' : '';
  return `[Pulse] ${prefix}${headline(notification)}: ${subject}`;
}

export function formatValue(alert: Alert): string {
  if (alert.value === null) return '';
  const unit = alert.unit ?? '';
  const threshold = alert.threshold === null ? '' : ` (threshold ${round(alert.threshold)}${unit})`;
  return `${round(alert.value)}${unit}${threshold}`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** One line per alert: level, where, what, value. */
export function alertLine(alert: Alert, event: AlertNotification['event']): string {
  const where = [alert.resourceName, alert.node ? `on ${alert.node}` : null]
    .filter(Boolean)
    .join(' ');
  const value = formatValue(alert);
  const state = event === 'resolved' ? 'resolved' : alert.level;
  return `[${state}] ${where}: ${alert.message}${value ? ` — ${value}` : ''}`;
}

/** The plain-text body shared by ntfy, Apprise, Telegram and the email text part. */
export function plainBody(notification: AlertNotification): string {
  if (notification.event === 'test') {
    return 'This is a test notification from Pulse. If you can read it, this channel works.';
  }
  const lead =
    notification.event === 'resolved'
      ? notification.alerts.length > 1
        ? `${notification.alerts.length} alerts resolved:`
        : 'Alert resolved:'
      : notification.alerts.length > 1
        ? `${notification.alerts.length} alerts:`
        : 'Alert:';
  const lines = notification.alerts.map((alert) => `- ${alertLine(alert, notification.event)}`);
  return [lead, ...lines, '', `Time: ${new Date(notification.at).toISOString()}`].join('\n');
}

/** A synthetic notification for the "send test" buttons; never queued, never receipted. */
export function testNotification(at: number): AlertNotification {
  return {
    event: 'test',
    at,
    alerts: [
      {
        id: 'test:pulse',
        kind: 'cpu',
        level: 'warning',
        state: 'firing',
        resourceId: 'test/pulse',
        resourceKey: 'test/pulse',
        resourceName: 'pulse-test',
        resourceType: 'node',
        node: 'pulse',
        instance: 'test',
        message: 'Test notification from Pulse',
        value: 95,
        threshold: 80,
        clearThreshold: 75,
        unit: '%',
        startedAt: at,
        firedAt: at,
        lastSeenAt: at,
        resolvedAt: null,
        acknowledged: null,
        monitorOnly: false,
        escalation: 0,
        lastNotifiedAt: null,
      },
    ],
  };
}
