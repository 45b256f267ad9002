import type { Route } from './router.ts';

/** Pulse's guest metadata routes: the list is an object keyed by guest id, as Pulse sends it. */
export const guestMetadataRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/guests/metadata',
    handle: async ({ actor, services }) =>
      Object.fromEntries((await services.guestMetadata.list(actor)).map((m) => [m.id, m])),
  },
  {
    method: 'GET',
    path: '/api/guests/metadata/:id',
    handle: ({ actor, services, params }) => services.guestMetadata.get(actor, params.id ?? ''),
  },
  {
    method: 'PUT',
    path: '/api/guests/metadata/:id',
    handle: ({ actor, services, params, body }) =>
      services.guestMetadata.update(actor, params.id ?? '', body),
  },
  {
    method: 'DELETE',
    path: '/api/guests/metadata/:id',
    handle: async ({ actor, services, params }) => {
      await services.guestMetadata.remove(actor, params.id ?? '');
    },
  },
];
