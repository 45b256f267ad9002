import { ValidationError } from '../errors.ts';
import type { FindingFilter } from '../patrol/visibility.ts';
import { NamedEventStream, type Route, type RouteRequest } from './router.ts';

type Body = Record<string, unknown>;

const bodyOf = (request: RouteRequest): Body =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Body) : {};

/** Pulse sends `finding_id`; camelCase and `id` are accepted too. */
const findingIdOf = (body: Body): unknown => body.finding_id ?? body.findingId ?? body.id;

const flag = (query: URLSearchParams, ...names: string[]) =>
  names.some((name) => ['1', 'true', 'yes'].includes(query.get(name)?.toLowerCase() ?? ''));

const list = (query: URLSearchParams, name: string): string[] | undefined => {
  const values = query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
  return values.length > 0 ? values : undefined;
};

function filterOf(query: URLSearchParams): FindingFilter {
  const all = flag(query, 'include_all', 'all');
  return {
    severity: list(query, 'severity'),
    category: list(query, 'category'),
    resource: query.get('resource') ?? query.get('resource_id') ?? undefined,
    includeResolved: all || flag(query, 'include_resolved', 'includeResolved'),
    includeDismissed: all || flag(query, 'include_dismissed', 'includeDismissed'),
    includeSnoozed: all || flag(query, 'include_snoozed', 'includeSnoozed'),
    includeSuppressed: all || flag(query, 'include_suppressed', 'includeSuppressed'),
  };
}

/** `until` as an ISO time, or Pulse's `duration_hours` from now. */
function snoozeUntil(body: Body): unknown {
  if (body.until !== undefined) return body.until;
  const hours = Number(body.duration_hours ?? body.durationHours);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ValidationError('send until (ISO time) or duration_hours', 'until');
  }
  return new Date(Date.now() + hours * 3_600_000);
}

const limitOf = (query: URLSearchParams, fallback: number) => {
  const n = Number(query.get('limit'));
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** The patrol: findings and their lifecycle, runs, the schedule's status, live progress. */
export const patrolRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ai/patrol/status',
    handle: ({ actor, services }) => services.patrol.status(actor),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/findings',
    handle: ({ actor, services, query }) => services.findings.list(actor, filterOf(query)),
  },
  {
    method: 'DELETE',
    path: '/api/ai/patrol/findings',
    handle: async ({ actor, services }) => ({ cleared: await services.findings.clear(actor) }),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/history',
    handle: ({ actor, services, query }) => services.findings.history(actor, limitOf(query, 500)),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/runs',
    handle: ({ actor, services, query }) => services.patrol.runs(actor, limitOf(query, 50)),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/runs/:id',
    handle: ({ actor, services, params }) => services.patrol.runById(actor, params.id ?? ''),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/estimate',
    handle: ({ actor, services }) => services.patrol.estimate(actor),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/stream',
    handle: ({ actor, services }) =>
      new NamedEventStream(async function* (signal) {
        // Subscribed (and refused with 401/403/402) before anything is sent, and before the
        // status is read, so no run's events fall between the two.
        const progress = services.patrol.progress(actor, signal);
        yield { event: 'status', data: await services.patrol.status(actor) };
        for await (const event of progress) yield { event: 'progress', data: event };
      }),
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/run',
    handle: ({ actor, services }) => services.patrol.run(actor),
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/acknowledge',
    handle: (r) => r.services.findings.acknowledge(r.actor, findingIdOf(bodyOf(r))),
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/dismiss',
    handle: (r) => {
      const body = bodyOf(r);
      return r.services.findings.dismiss(r.actor, findingIdOf(body), body.reason, body.note);
    },
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/findings/note',
    handle: (r) => {
      const body = bodyOf(r);
      return r.services.findings.note(r.actor, findingIdOf(body), body.note);
    },
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/resolve',
    handle: (r) => r.services.findings.resolve(r.actor, findingIdOf(bodyOf(r))),
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/snooze',
    handle: (r) => {
      const body = bodyOf(r);
      return r.services.findings.snooze(r.actor, findingIdOf(body), snoozeUntil(body));
    },
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/suppress',
    handle: (r) => {
      const body = bodyOf(r);
      return r.services.findings.suppress(r.actor, findingIdOf(body), body.reason);
    },
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/suppressions',
    handle: ({ actor, services }) => services.findings.suppressions(actor),
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/suppressions',
    handle: (r) => {
      const body = bodyOf(r);
      return r.services.findings.createSuppression(r.actor, {
        check: body.check as string | null,
        resourcePattern: (body.resource_pattern ?? body.resourcePattern ?? body.resource_id) as
          | string
          | null,
        reason: body.reason as string | null,
      });
    },
  },
  {
    method: 'DELETE',
    path: '/api/ai/patrol/suppressions/:id',
    handle: ({ actor, services, params }) =>
      services.findings.deleteSuppression(actor, params.id ?? ''),
  },
  {
    method: 'GET',
    path: '/api/ai/patrol/dismissed',
    handle: ({ actor, services }) => services.findings.dismissed(actor),
  },
];
