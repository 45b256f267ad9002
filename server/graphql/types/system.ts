import type { Health, VersionInfo } from '../../system/system.service.ts';
import { builder } from '../builder.ts';

const HealthRef = builder.objectRef<Health>('Health').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: '"healthy" or "unhealthy"' }),
    uptimeSeconds: t.exposeFloat('uptimeSeconds'),
    databaseOk: t.exposeBoolean('databaseOk'),
  }),
});

const VersionRef = builder.objectRef<VersionInfo>('VersionInfo').implement({
  fields: (t) => ({
    version: t.exposeString('version'),
    build: t.exposeString('build'),
    runtime: t.exposeString('runtime'),
    runtimeVersion: t.exposeString('runtimeVersion'),
    channel: t.exposeString('channel'),
    isDocker: t.exposeBoolean('isDocker'),
    isDevelopment: t.exposeBoolean('isDevelopment'),
  }),
});

builder.queryFields((t) => ({
  health: t.field({
    type: HealthRef,
    resolve: (_root, _args, { services }) => services.system.health(),
  }),
  version: t.field({
    type: VersionRef,
    resolve: (_root, _args, { services }) => services.system.version(),
  }),
}));
