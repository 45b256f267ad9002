import { RawBody, type Route } from './router.ts';

/** AI token use and spend; reset and export are for those who manage AI. */
export const aiCostRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/ai/cost/summary',
    handle: ({ actor, services }) => services.cost.summary(actor),
  },
  {
    method: 'POST',
    path: '/api/ai/cost/reset',
    handle: ({ actor, services }) => services.cost.reset(actor),
  },
  {
    method: 'GET',
    path: '/api/ai/cost/export',
    handle: async ({ actor, services }) => {
      const csv = await services.cost.exportCsv(actor);
      return new RawBody('text/csv; charset=utf-8', csv, 'pulse-ai-usage.csv');
    },
  },
];
