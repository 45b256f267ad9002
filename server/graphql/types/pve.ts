import type { GuestDetails, ResourceOf } from '../../resources/model.ts';
import { builder } from '../builder.ts';
import { ResourceRef, resourceTypeNames, UsageRef } from './resource.ts';

builder.objectRef<ResourceOf<'node'>>(resourceTypeNames.node).implement({
  description: 'A Proxmox VE node',
  interfaces: [ResourceRef],
  fields: (t) => ({
    cluster: t.string({ nullable: true, resolve: (r) => r.details.cluster }),
    cpuCount: t.float({ nullable: true, resolve: (r) => r.details.cpuCount }),
    cpuModel: t.string({ nullable: true, resolve: (r) => r.details.cpuModel }),
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
        cpuCount: t.float({ nullable: true, resolve: detail('cpuCount') }),
        template: t.boolean({ resolve: detail('template') }),
        lock: t.string({ nullable: true, resolve: detail('lock') }),
        osName: t.string({ nullable: true, resolve: detail('osName') }),
        osVersion: t.string({ nullable: true, resolve: detail('osVersion') }),
        haState: t.string({ nullable: true, resolve: detail('haState') }),
        balloonBytes: t.float({ nullable: true, resolve: detail('balloonBytes') }),
        agent: t.string({
          nullable: true,
          description: 'QEMU guest agent: running, not-running or not-configured',
          resolve: detail('agent'),
        }),
        diskSource: t.string({
          nullable: true,
          description: 'agent when disk usage comes from inside the guest, host otherwise',
          resolve: detail('diskSource'),
        }),
        ipAddresses: t.stringList({ resolve: detail('ipAddresses') }),
        pool: t.string({ nullable: true, resolve: detail('pool') }),
        lastBackupAt: t.field({
          type: 'DateTime',
          nullable: true,
          resolve: (r) => r.details.lastBackupAt,
        }),
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

builder.objectRef<ResourceOf<'physicalDisk'>>(resourceTypeNames.physicalDisk).implement({
  description: 'A physical disk in a Proxmox VE node, with its SMART health',
  interfaces: [ResourceRef],
  fields: (t) => ({
    node: t.string({ resolve: (r) => r.details.node }),
    devPath: t.string({ resolve: (r) => r.details.devPath }),
    model: t.string({ nullable: true, resolve: (r) => r.details.model }),
    serial: t.string({ nullable: true, resolve: (r) => r.details.serial }),
    diskType: t.string({ nullable: true, resolve: (r) => r.details.diskType }),
    sizeBytes: t.float({ nullable: true, resolve: (r) => r.details.sizeBytes }),
    smartHealth: t.string({
      nullable: true,
      description: 'SMART overall health: PASSED, OK, FAILED or UNKNOWN',
      resolve: (r) => r.details.health,
    }),
    wearoutPercent: t.float({
      nullable: true,
      description: 'Life remaining for flash, 100 = new',
      resolve: (r) => r.details.wearoutPercent,
    }),
    usedBy: t.string({ nullable: true, resolve: (r) => r.details.usedBy }),
  }),
});

builder.objectRef<ResourceOf<'ceph'>>(resourceTypeNames.ceph).implement({
  description: 'The Ceph cluster of a Proxmox VE cluster',
  interfaces: [ResourceRef],
  fields: (t) => ({
    health: t.string({ resolve: (r) => r.details.health }),
    healthMessages: t.stringList({ resolve: (r) => r.details.healthMessages }),
    monitorCount: t.int({ nullable: true, resolve: (r) => r.details.monitorCount }),
    osdCount: t.int({ nullable: true, resolve: (r) => r.details.osdCount }),
    osdsUp: t.int({ nullable: true, resolve: (r) => r.details.osdsUp }),
    osdsIn: t.int({ nullable: true, resolve: (r) => r.details.osdsIn }),
    placementGroupCount: t.int({ nullable: true, resolve: (r) => r.details.placementGroupCount }),
  }),
});
