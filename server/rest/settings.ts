import { ValidationError } from '../errors.ts';
import type { SystemSettingsPatch } from '../settings/settings.service.ts';
import type { Route } from './router.ts';

function toPatch(body: unknown): SystemSettingsPatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body must be a JSON object');
  }
  const { displayName } = body as Record<string, unknown>;
  if (displayName !== undefined && typeof displayName !== 'string') {
    throw new ValidationError('displayName must be a string', 'displayName');
  }
  return displayName === undefined ? {} : { displayName };
}

/** GET/POST /api/config/system: the system settings this version has. */
export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/config/system',
    handle: ({ actor, services }) => services.settings.get(actor),
  },
  {
    method: 'POST',
    path: '/api/config/system',
    handle: ({ actor, services, body }) => services.settings.update(actor, toPatch(body)),
  },
];
