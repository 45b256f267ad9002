import type { Route } from './router.ts';
import { Status } from './router.ts';

/** GET /api/health and /api/version, public, in the shapes Pulse documents. */
export const systemRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/health',
    handle: async ({ services }) => {
      const health = await services.system.health();
      const body = {
        status: health.status,
        timestamp: Math.floor(Date.now() / 1000),
        uptime: health.uptimeSeconds,
        devModeSSH: false,
      };
      return health.status === 'healthy' ? body : new Status(503, body);
    },
  },
  {
    method: 'GET',
    path: '/api/version',
    handle: ({ services }) => {
      const version = services.system.version();
      return {
        version: version.version,
        build: version.build,
        runtime: version.runtime,
        runtimeVersion: version.runtimeVersion,
        channel: version.channel,
        isDocker: version.isDocker,
        isDevelopment: version.isDevelopment,
        deploymentType: version.isDocker ? 'docker' : 'manual',
        updateAvailable: false,
      };
    },
  },
];
