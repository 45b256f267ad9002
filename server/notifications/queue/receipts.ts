import type { Alert, AlertNotification } from '../../alerts/alert.ts';

/**
 * The event a receipt records. An escalation is its own event per step, so escalating
 * twice notifies twice, but each step only once.
 */
function eventKey(notification: AlertNotification, alert: Alert): string {
  return notification.event === 'escalated' ? `escalated#${alert.escalation}` : notification.event;
}

export function receiptKey(notification: AlertNotification, alert: Alert, destination: string) {
  return `${alert.id}|${alert.startedAt}|${eventKey(notification, alert)}|${destination}`;
}

export function receiptKeys(notification: AlertNotification, destination: string): string[] {
  return notification.alerts.map((alert) => receiptKey(notification, alert, destination));
}
