import type { AddressInfo } from 'node:net';
import { Authenticator } from './auth/authenticator.ts';
import type { Config } from './config/env.ts';
import { prepareDataDir } from './config/paths.ts';
import { type Orm, openDatabase } from './db/orm.ts';
import { DemoEstate } from './demo/estate.ts';
import { EventBus } from './events/bus.ts';
import { createGraphqlServer } from './graphql/yoga.ts';
import { loadDashboard } from './http/dashboard.ts';
import { createHttpServer } from './http/server.ts';
import type { Logger } from './log/logger.ts';
import { ResourceService } from './resources/resource.service.ts';
import { ResourceStore } from './resources/store.ts';
import { createRestHandler } from './rest/router.ts';
import { SettingsService } from './settings/settings.service.ts';
import { Scheduler } from './sources/scheduler.ts';
import { SystemService } from './system/system.service.ts';

/** Every use case, reachable from GraphQL and REST alike. */
export interface Services {
  system: SystemService;
  settings: SettingsService;
  resources: ResourceService;
}

export interface App {
  services: Services;
  store: ResourceStore;
  bus: EventBus;
  orm: Orm;
  /** Listens and resolves with the bound address (port 0 picks a free one). */
  start(port: number, host?: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** The composition root: builds every part and wires the events. No logic lives here. */
export async function buildApp(config: Config, log: Logger): Promise<App> {
  const paths = prepareDataDir(config.dataDir);
  const orm = await openDatabase(paths.database, log);
  const bus = new EventBus((error, event) =>
    log.error({ err: error, event }, 'event handler failed'),
  );
  const store = new ResourceStore(bus);
  const services: Services = {
    system: new SystemService(orm, config),
    settings: new SettingsService(orm),
    resources: new ResourceService(store, bus),
  };
  const auth = new Authenticator(config);
  const scheduler = new Scheduler(store, log);
  // With no real node configured yet (nodes arrive with the Proxmox sources), auto means on.
  if (config.demoMode !== 'off') scheduler.add(new DemoEstate());

  const http = createHttpServer({
    graphql: createGraphqlServer(services, auth, log, config.environment === 'development'),
    rest: createRestHandler(services, auth, log),
    dashboard: await loadDashboard(),
  });

  return {
    services,
    store,
    bus,
    orm,
    start(port, host = config.bindAddress) {
      return new Promise((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(port, host, () => {
          http.server.off('error', reject);
          resolve(http.server.address() as AddressInfo);
        });
      });
    },
    async stop() {
      await scheduler.stop();
      await http.close();
      await orm.close(true);
    },
  };
}
