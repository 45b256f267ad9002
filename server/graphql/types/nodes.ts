import type { ClusterInfo, MonitorOptions } from '../../nodes/node.entity.ts';
import type { ConnectionTestResult, NodeView } from '../../nodes/node.service.ts';
import type { NodeType } from '../../nodes/node-input.ts';
import type { SourceHealth } from '../../sources/source.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const NodeTypeEnum = builder.enumType('NodeType', {
  values: { PVE: { value: 'pve' }, PBS: { value: 'pbs' }, PMG: { value: 'pmg' } } as const,
});

const MonitorOptionsRef = builder.objectRef<MonitorOptions>('MonitorOptions').implement({
  fields: (t) => ({
    vms: t.exposeBoolean('vms'),
    containers: t.exposeBoolean('containers'),
    storage: t.exposeBoolean('storage'),
    backups: t.exposeBoolean('backups'),
    physicalDisks: t.exposeBoolean('physicalDisks'),
  }),
});

type Endpoint = ClusterInfo['endpoints'][number];
const ClusterEndpointRef = builder.objectRef<Endpoint>('ClusterEndpoint').implement({
  fields: (t) => ({
    node: t.exposeString('node'),
    host: t.exposeString('host'),
    fingerprint: t.exposeString('fingerprint', { nullable: true }),
    online: t.exposeBoolean('online'),
  }),
});

const ClusterInfoRef = builder.objectRef<ClusterInfo>('ClusterInfo').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    endpoints: t.field({ type: [ClusterEndpointRef], resolve: (c) => c.endpoints }),
  }),
});

export const SourceHealthRef = builder.objectRef<SourceHealth>('SourceHealth').implement({
  description: 'How polling of one source (a configured node or the demo estate) is going',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    intervalMs: t.exposeInt('intervalMs'),
    lastSuccessAt: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.lastSuccessAt }),
    lastErrorAt: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.lastErrorAt }),
    lastError: t.exposeString('lastError', { nullable: true }),
    consecutiveFailures: t.exposeInt('consecutiveFailures'),
    nextPollAt: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.nextPollAt }),
    lastPollDurationMs: t.exposeInt('lastPollDurationMs', { nullable: true }),
    breaker: t.exposeString('breaker', { description: 'closed, open or half-open' }),
    deadLetters: t.exposeInt('deadLetters'),
    stale: t.exposeBoolean('stale'),
  }),
});

const NodeConnectionRef = builder.objectRef<NodeView>('NodeConnection').implement({
  description: 'A configured Proxmox VE, Backup Server or Mail Gateway connection (no secrets)',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: NodeTypeEnum, resolve: (n) => n.type }),
    name: t.exposeString('name'),
    host: t.exposeString('host'),
    authKind: t.exposeString('authKind', { description: 'token or password' }),
    username: t.exposeString('username', { nullable: true }),
    tokenId: t.exposeString('tokenId', { nullable: true }),
    verifySsl: t.exposeBoolean('verifySsl'),
    fingerprint: t.exposeString('fingerprint', { nullable: true }),
    monitor: t.expose('monitor', { type: MonitorOptionsRef }),
    pollIntervalSeconds: t.exposeInt('pollIntervalSeconds', { nullable: true }),
    enabled: t.exposeBoolean('enabled'),
    cluster: t.expose('cluster', { type: ClusterInfoRef, nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (n) => n.updatedAt }),
    health: t.field({
      type: SourceHealthRef,
      nullable: true,
      resolve: (n, _args, { actor, services }) => services.sources.healthOf(actor, n.id),
    }),
  }),
});

const MonitorOptionsInput = builder.inputType('MonitorOptionsInput', {
  fields: (t) => ({
    vms: t.boolean(),
    containers: t.boolean(),
    storage: t.boolean(),
    backups: t.boolean(),
    physicalDisks: t.boolean(),
  }),
});

const NodeConnectionInput = builder.inputType('NodeConnectionInput', {
  fields: (t) => ({
    id: t.id({ required: false, description: 'For testing a saved node with unsent secrets' }),
    type: t.field({ type: NodeTypeEnum, required: false }),
    name: t.string({ required: false }),
    host: t.string({ required: false, description: 'host, host:port or https://host:port' }),
    username: t.string({ required: false, description: 'user@realm, for password login' }),
    password: t.string({ required: false }),
    tokenId: t.string({ required: false, description: 'user@realm!tokenname' }),
    tokenValue: t.string({ required: false }),
    fingerprint: t.string({ required: false, description: 'SHA-256 certificate pin' }),
    verifySsl: t.boolean({ required: false }),
    monitor: t.field({ type: MonitorOptionsInput, required: false }),
    pollIntervalSeconds: t.int({ required: false }),
    enabled: t.boolean({ required: false }),
  }),
});

type InputShape = typeof NodeConnectionInput.$inferInput;

/** GraphQL nulls mean "not given"; the service distinguishes given from absent. */
function toPatch(input: InputShape) {
  const entries = Object.entries(input).filter(
    ([, value]) => value !== null && value !== undefined,
  );
  return Object.fromEntries(entries) as {
    type?: NodeType;
    name?: string;
    host?: string;
    username?: string;
    password?: string;
    tokenId?: string;
    tokenValue?: string;
    fingerprint?: string;
    verifySsl?: boolean;
    monitor?: Partial<MonitorOptions>;
    pollIntervalSeconds?: number;
    enabled?: boolean;
  };
}

const TestResultRef = builder.objectRef<ConnectionTestResult>('ConnectionTestResult').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    message: t.exposeString('message'),
    version: t.string({ nullable: true, resolve: (r) => (r.ok ? r.version : null) }),
    clusterName: t.string({ nullable: true, resolve: (r) => (r.ok ? r.clusterName : null) }),
    nodeNames: t.stringList({ resolve: (r) => (r.ok ? r.nodeNames : []) }),
    errorKind: t.string({ nullable: true, resolve: (r) => (r.ok ? null : r.kind) }),
    missingPrivilege: t.string({ nullable: true, resolve: (r) => (r.ok ? null : r.privilege) }),
  }),
});

builder.queryFields((t) => ({
  nodeConnections: t.field({
    type: [NodeConnectionRef],
    resolve: (_root, _args, { actor, services }) => services.nodes.list(actor),
  }),
  nodeConnection: t.field({
    type: NodeConnectionRef,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: mutationErrors.types },
    resolve: (_root, { id }, { actor, services }) => services.nodes.get(actor, String(id)),
  }),
  nodeCertificateFingerprint: t.field({
    type: 'String',
    description: 'The SHA-256 fingerprint of the certificate a host presents, to pin it',
    errors: mutationErrors,
    args: {
      type: t.arg({ type: NodeTypeEnum, required: true }),
      host: t.arg.string({ required: true }),
    },
    resolve: (_root, { type, host }, { actor, services }) =>
      services.nodes.certificateFingerprint(actor, type, host),
  }),
  demoActive: t.boolean({
    description: 'True while the built-in demo estate runs (no real node configured yet)',
    resolve: (_root, _args, { actor, services }) => services.sources.demoActive(actor),
  }),
  schedulerHealth: t.field({
    type: [SourceHealthRef],
    resolve: (_root, _args, { actor, services }) => services.sources.health(actor),
  }),
}));

builder.mutationFields((t) => ({
  addNode: t.field({
    type: NodeConnectionRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: NodeConnectionInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) => {
      const patch = toPatch(input);
      return services.nodes.add(actor, {
        ...patch,
        type: patch.type ?? 'pve',
        name: patch.name ?? '',
        host: patch.host ?? '',
      });
    },
  }),
  updateNode: t.field({
    type: NodeConnectionRef,
    errors: mutationErrors,
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: NodeConnectionInput, required: true }),
    },
    resolve: (_root, { id, input }, { actor, services }) =>
      services.nodes.update(actor, String(id), toPatch(input)),
  }),
  removeNode: t.field({
    type: 'ID',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { actor, services }) => {
      await services.nodes.remove(actor, String(id));
      return String(id);
    },
  }),
  testNodeConnection: t.field({
    type: TestResultRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: NodeConnectionInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.nodes.test(actor, {
        ...toPatch(input),
        id: input.id == null ? null : String(input.id),
      }),
  }),
}));
