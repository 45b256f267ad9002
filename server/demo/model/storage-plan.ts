import { GiB, TiB } from './plan-common.ts';
import type { StoragePlan } from './plan-types.ts';

/** Storage definitions shared by both sizes. */
export function storages(zfsNodes: string[] | null): StoragePlan[] {
  const list: StoragePlan[] = [
    {
      id: 'local',
      type: 'dir',
      content: 'iso,vztmpl,backup',
      shared: false,
      nodes: null,
      totalBytes: 100 * GiB,
      baseUsedBytes: 0,
      extra: { path: '/var/lib/vz' },
    },
    {
      id: 'local-lvm',
      type: 'lvmthin',
      content: 'images,rootdir',
      shared: false,
      nodes: null,
      totalBytes: 794 * GiB,
      baseUsedBytes: 0,
      extra: { vgname: 'pve', thinpool: 'data' },
    },
    {
      id: 'ceph-vm',
      type: 'rbd',
      content: 'images,rootdir',
      shared: true,
      nodes: null,
      totalBytes: 3.4 * TiB,
      baseUsedBytes: 120 * GiB,
      extra: { pool: 'ceph-vm', krbd: 0 },
    },
    {
      id: 'nfs-backup',
      type: 'nfs',
      content: 'backup',
      shared: true,
      nodes: null,
      totalBytes: 7.27 * TiB,
      baseUsedBytes: 2.9 * TiB,
      extra: { server: '192.168.10.50', export: '/volume1/proxmox', path: '/mnt/pve/nfs-backup' },
    },
    {
      id: 'pbs-main',
      type: 'pbs',
      content: 'backup',
      shared: true,
      nodes: null,
      totalBytes: 0,
      baseUsedBytes: 0,
      extra: { datastore: 'main', username: 'pve-backup@pbs' },
    },
  ];
  if (zfsNodes) {
    list.splice(2, 0, {
      id: 'tank',
      type: 'zfspool',
      content: 'images,rootdir',
      shared: false,
      nodes: zfsNodes,
      totalBytes: 1.76 * TiB,
      baseUsedBytes: 40 * GiB,
      extra: { pool: 'tank', sparse: 1 },
    });
  }
  return list;
}
