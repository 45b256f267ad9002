import type { Route, RouteRequest } from './router.ts';

const update = ({ actor, services, body }: RouteRequest) => services.ai.update(actor, body);

/** AI provider settings (keys masked) and the live model list of every configured provider. */
export const aiSettingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/settings/ai',
    handle: ({ actor, services }) => services.ai.view(actor),
  },
  { method: 'PUT', path: '/api/settings/ai/update', handle: update },
  { method: 'POST', path: '/api/settings/ai/update', handle: update },
  {
    method: 'GET',
    path: '/api/ai/models',
    handle: ({ actor, services }) => services.ai.models(actor),
  },
];
