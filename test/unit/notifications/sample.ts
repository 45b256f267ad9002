import type { Alert, AlertNotification } from '../../../server/alerts/alert.ts';

const startedAt = Date.UTC(2026, 10, 23, 12, 0, 0);

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'node:pve1:cpu',
    kind: 'cpu',
    level: 'critical',
    state: 'firing',
    resourceId: 'lab/node/pve1',
    resourceKey: 'node:pve1',
    resourceName: 'pve1',
    resourceType: 'node',
    node: 'pve1',
    instance: 'lab',
    message: 'CPU usage is 97%',
    value: 97,
    threshold: 90,
    clearThreshold: 85,
    unit: '%',
    startedAt,
    firedAt: startedAt,
    lastSeenAt: startedAt,
    resolvedAt: null,
    acknowledged: null,
    monitorOnly: false,
    escalation: 0,
    lastNotifiedAt: null,
    ...overrides,
  };
}

export function sampleNotification(
  event: AlertNotification['event'] = 'alert',
  alerts: Alert[] = [sampleAlert()],
): AlertNotification {
  return { event, alerts, at: startedAt + 60_000 };
}
