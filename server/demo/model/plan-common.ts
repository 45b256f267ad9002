import { keyOf, unit } from './noise.ts';
import type { DiskPlan, GuestPlan, NodePlan, OsPlan, ZfsPoolPlan } from './plan-types.ts';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

export const PVE_VERSION = '9.0.10';
export const PVE_REPOID = 'deb1ca707ec72a89';
export const PVE_KERNEL = '6.14.11-2-pve';

function os(
  id: string,
  name: string,
  versionId: string,
  version: string,
  kernelRelease: string,
  ostype: string,
): OsPlan {
  const windows = id === 'mswindows';
  return {
    id,
    name,
    prettyName: windows ? name : `${name} ${version}`,
    version,
    versionId,
    kernelRelease,
    kernelVersion: windows ? '2009' : '#1 SMP PREEMPT_DYNAMIC',
    ostype,
    windows,
  };
}

/** Guest operating systems as the guest agent's get-osinfo reports them. */
export const OS = {
  debian13: os('debian', 'Debian GNU/Linux', '13', '13 (trixie)', '6.12.41+deb13-amd64', 'l26'),
  debian12: os('debian', 'Debian GNU/Linux', '12', '12 (bookworm)', '6.1.0-37-amd64', 'l26'),
  ubuntu2404: os(
    'ubuntu',
    'Ubuntu',
    '24.04',
    '24.04.3 LTS (Noble Numbat)',
    '6.8.0-79-generic',
    'l26',
  ),
  rocky10: os('rocky', 'Rocky Linux', '10.0', '10.0 (Red Quartz)', '6.12.0-55.el10.x86_64', 'l26'),
  haos: os('haos', 'Home Assistant OS', '16.1', '16.1', '6.12.34-haos', 'l26'),
  windows11: os('mswindows', 'Microsoft Windows 11 Pro', '11', '2009', '26100', 'win11'),
  alpine: os('alpine', 'Alpine Linux', '3.22.1', 'v3.22', '6.14.11-2-pve', 'alpine'),
} as const;

/** Containers share the host kernel, so their OS kernel is the node's. */
export function containerOs(base: OsPlan): OsPlan {
  const ostype = base.id === 'alpine' ? 'alpine' : base.id;
  return { ...base, kernelRelease: PVE_KERNEL, ostype };
}

interface NodeSpec {
  name: string;
  nodeid: number;
  cores: number;
  memGiB: number;
  cpuModel: string;
  osds: number;
  zfs: boolean;
  pveVersion?: string;
}

export function buildNode(seed: number, spec: NodeSpec, uptimeAtStartSec: number): NodePlan {
  const key = keyOf(seed, 'node', spec.name);
  const disks = nodeDisks(key, spec);
  const zfsPools: ZfsPoolPlan[] = spec.zfs
    ? [
        {
          name: 'tank',
          sizeBytes: Math.round(1.81 * TiB),
          allocFraction: 0.32 + 0.2 * unit(key, 11),
          fragPercent: Math.round(3 + 12 * unit(key, 12)),
          devices: disks.filter((d) => d.used === 'ZFS').map((d) => d.devpath.replace('/dev/', '')),
        },
      ]
    : [];
  const rootBytes = 100 * GiB;
  return {
    name: spec.name,
    nodeid: spec.nodeid,
    key,
    cores: spec.cores,
    sockets: spec.cores > 32 ? 2 : 1,
    cpuModel: spec.cpuModel,
    mhz: (2800 + Math.round(800 * unit(key, 1))).toFixed(3),
    memBytes: spec.memGiB * GiB,
    swapBytes: 8 * GiB,
    rootBytes,
    rootUsedBytes: Math.round(rootBytes * (0.09 + 0.12 * unit(key, 2))),
    baseCpu: 0.01 + 0.02 * unit(key, 3),
    uptimeAtStartSec,
    pveVersion: spec.pveVersion ?? PVE_VERSION,
    kernel: PVE_KERNEL,
    lanIp: `192.168.10.${10 + spec.nodeid}`,
    osds: spec.osds,
    disks,
    zfsPools,
  };
}

function serialOf(key: number, n: number, prefix: string): string {
  return `${prefix}${(Math.floor(unit(key, 100 + n) * 1e10) + 1e10).toString(36).toUpperCase()}`;
}

function nodeDisks(key: number, spec: NodeSpec): DiskPlan[] {
  const disks: DiskPlan[] = [
    {
      devpath: '/dev/nvme0n1',
      model: 'Samsung SSD 980 PRO 1TB',
      serial: serialOf(key, 0, 'S5GXNF0R'),
      vendor: 'unknown',
      wwn: `eui.002538b${Math.floor(unit(key, 20) * 1e9)}`,
      sizeBytes: 1_000_204_886_016,
      type: 'nvme',
      rpm: 0,
      health: 'PASSED',
      wearout: 97 - Math.round(10 * unit(key, 21)),
      used: 'LVM',
      osdid: -1,
      powerOnHours: 9000 + Math.round(9000 * unit(key, 22)),
      reallocatedSectors: 0,
    },
  ];
  for (let i = 0; i < spec.osds; i++) {
    const letter = String.fromCharCode(97 + i);
    disks.push({
      devpath: `/dev/sd${letter}`,
      model: 'INTEL SSDSC2KB019T8',
      serial: serialOf(key, i + 1, 'PHYF'),
      vendor: 'ATA',
      wwn: `0x55cd2e41${Math.floor(unit(key, 30 + i) * 1e7)}`,
      sizeBytes: 1_920_383_410_176,
      type: 'ssd',
      rpm: 0,
      health: 'PASSED',
      wearout: 92 - Math.round(20 * unit(key, 40 + i)),
      used: 'LVM',
      osdid: (spec.nodeid - 1) * 10 + i,
      powerOnHours: 14000 + Math.round(8000 * unit(key, 50 + i)),
      reallocatedSectors: 0,
    });
  }
  if (spec.zfs) {
    for (let i = 0; i < 2; i++) {
      const letter = String.fromCharCode(97 + spec.osds + i);
      disks.push({
        devpath: `/dev/sd${letter}`,
        model: 'WDC WD20EFZX-68AWUN0',
        serial: serialOf(key, 10 + i, 'WD-WX'),
        vendor: 'ATA',
        wwn: `0x50014ee2${Math.floor(unit(key, 60 + i) * 1e7)}`,
        sizeBytes: 2_000_398_934_016,
        type: 'hdd',
        rpm: 5400,
        health: 'PASSED',
        wearout: 'N/A',
        used: 'ZFS',
        osdid: -1,
        powerOnHours: 21000 + Math.round(9000 * unit(key, 70 + i)),
        reallocatedSectors: 0,
      });
    }
  }
  return disks;
}

export function macOf(key: number): string {
  const bytes = [0xbc, 0x24, 0x11];
  for (let i = 0; i < 3; i++) bytes.push(Math.floor(unit(key, 200 + i) * 256));
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

export type GuestSpec = Pick<GuestPlan, 'vmid' | 'type' | 'name' | 'node' | 'cores' | 'os'> &
  Partial<Omit<GuestPlan, 'key' | 'mac'>> & { memGiB: number; diskGiB: number };

/** Fill in the behavioural defaults of a guest from its key. */
export function buildGuest(seed: number, spec: GuestSpec, ipIndex: number): GuestPlan {
  const key = keyOf(seed, 'guest', spec.vmid);
  const day = 86_400;
  const restartPeriodSec = Math.round((9 + 40 * unit(key, 1)) * day);
  return {
    vmid: spec.vmid,
    type: spec.type,
    name: spec.name,
    node: spec.node,
    key,
    cores: spec.cores,
    memBytes: Math.round(spec.memGiB * GiB),
    diskBytes: Math.round(spec.diskGiB * GiB),
    diskStorage: spec.diskStorage ?? (spec.type === 'qemu' ? 'ceph-vm' : 'local-lvm'),
    diskFill: spec.diskFill ?? 0.25 + 0.5 * unit(key, 2),
    template: spec.template ?? false,
    running: spec.running ?? !spec.template,
    tags: spec.tags ?? [],
    pool: spec.pool ?? null,
    ha: spec.ha ?? false,
    os: spec.os,
    agent: spec.agent ?? (spec.type === 'qemu' ? 'ok' : 'none'),
    cpuBase: spec.cpuBase ?? 0.02 + 0.15 * unit(key, 3),
    memBase: spec.memBase ?? 0.35 + 0.35 * unit(key, 4),
    netRate: spec.netRate ?? 2_000 + 60_000 * unit(key, 5) ** 2,
    diskRate: spec.diskRate ?? 5_000 + 150_000 * unit(key, 6) ** 2,
    restartPeriodSec,
    restartPhaseSec: Math.round(restartPeriodSec * unit(key, 7)),
    backup: spec.backup ?? 'ok',
    protectSundays: spec.protectSundays ?? false,
    verifyFails: spec.verifyFails ?? false,
    snapshots: spec.snapshots ?? [],
    mac: macOf(key),
    ip: `192.168.${20 + Math.floor(ipIndex / 250)}.${10 + (ipIndex % 250)}`,
  };
}
