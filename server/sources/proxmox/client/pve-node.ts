import {
  type BootInfo,
  bool,
  bootInfo,
  type DiskUsage,
  diskUsage,
  expectList,
  expectObject,
  int,
  type Json,
  type KernelInfo,
  kernelInfo,
  type LoadAverage,
  loadAverage,
  type MemoryUsage,
  memoryUsage,
  nested,
  num,
  str,
} from './decode.ts';
import { type PveReplicationJob, replicationJob } from './pve-cluster.ts';
import type { Envelope } from './responses.ts';
import { parsePveUpid, type TaskStatusClass, taskStatusClass } from './upid.ts';

export interface PveCpuInfo {
  model: string | null;
  cores: number | null;
  cpus: number | null;
  sockets: number | null;
  /** Perl sends it as a string ("3400.000"). */
  mhz: number | null;
  userHz: number | null;
  hvm: boolean | null;
}

export interface PveNodeStatus {
  /** Fraction of all cores. */
  cpu: number | null;
  /** I/O wait fraction. */
  wait: number | null;
  loadAvg: LoadAverage | null;
  cpuInfo: PveCpuInfo | null;
  memory: MemoryUsage | null;
  swap: MemoryUsage | null;
  /** Bytes shared by KSM. */
  ksmShared: number | null;
  rootfs: DiskUsage | null;
  /** Seconds. */
  uptime: number | null;
  kversion: string | null;
  currentKernel: KernelInfo | null;
  bootInfo: BootInfo | null;
  /** `pve-manager/8.4.1/2a5fa54a8503f96d`. */
  pveVersion: string | null;
}

export function decodeNodeStatus(data: unknown): PveNodeStatus {
  const o = expectObject(data, 'node status');
  return {
    cpu: num(o.cpu),
    wait: num(o.wait),
    loadAvg: loadAverage(o.loadavg),
    cpuInfo: nested(o.cpuinfo, (c) => ({
      model: str(c.model),
      cores: int(c.cores),
      cpus: int(c.cpus),
      sockets: int(c.sockets),
      mhz: num(c.mhz),
      userHz: int(c.user_hz),
      hvm: bool(c.hvm),
    })),
    memory: nested(o.memory, memoryUsage),
    swap: nested(o.swap, memoryUsage),
    ksmShared: nested(o.ksm, (k) => num(k.shared)),
    rootfs: nested(o.rootfs, diskUsage),
    uptime: num(o.uptime),
    kversion: str(o.kversion),
    currentKernel: nested(o['current-kernel'], kernelInfo),
    bootInfo: nested(o['boot-info'], bootInfo),
    pveVersion: str(o.pveversion),
  };
}

export interface PveStorage {
  storage: string;
  type: string | null;
  content: string[];
  enabled: boolean | null;
  /** False for unreachable network storage; sizes are then null. */
  active: boolean | null;
  shared: boolean | null;
  /** Bytes. */
  total: number | null;
  used: number | null;
  avail: number | null;
  usedFraction: number | null;
}

export function decodeStorage(data: unknown): PveStorage[] {
  const out: PveStorage[] = [];
  for (const e of expectList(data, 'storage')) {
    const storage = str(e.storage);
    if (storage === null) continue;
    out.push({
      storage,
      type: str(e.type),
      content: contentList(e.content),
      enabled: bool(e.enabled),
      active: bool(e.active),
      shared: bool(e.shared),
      total: num(e.total),
      used: num(e.used),
      avail: num(e.avail),
      usedFraction: num(e.used_fraction),
    });
  }
  return out;
}

function contentList(value: unknown): string[] {
  const text = str(value);
  return text === null ? [] : text.split(',').filter((c) => c !== '');
}

export interface PveStorageItem {
  /** `local:backup/vzdump-qemu-101-...vma.zst`, `pbs-main:backup/vm/101/2025-06-01T00:00:04Z`. */
  volid: string;
  content: string | null;
  /** `vma.zst`, `tar.zst`, `pbs-vm`, `pbs-ct`, `raw`, `qcow2`... */
  format: string | null;
  /** `qemu` / `lxc` for backups. */
  subtype: string | null;
  vmid: number | null;
  /** Epoch seconds. */
  ctime: number | null;
  /** Bytes (`approximate-size` where the plugin only knows that). */
  size: number | null;
  used: number | null;
  notes: string | null;
  /** Upstream omits the key unless set. */
  protected: boolean;
  /** PBS: key fingerprint or "1". */
  encrypted: string | null;
  verification: { state: string | null; upid: string | null } | null;
}

export function decodeStorageContent(data: unknown): PveStorageItem[] {
  const out: PveStorageItem[] = [];
  for (const e of expectList(data, 'storage content')) {
    const volid = str(e.volid);
    if (volid === null) continue;
    out.push({
      volid,
      content: str(e.content),
      format: str(e.format),
      subtype: str(e.subtype),
      vmid: int(e.vmid),
      ctime: num(e.ctime),
      size: num(e.size) ?? num(e['approximate-size']),
      used: num(e.used),
      notes: str(e.notes),
      protected: bool(e.protected) ?? false,
      encrypted: str(e.encrypted),
      verification: nested(e.verification, (v) => ({ state: str(v.state), upid: str(v.upid) })),
    });
  }
  return out;
}

export interface PveTask {
  upid: string;
  node: string | null;
  pid: number | null;
  pstart: number | null;
  /** Epoch seconds. */
  startTime: number | null;
  endTime: number | null;
  /** `vzdump`, `qmstart`... */
  type: string | null;
  /** The task's object, e.g. the vmid; null when empty. */
  id: string | null;
  user: string | null;
  tokenId: string | null;
  /** Raw status: `OK`, `WARNINGS: 3`, `job errors`...; null while running. */
  status: string | null;
  statusClass: TaskStatusClass;
}

export interface PveTaskList {
  tasks: PveTask[];
  /** Matching entries on the server (for paging); Perl omits a zero total. */
  total: number;
}

export function decodeTasks(env: Envelope): PveTaskList {
  const tasks: PveTask[] = [];
  for (const e of expectList(env.data, 'tasks')) {
    const upid = str(e.upid);
    if (upid === null) continue;
    tasks.push(decodeTask(e, upid));
  }
  return { tasks, total: env.total ?? tasks.length };
}

function decodeTask(e: Json, upid: string): PveTask {
  const parsed = parsePveUpid(upid);
  const endTime = num(e.endtime);
  const status = str(e.status);
  const id = str(e.id) ?? parsed?.id ?? null;
  return {
    upid,
    node: str(e.node) ?? parsed?.node ?? null,
    pid: int(e.pid) ?? parsed?.pid ?? null,
    pstart: int(e.pstart) ?? parsed?.pstart ?? null,
    startTime: num(e.starttime) ?? parsed?.startTime ?? null,
    endTime,
    type: str(e.type) ?? parsed?.type ?? null,
    id: id === '' ? null : id,
    user: str(e.user) ?? parsed?.user ?? null,
    tokenId: str(e.tokenid),
    status,
    statusClass: taskStatusClass(status, endTime),
  };
}

export interface PveDisk {
  devPath: string;
  model: string | null;
  serial: string | null;
  vendor: string | null;
  wwn: string | null;
  /** Bytes. */
  size: number | null;
  /** `hdd`, `ssd`, `nvme`, `usb`, `unknown`. */
  type: string | null;
  /** 0 for flash, -1 unknown. */
  rpm: number | null;
  /** `PASSED`, `OK`, `FAILED`, `UNKNOWN`. */
  health: string | null;
  /** Percent of life remaining (100 = new); null for "N/A". */
  wearout: number | null;
  gpt: boolean | null;
  mounted: boolean | null;
  /** What uses the disk: `LVM`, `ZFS`, `ext4`... */
  used: string | null;
  osdId: number | null;
  byIdLink: string | null;
}

export function decodeDisks(data: unknown): PveDisk[] {
  const out: PveDisk[] = [];
  for (const e of expectList(data, 'disks')) {
    const devPath = str(e.devpath);
    if (devPath === null) continue;
    out.push({
      devPath,
      model: str(e.model),
      serial: str(e.serial),
      vendor: str(e.vendor),
      wwn: str(e.wwn),
      size: num(e.size),
      type: str(e.type),
      rpm: int(e.rpm),
      health: str(e.health),
      wearout: num(e.wearout),
      gpt: bool(e.gpt),
      mounted: bool(e.mounted),
      used: str(e.used),
      osdId: int(e.osdid),
      byIdLink: str(e.by_id_link),
    });
  }
  return out;
}

export interface PveReplicationStatus extends PveReplicationJob {
  vmType: string | null;
  /** Epoch seconds. */
  lastSync: number | null;
  lastTry: number | null;
  nextSync: number | null;
  /** Seconds of the last run. */
  duration: number | null;
  failCount: number | null;
  /** Only while failing. */
  error: string | null;
  /** Only while running. */
  pid: number | null;
}

export function decodeReplicationStatus(data: unknown): PveReplicationStatus[] {
  const out: PveReplicationStatus[] = [];
  for (const e of expectList(data, 'replication status')) {
    const id = str(e.id);
    if (id === null) continue;
    out.push({
      ...replicationJob(e, id),
      vmType: str(e.vmtype),
      lastSync: num(e.last_sync),
      lastTry: num(e.last_try),
      nextSync: num(e.next_sync),
      duration: num(e.duration),
      failCount: int(e.fail_count),
      error: str(e.error),
      pid: int(e.pid),
    });
  }
  return out;
}

/** One RRD row: `time` plus whichever columns had a sample (missing samples are omitted). */
export type RrdRow = { time: number } & Record<string, number>;

export function decodeRrd(data: unknown): RrdRow[] {
  const out: RrdRow[] = [];
  for (const e of expectList(data, 'rrd data')) {
    const time = num(e.time);
    if (time === null) continue;
    const row: RrdRow = { time };
    for (const [key, value] of Object.entries(e)) {
      const n = num(value);
      if (n !== null) row[key] = n;
    }
    out.push(row);
  }
  return out;
}
