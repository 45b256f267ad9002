import type { MailCounts, MailQueues, Quarantine, ResourceOf } from '../../resources/model.ts';
import { builder } from '../builder.ts';
import { ResourceRef, resourceTypeNames } from './resource.ts';

builder.objectRef<ResourceOf<'pbs'>>(resourceTypeNames.pbs).implement({
  description: 'A Proxmox Backup Server',
  interfaces: [ResourceRef],
  fields: (t) => ({
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
    datastoreCount: t.int({ resolve: (r) => r.details.datastoreCount }),
  }),
});

builder.objectRef<ResourceOf<'pbsDatastore'>>(resourceTypeNames.pbsDatastore).implement({
  description: 'A datastore on a Proxmox Backup Server',
  interfaces: [ResourceRef],
  fields: (t) => ({
    deduplicationFactor: t.float({
      nullable: true,
      description: 'Logical / physical bytes after the last garbage collection',
      resolve: (r) => r.details.deduplicationFactor,
    }),
    groupCount: t.int({ nullable: true, resolve: (r) => r.details.groupCount }),
    snapshotCount: t.int({ nullable: true, resolve: (r) => r.details.snapshotCount }),
    estimatedFullAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (r) => r.details.estimatedFullAt,
    }),
    gcLastRunAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (r) => r.details.gcLastRunAt,
    }),
    gcLastRunState: t.string({ nullable: true, resolve: (r) => r.details.gcLastRunState }),
    error: t.string({ nullable: true, resolve: (r) => r.details.error }),
  }),
});

const MailCountsRef = builder.objectRef<MailCounts>('MailCounts').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    incoming: t.exposeInt('incoming'),
    outgoing: t.exposeInt('outgoing'),
    spamIncoming: t.exposeInt('spamIncoming'),
    spamOutgoing: t.exposeInt('spamOutgoing'),
    virusIncoming: t.exposeInt('virusIncoming'),
    virusOutgoing: t.exposeInt('virusOutgoing'),
    bouncesIncoming: t.exposeInt('bouncesIncoming'),
    bouncesOutgoing: t.exposeInt('bouncesOutgoing'),
    bytesIncoming: t.exposeFloat('bytesIncoming'),
    bytesOutgoing: t.exposeFloat('bytesOutgoing'),
  }),
});

const MailQueuesRef = builder.objectRef<MailQueues>('MailQueues').implement({
  fields: (t) => ({
    active: t.exposeInt('active'),
    deferred: t.exposeInt('deferred'),
    hold: t.exposeInt('hold'),
    incoming: t.exposeInt('incoming'),
    total: t.int({ resolve: (q) => q.active + q.deferred + q.hold + q.incoming }),
  }),
});

const QuarantineRef = builder.objectRef<Quarantine>('Quarantine').implement({
  fields: (t) => ({
    spamCount: t.exposeInt('spamCount'),
    spamMegabytes: t.exposeFloat('spamMegabytes'),
    virusCount: t.exposeInt('virusCount'),
    virusMegabytes: t.exposeFloat('virusMegabytes'),
  }),
});

builder.objectRef<ResourceOf<'pmg'>>(resourceTypeNames.pmg).implement({
  description: 'A Proxmox Mail Gateway',
  interfaces: [ResourceRef],
  fields: (t) => ({
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
    mail: t.field({
      type: MailCountsRef,
      nullable: true,
      description: 'Mail over the last 24 hours',
      resolve: (r) => r.details.mail,
    }),
    queues: t.field({ type: MailQueuesRef, nullable: true, resolve: (r) => r.details.queues }),
    quarantine: t.field({
      type: QuarantineRef,
      nullable: true,
      resolve: (r) => r.details.quarantine,
    }),
  }),
});
