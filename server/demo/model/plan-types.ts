/**
 * The static shape of the demo estate: what exists and how it behaves. Live readings are
 * derived from this plan and the clock by live.ts, backups.ts and friends.
 */

export type GuestType = 'qemu' | 'lxc';

export interface DiskPlan {
  devpath: string;
  model: string;
  serial: string;
  vendor: string;
  wwn: string;
  sizeBytes: number;
  type: 'hdd' | 'ssd' | 'nvme';
  rpm: number;
  health: 'PASSED' | 'FAILED' | 'OK';
  /** Percent of rated life remaining (100 = new); 'N/A' for spinning disks. */
  wearout: number | 'N/A';
  used: string;
  osdid: number;
  powerOnHours: number;
  reallocatedSectors: number;
}

export interface ZfsPoolPlan {
  name: string;
  sizeBytes: number;
  allocFraction: number;
  fragPercent: number;
  devices: string[];
}

export interface NodePlan {
  name: string;
  nodeid: number;
  key: number;
  cores: number;
  sockets: number;
  cpuModel: string;
  mhz: string;
  memBytes: number;
  swapBytes: number;
  rootBytes: number;
  rootUsedBytes: number;
  /** Host overhead CPU share when idle. */
  baseCpu: number;
  /** Uptime when the estate starts; the node booted this long before `startAt`. */
  uptimeAtStartSec: number;
  pveVersion: string;
  kernel: string;
  lanIp: string;
  osds: number;
  disks: DiskPlan[];
  zfsPools: ZfsPoolPlan[];
}

export interface OsPlan {
  id: string;
  name: string;
  prettyName: string;
  version: string;
  versionId: string;
  kernelRelease: string;
  kernelVersion: string;
  /** PVE config `ostype` (qemu: l26, win11; lxc: debian, ubuntu, alpine...). */
  ostype: string;
  windows: boolean;
}

export interface SnapshotPlan {
  name: string;
  description: string;
  /** Taken this long before the estate started. */
  ageSec: number;
  vmstate: boolean;
}

export interface GuestPlan {
  vmid: number;
  type: GuestType;
  name: string;
  node: string;
  key: number;
  cores: number;
  memBytes: number;
  diskBytes: number;
  diskStorage: string;
  /** Share of the disk the guest filesystem uses. */
  diskFill: number;
  template: boolean;
  running: boolean;
  tags: string[];
  pool: string | null;
  ha: boolean;
  os: OsPlan;
  /** QEMU guest agent: answering, configured but not running, or not configured. */
  agent: 'ok' | 'not-running' | 'none';
  cpuBase: number;
  memBase: number;
  netRate: number;
  diskRate: number;
  restartPeriodSec: number;
  restartPhaseSec: number;
  /** `failing`: its recent backups fail; `excluded`: no job covers it. */
  backup: 'ok' | 'failing' | 'excluded';
  /** Weekly archives of this guest are marked protected. */
  protectSundays: boolean;
  /** One PBS snapshot in four of this guest fails verification. */
  verifyFails: boolean;
  snapshots: SnapshotPlan[];
  mac: string;
  ip: string;
}

export interface StoragePlan {
  id: string;
  type: 'dir' | 'lvmthin' | 'rbd' | 'zfspool' | 'nfs' | 'pbs';
  content: string;
  shared: boolean;
  /** null: every node. */
  nodes: string[] | null;
  totalBytes: number;
  /** Usage that is not guest disks or backups (OS, ISOs, other clusters' data). */
  baseUsedBytes: number;
  extra: Record<string, string | number>;
}

export interface ReplicationPlan {
  id: string;
  guest: number;
  jobnum: number;
  source: string;
  target: string;
  intervalMin: number;
  failing: boolean;
}

export interface BackupJobPlan {
  id: string;
  storage: string;
  hour: number;
  minute: number;
  /** null: all guests (minus `exclude`). */
  vmids: number[] | null;
  exclude: number[];
  prune: string;
  keep: number;
  comment: string;
}

export interface PbsPlan {
  datastores: { store: string; path: string; totalBytes: number; dedup: number; comment: string }[];
  /** Guests (by vmid) whose snapshots the local sync copies to the `archive` store. */
  syncedVmids: number[];
}

export interface PmgPlan {
  /** Inbound mails per hour at the daily peak. */
  inboundPerHour: number;
  outboundPerHour: number;
  domains: string[];
}

export interface EstatePlan {
  size: 'small' | 'large';
  seed: number;
  startAt: number;
  clusterName: string;
  nodes: NodePlan[];
  guests: GuestPlan[];
  storages: StoragePlan[];
  replication: ReplicationPlan[];
  backupJobs: BackupJobPlan[];
  pools: { poolid: string; comment: string }[];
  pbs: PbsPlan;
  pmg: PmgPlan;
}
