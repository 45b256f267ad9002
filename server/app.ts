import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { systemActor } from './access/actor.ts';
import type { AgentService } from './agents/agent.service.ts';
import { buildAgents } from './agents/compose.ts';
import type { AgentLiveness } from './agents/liveness.ts';
import { AiSettingsService } from './ai/ai-settings.service.ts';
import { ChatService } from './ai/chat/chat.service.ts';
import { ConversationStore } from './ai/chat/conversations.ts';
import { CostService } from './ai/cost/cost.service.ts';
import { AlertService, type AlertServiceOptions } from './alerts/alert.service.ts';
import { AlertPersistence } from './alerts/alert-persistence.ts';
import { AuditLog } from './audit/audit-log.ts';
import { deriveAuditKey } from './audit/chain.ts';
import type { AccountService } from './auth/account.service.ts';
import { buildIdentity } from './auth/identity.ts';
import type { OidcService } from './auth/oidc/oidc.service.ts';
import type { SecurityService } from './auth/security.service.ts';
import type { SessionService } from './auth/session.service.ts';
import type { TokenService } from './auth/token.service.ts';
import type { Config } from './config/env.ts';
import { prepareDataDir } from './config/paths.ts';
import { createSecretBox, loadEncryptionKey } from './config/secrets.ts';
import { type Orm, openDatabase } from './db/orm.ts';
import { withDemoAgents } from './demo/agents/index.ts';
import { demoNodes } from './demo/demo-nodes.ts';
import { EventBus } from './events/bus.ts';
import { createGraphqlServer } from './graphql/yoga.ts';
import { GuestMetadataService } from './guests/guest-metadata.service.ts';
import { loadDashboard } from './http/dashboard.ts';
import { createHttpServer } from './http/server.ts';
import { createPulseWebSocket } from './http/ws-compat.ts';
import { LicenseService } from './license/license.service.ts';
import type { Logger } from './log/logger.ts';
import { MetricsService } from './metrics/metrics.service.ts';
import { MetricsRecorder } from './metrics/recorder.ts';
import { MetricsStore } from './metrics/store.ts';
import { tiersFor } from './metrics/tiers.ts';
import { NodeService } from './nodes/node.service.ts';
import { NotificationService } from './notifications/notification.service.ts';
import type { QueuePolicy } from './notifications/queue/policy.ts';
import { FindingStore } from './patrol/finding-store.ts';
import { FindingsService } from './patrol/findings.service.ts';
import { gatherPatrolInputs, historyFromService } from './patrol/inputs.ts';
import { ModelPass } from './patrol/llm/llm-pass.ts';
import { PatrolService } from './patrol/patrol.service.ts';
import { RecordService } from './resources/record.service.ts';
import { RecordStore } from './resources/records.ts';
import { ResourceService } from './resources/resource.service.ts';
import { ResourceStore } from './resources/store.ts';
import { createRestHandler } from './rest/router.ts';
import { SettingsService } from './settings/settings.service.ts';
import { ProxmoxConnectionTester } from './sources/proxmox/connection-tester.ts';
import { createProxmoxSource } from './sources/proxmox/source.ts';
import { Scheduler, type SchedulerPolicy } from './sources/scheduler.ts';
import { SourceManager } from './sources/source-manager.ts';
import { SourcesService } from './sources/sources.service.ts';
import { SystemService } from './system/system.service.ts';

/** Every use case, reachable from GraphQL and REST alike. */
export interface Services {
  metrics: MetricsService;
  system: SystemService;
  settings: SettingsService;
  resources: ResourceService;
  records: RecordService;
  nodes: NodeService;
  sources: SourcesService;
  notifications: NotificationService;
  alerts: AlertService;
  audit: AuditLog;
  accounts: AccountService;
  sessions: SessionService;
  tokens: TokenService;
  security: SecurityService;
  oidc: OidcService;
  ai: AiSettingsService;
  cost: CostService;
  guestMetadata: GuestMetadataService;
  chat: ChatService;
  license: LicenseService;
  findings: FindingsService;
  patrol: PatrolService;
  agents: AgentService;
}

export interface App {
  services: Services;
  store: ResourceStore;
  records: RecordStore;
  bus: EventBus;
  orm: Orm;
  sourceManager: SourceManager;
  scheduler: Scheduler;
  metricsRecorder: MetricsRecorder;
  /** Marks agents that stopped reporting; `sweep(now)` lets tests move its clock. */
  agentLiveness: AgentLiveness;
  /** Listens and resolves with the bound address (port 0 picks a free one). */
  start(port: number, host?: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** The composition root: builds every part and wires the events. No logic lives here. */
export async function buildApp(
  config: Config,
  log: Logger,
  options: {
    schedulerPolicy?: Partial<SchedulerPolicy>;
    notificationPolicy?: Partial<QueuePolicy>;
    alertOptions?: AlertServiceOptions;
  } = {},
): Promise<App> {
  const paths = prepareDataDir(config.dataDir);
  const masterKey = loadEncryptionKey(config.encryptionKey, paths.dir);
  const box = createSecretBox(masterKey);
  const orm = await openDatabase(paths.database, log);
  const audit = new AuditLog(orm, deriveAuditKey(masterKey));
  const bus = new EventBus((error, event) =>
    log.error({ err: error, event }, 'event handler failed'),
  );
  const store = new ResourceStore(bus);
  const records = new RecordStore(bus);
  const scheduler = new Scheduler(store, records, log, options.schedulerPolicy);
  const metricsStore = new MetricsStore(
    join(paths.dir, 'metrics.db'),
    tiersFor(config.metricsRetention),
  );
  const metricsRecorder = new MetricsRecorder(metricsStore, bus, log);
  const notifications = new NotificationService(orm, box, log, options.notificationPolicy);
  const alerts = new AlertService({
    persistence: new AlertPersistence(orm),
    bus,
    resources: store,
    records,
    notifier: notifications,
    log,
    ...(options.alertOptions && { options: options.alertOptions }),
  });
  const identity = await buildIdentity({
    config,
    dataDir: paths.dir,
    orm,
    box,
    bus,
    audit,
    log,
    demoRunning: () => sourceManager.demoRunning,
  });
  const ai = new AiSettingsService(orm, box, audit);
  const cost = new CostService(orm, ai, audit);
  const resources = new ResourceService(store, bus);
  const recordService = new RecordService(records, bus);
  const metrics = new MetricsService(metricsStore, bus);
  const license = new LicenseService(() => sourceManager.demoRunning);
  const guestMetadata = new GuestMetadataService(orm, (id) => store.get(id));
  const { service: agents, liveness: agentLiveness } = buildAgents({
    store,
    orm,
    audit,
    tokenName: (id) => identity.tokens.nameOf(id),
  });
  const findingStore = new FindingStore(orm);
  const findings = new FindingsService(findingStore, license);
  const services: Services = {
    metrics,
    system: new SystemService(orm, config),
    settings: new SettingsService(orm, audit),
    resources,
    records: recordService,
    nodes: new NodeService(orm, box, bus, new ProxmoxConnectionTester(), audit),
    sources: new SourcesService(scheduler, () => sourceManager.demoRunning),
    notifications,
    alerts,
    audit,
    accounts: identity.accounts,
    sessions: identity.sessions,
    tokens: identity.tokens,
    security: identity.security,
    oidc: identity.oidc,
    ai,
    cost,
    chat: new ChatService({
      ai,
      cost,
      conversations: new ConversationStore(orm),
      tools: { resources, records: recordService, metrics, alerts, findings },
    }),
    license,
    guestMetadata,
    findings,
    patrol: new PatrolService({
      store: findingStore,
      findings,
      license,
      bus,
      log,
      gather: () =>
        gatherPatrolInputs({
          resources: store,
          records,
          history: historyFromService(metrics, systemActor),
        }),
      intervalMinutes: async () => (await ai.fields()).patrolIntervalMinutes,
      llmPass: new ModelPass({
        ai,
        cost,
        notes: () => guestMetadata.notesByGuest(),
        findingNotes: () => findingStore.notes(),
        earlierModelFindings: async () =>
          (await findingStore.openModelFindings()).map(({ id, resourceId, title }) => ({
            id,
            resourceId,
            title,
          })),
        log,
      }),
      budgetLeft: () => cost.budgetLeft(),
    }),
    agents,
  };
  const auth = identity.authenticator;
  const sourceManager = new SourceManager({
    nodes: services.nodes,
    scheduler,
    bus,
    factory: (node) => createProxmoxSource(node, config, log, services.nodes),
    demo: withDemoAgents(demoNodes(log, config.demoSize), agents, log),
    demoMode: config.demoMode,
    log,
  });
  await sourceManager.sync();

  const http = createHttpServer({
    graphql: createGraphqlServer(services, auth, log, config.environment === 'development'),
    auth,
    bus,
    publicUrl: config.publicUrl,
    pulseWs: createPulseWebSocket({ services, auth, bus, log }),
    rest: createRestHandler(services, auth, log, config.publicUrl),
    dashboard: await loadDashboard(),
  });

  return {
    services,
    store,
    records,
    bus,
    orm,
    sourceManager,
    scheduler,
    metricsRecorder,
    agentLiveness,
    async start(port, host = config.bindAddress) {
      agentLiveness.start();
      await services.notifications.start();
      await services.alerts.start();
      await services.patrol.start();
      return new Promise((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(port, host, () => {
          http.server.off('error', reject);
          resolve(http.server.address() as AddressInfo);
        });
      });
    },
    async stop() {
      await sourceManager.stop();
      agentLiveness.stop();
      await scheduler.stop();
      await metricsRecorder.stop();
      await http.close();
      await services.patrol.stop();
      await services.alerts.stop();
      await services.notifications.stop();
      await orm.close(true);
    },
  };
}
