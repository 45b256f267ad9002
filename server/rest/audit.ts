import type { AuditEventView } from '../audit/audit-log.ts';
import { ValidationError } from '../errors.ts';
import type { Route } from './router.ts';

function limitOf(query: URLSearchParams): number | null {
  const raw = query.get('limit');
  if (raw === null || raw === '') return null;
  if (!/^\d+$/.test(raw)) throw new ValidationError('limit must be a whole number', 'limit');
  return Number(raw);
}

function successOf(query: URLSearchParams): boolean | null {
  const raw = query.get('success');
  if (raw === null || raw === '') return null;
  if (raw !== 'true' && raw !== 'false') {
    throw new ValidationError('success must be true or false', 'success');
  }
  return raw === 'true';
}

/** Empty query parameters mean "any", as Pulse's UI sends every field of its filter form. */
function textOf(query: URLSearchParams, name: string): string | null {
  const raw = query.get(name);
  return raw === null || raw === '' ? null : raw;
}

/** Pulse's shape: ISO timestamps, and details as a string (here, the JSON of the facts). */
function toPulse(event: AuditEventView) {
  return {
    id: event.id,
    sequence: event.sequence,
    timestamp: new Date(event.timestamp).toISOString(),
    event: event.event,
    user: event.user ?? '',
    ip: event.ip ?? '',
    path: event.path ?? '',
    success: event.success,
    details: JSON.stringify(event.details),
    signature: event.signature,
  };
}

/** /api/audit: the tamper-evident audit log, for admins. */
export const auditRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/audit',
    handle: async ({ actor, services, query }) => {
      const { events, total } = await services.audit.list(actor, {
        limit: limitOf(query),
        event: textOf(query, 'event'),
        user: textOf(query, 'user'),
        success: successOf(query),
        startTime: textOf(query, 'startTime'),
        endTime: textOf(query, 'endTime'),
      });
      return { events: events.map(toPulse), total, persistentLogging: true };
    },
  },
  {
    method: 'GET',
    path: '/api/audit/:id/verify',
    handle: async ({ actor, services, params }) => {
      const result = await services.audit.verify(actor, params.id ?? '');
      const verified = result.valid && result.chainValid;
      return {
        available: true,
        verified,
        message: verified ? 'Event signature verified' : `Verification failed: ${result.reason}`,
        ...result,
      };
    },
  },
];
