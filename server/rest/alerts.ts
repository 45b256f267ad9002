import type { Alert } from '../alerts/alert.ts';
import type { ResourceOverride } from '../alerts/thresholds.ts';
import { ValidationError } from '../errors.ts';
import type { Route } from './router.ts';

function asObject(body: unknown, what = 'body'): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(`${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}

function alertId(body: unknown): string {
  const id = asObject(body).id;
  if (typeof id !== 'string' || id.length === 0) throw new ValidationError('id is required', 'id');
  return id;
}

function limitOf(query: URLSearchParams): number | undefined {
  const raw = query.get('limit');
  if (raw === null) return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit)) throw new ValidationError('limit must be a whole number', 'limit');
  return limit;
}

/** The alert in Pulse's REST shape: ISO times and the acknowledgement flattened. */
export function toPulse(alert: Alert) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: alert.id,
    type: alert.kind,
    level: alert.level,
    state: alert.state,
    resourceId: alert.resourceId,
    resourceName: alert.resourceName,
    resourceType: alert.resourceType,
    node: alert.node,
    instance: alert.instance,
    message: alert.message,
    value: alert.value,
    threshold: alert.threshold,
    startTime: iso(alert.startedAt),
    lastSeen: iso(alert.lastSeenAt),
    resolvedTime: iso(alert.resolvedAt),
    acknowledged: alert.acknowledged !== null,
    ackUser: alert.acknowledged?.by ?? null,
    ackTime: iso(alert.acknowledged?.at ?? null),
    metadata: {
      resourceType: alert.resourceType,
      clearThreshold: alert.clearThreshold,
      unit: alert.unit,
      monitorOnly: alert.monitorOnly,
    },
  };
}

/**
 * Pulse's alert routes: thresholds and overrides under /api/notifications (v4 documents),
 * active alerts, history and acknowledgement under /api/alerts (v5).
 */
export const alertRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/notifications/thresholds',
    handle: ({ actor, services }) => services.alerts.config(actor),
  },
  {
    method: 'POST',
    path: '/api/notifications/thresholds',
    handle: ({ actor, services, body }) => services.alerts.updateConfig(actor, asObject(body)),
  },
  {
    method: 'GET',
    path: '/api/notifications/thresholds/overrides',
    handle: ({ actor, services }) => services.alerts.config(actor).overrides,
  },
  {
    method: 'POST',
    path: '/api/notifications/thresholds/overrides',
    handle: async ({ actor, services, body }) => {
      const overrides = asObject(body) as Record<string, ResourceOverride>;
      return (await services.alerts.replaceOverrides(actor, overrides)).overrides;
    },
  },
  {
    method: 'GET',
    path: '/api/notifications/alerts',
    handle: async ({ actor, services, query }) => ({
      active: services.alerts.active(actor).map(toPulse),
      history: (await services.alerts.history(actor, { limit: limitOf(query) })).map(toPulse),
    }),
  },
  {
    method: 'POST',
    path: '/api/notifications/alerts/clear',
    handle: async ({ actor, services }) => ({ cleared: await services.alerts.clearHistory(actor) }),
  },
  {
    method: 'GET',
    path: '/api/alerts/config',
    handle: ({ actor, services }) => services.alerts.config(actor),
  },
  {
    method: 'PUT',
    path: '/api/alerts/config',
    handle: ({ actor, services, body }) => services.alerts.updateConfig(actor, asObject(body)),
  },
  {
    method: 'GET',
    path: '/api/alerts/active',
    handle: ({ actor, services }) => services.alerts.active(actor).map(toPulse),
  },
  {
    method: 'GET',
    path: '/api/alerts/history',
    handle: async ({ actor, services, query }) => {
      const resourceId = query.get('resourceId') ?? undefined;
      const alerts = await services.alerts.history(actor, {
        limit: limitOf(query),
        ...(resourceId !== undefined && { resourceId }),
      });
      return alerts.map(toPulse);
    },
  },
  {
    method: 'DELETE',
    path: '/api/alerts/history',
    handle: async ({ actor, services }) => ({ cleared: await services.alerts.clearHistory(actor) }),
  },
  {
    method: 'POST',
    path: '/api/alerts/acknowledge',
    handle: async ({ actor, services, body }) =>
      toPulse(await services.alerts.acknowledge(actor, alertId(body))),
  },
  {
    method: 'POST',
    path: '/api/alerts/unacknowledge',
    handle: async ({ actor, services, body }) =>
      toPulse(await services.alerts.unacknowledge(actor, alertId(body))),
  },
];
