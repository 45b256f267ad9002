import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  RecordsChange,
  ReplicationRecord,
  TaskRecord,
} from '../../resources/records.ts';
import { builder } from '../builder.ts';

const BackupRef = builder.objectRef<BackupRecord>('Backup').implement({
  description: 'A vzdump archive on PVE storage or a snapshot in a PBS datastore',
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    origin: t.exposeString('origin', { description: 'pve or pbs' }),
    guestId: t.exposeID('guestId', { nullable: true }),
    vmid: t.exposeInt('vmid', { nullable: true }),
    guestType: t.exposeString('guestType', { description: 'vm, ct or host' }),
    node: t.exposeString('node', { nullable: true }),
    storage: t.exposeString('storage'),
    volid: t.exposeString('volid'),
    createdAt: t.field({ type: 'DateTime', resolve: (b) => b.createdAt }),
    sizeBytes: t.exposeFloat('sizeBytes', { nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    protected: t.exposeBoolean('protected'),
    encrypted: t.exposeBoolean('encrypted'),
    verification: t.exposeString('verification', { nullable: true, description: 'ok or failed' }),
    format: t.exposeString('format', { nullable: true }),
    owner: t.exposeString('owner', { nullable: true }),
  }),
});

const GuestSnapshotRef = builder.objectRef<GuestSnapshotRecord>('GuestSnapshot').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    guestId: t.exposeID('guestId'),
    vmid: t.exposeInt('vmid'),
    node: t.exposeString('node'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.createdAt }),
    includesRam: t.exposeBoolean('includesRam'),
    parent: t.exposeString('parent', { nullable: true }),
  }),
});

const TaskRef = builder.objectRef<TaskRecord>('Task').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    node: t.exposeString('node'),
    type: t.exposeString('type'),
    target: t.exposeString('target', { nullable: true }),
    user: t.exposeString('user'),
    startedAt: t.field({ type: 'DateTime', resolve: (task) => task.startedAt }),
    endedAt: t.field({ type: 'DateTime', nullable: true, resolve: (task) => task.endedAt }),
    status: t.exposeString('status', { description: 'running, ok, warning, error or unknown' }),
    message: t.exposeString('message', { nullable: true }),
  }),
});

const JobRef = builder.objectRef<JobRecord>('Job').implement({
  description: 'A backup (vzdump) job, or a PBS sync, verify, prune or garbage-collection job',
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    kind: t.exposeString('kind'),
    enabled: t.exposeBoolean('enabled'),
    schedule: t.exposeString('schedule', { nullable: true }),
    storage: t.exposeString('storage', { nullable: true }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.lastRunAt }),
    lastRunState: t.exposeString('lastRunState', { nullable: true }),
    lastRunMessage: t.exposeString('lastRunMessage', { nullable: true }),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.nextRunAt }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

const ReplicationRef = builder.objectRef<ReplicationRecord>('ReplicationJob').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    vmid: t.exposeInt('vmid'),
    sourceNode: t.exposeString('sourceNode'),
    targetNode: t.exposeString('targetNode'),
    schedule: t.exposeString('schedule', { nullable: true }),
    lastSyncAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.lastSyncAt }),
    nextSyncAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.nextSyncAt }),
    durationSeconds: t.exposeFloat('durationSeconds', { nullable: true }),
    failCount: t.exposeInt('failCount'),
    error: t.exposeString('error', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  backups: t.field({
    type: [BackupRef],
    args: {
      origin: t.arg.string({ required: false, description: 'pve or pbs' }),
      guestId: t.arg.id({ required: false }),
      vmid: t.arg.int({ required: false }),
    },
    resolve: (_root, args, { actor, services }) =>
      services.records.backups(actor, {
        origin: args.origin === 'pve' || args.origin === 'pbs' ? args.origin : null,
        guestId: args.guestId == null ? null : String(args.guestId),
        vmid: args.vmid ?? null,
      }),
  }),
  guestSnapshots: t.field({
    type: [GuestSnapshotRef],
    args: { guestId: t.arg.id({ required: false }) },
    resolve: (_root, { guestId }, { actor, services }) =>
      services.records.snapshots(actor, guestId == null ? null : String(guestId)),
  }),
  tasks: t.field({
    type: [TaskRef],
    args: { failedOnly: t.arg.boolean({ required: false }) },
    resolve: (_root, { failedOnly }, { actor, services }) =>
      services.records.tasks(actor, { failedOnly: failedOnly ?? false }),
  }),
  jobs: t.field({
    type: [JobRef],
    resolve: (_root, _args, { actor, services }) => services.records.jobs(actor),
  }),
  replicationJobs: t.field({
    type: [ReplicationRef],
    resolve: (_root, _args, { actor, services }) => services.records.replication(actor),
  }),
}));

const RecordsChangeRef = builder.objectRef<RecordsChange>('RecordsChange').implement({
  description: 'Which record lists of a source changed; refetch those',
  fields: (t) => ({
    source: t.exposeString('source'),
    kinds: t.exposeStringList('kinds', {
      description: 'backups, snapshots, tasks, jobs or replication',
    }),
  }),
});

builder.subscriptionField('recordsChanged', (t) =>
  t.field({
    type: RecordsChangeRef,
    description: 'Fires when a poll changed backups, snapshots, tasks, jobs or replication',
    subscribe: (_root, _args, { actor, services }) => services.records.changes(actor),
    resolve: (change) => change,
  }),
);
