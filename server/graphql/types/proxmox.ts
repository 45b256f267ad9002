import type { GuestDetails, ResourceOf } from '../../resources/model.ts';
import { builder } from '../builder.ts';
import { ResourceRef, resourceTypeNames, UsageRef } from './resource.ts';

builder.objectRef<ResourceOf<'node'>>(resourceTypeNames.node).implement({
  description: 'A Proxmox VE node',
  interfaces: [ResourceRef],
  fields: (t) => ({
    cluster: t.string({ nullable: true, resolve: (r) => r.details.cluster }),
    cpuCount: t.int({ nullable: true, resolve: (r) => r.details.cpuCount }),
    loadAverage: t.floatList({ resolve: (r) => r.details.loadAverage }),
    kernelVersion: t.string({ nullable: true, resolve: (r) => r.details.kernelVersion }),
    pveVersion: t.string({ nullable: true, resolve: (r) => r.details.pveVersion }),
    swap: t.field({ type: UsageRef, nullable: true, resolve: (r) => r.details.swap }),
  }),
});

/** VMs and containers share their guest fields. */
function guestType(type: 'vm' | 'container', description: string) {
  builder.objectRef<ResourceOf<typeof type>>(resourceTypeNames[type]).implement({
    description,
    interfaces: [ResourceRef],
    fields: (t) => {
      const detail =
        <K extends keyof GuestDetails>(key: K) =>
        (r: { details: GuestDetails }) =>
          r.details[key];
      return {
        vmid: t.int({ resolve: detail('vmid') }),
        node: t.string({ resolve: detail('node') }),
        cpuCount: t.int({ nullable: true, resolve: detail('cpuCount') }),
        template: t.boolean({ resolve: detail('template') }),
        lock: t.string({ nullable: true, resolve: detail('lock') }),
        osName: t.string({ nullable: true, resolve: detail('osName') }),
      };
    },
  });
}
guestType('vm', 'A QEMU virtual machine on Proxmox VE');
guestType('container', 'An LXC container on Proxmox VE');

builder.objectRef<ResourceOf<'storage'>>(resourceTypeNames.storage).implement({
  description: 'A Proxmox VE storage, per node or shared',
  interfaces: [ResourceRef],
  fields: (t) => ({
    node: t.string({ nullable: true, resolve: (r) => r.details.node }),
    storageType: t.string({ resolve: (r) => r.details.storageType }),
    content: t.stringList({ resolve: (r) => r.details.content }),
    shared: t.boolean({ resolve: (r) => r.details.shared }),
    enabled: t.boolean({ resolve: (r) => r.details.enabled }),
    active: t.boolean({ resolve: (r) => r.details.active }),
  }),
});

builder.objectRef<ResourceOf<'pbs'>>(resourceTypeNames.pbs).implement({
  description: 'A Proxmox Backup Server',
  interfaces: [ResourceRef],
  fields: (t) => ({
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
  }),
});

builder.objectRef<ResourceOf<'pbsDatastore'>>(resourceTypeNames.pbsDatastore).implement({
  description: 'A datastore on a Proxmox Backup Server',
  interfaces: [ResourceRef],
  fields: (t) => ({
    deduplicationFactor: t.float({
      nullable: true,
      resolve: (r) => r.details.deduplicationFactor,
    }),
  }),
});

builder.objectRef<ResourceOf<'pmg'>>(resourceTypeNames.pmg).implement({
  description: 'A Proxmox Mail Gateway',
  interfaces: [ResourceRef],
  fields: (t) => ({
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
    mailCount: t.int({ nullable: true, resolve: (r) => r.details.mailCount }),
    spamCount: t.int({ nullable: true, resolve: (r) => r.details.spamCount }),
    virusCount: t.int({ nullable: true, resolve: (r) => r.details.virusCount }),
    queueLength: t.int({ nullable: true, resolve: (r) => r.details.queueLength }),
  }),
});
