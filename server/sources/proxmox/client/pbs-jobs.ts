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
  strList,
} from './decode.ts';
import type { Envelope } from './responses.ts';
import { parsePbsUpid, type TaskStatusClass, taskStatusClass } from './upid.ts';

export interface PbsNodeStatus {
  cpu: number | null;
  wait: number | null;
  loadAvg: LoadAverage | null;
  memory: MemoryUsage | null;
  swap: MemoryUsage | null;
  /** PBS calls it `root`, not `rootfs`. */
  root: DiskUsage | null;
  uptime: number | null;
  kversion: string | null;
  currentKernel: KernelInfo | null;
  cpuInfo: { model: string | null; sockets: number | null; cpus: number | null } | null;
  /** SHA-256 of the server certificate, `AA:BB:...`. */
  fingerprint: string | null;
  bootInfo: BootInfo | null;
}

export function decodeNodeStatus(data: unknown): PbsNodeStatus {
  const o = expectObject(data, 'node status');
  return {
    cpu: num(o.cpu),
    wait: num(o.wait),
    loadAvg: loadAverage(o.loadavg),
    memory: nested(o.memory, memoryUsage),
    swap: nested(o.swap, memoryUsage),
    root: nested(o.root, diskUsage),
    uptime: num(o.uptime),
    kversion: str(o.kversion),
    currentKernel: nested(o['current-kernel'], kernelInfo),
    cpuInfo: nested(o.cpuinfo, (c) => ({
      model: str(c.model),
      sockets: int(c.sockets),
      cpus: int(c.cpus),
    })),
    fingerprint: nested(o.info, (i) => str(i.fingerprint)),
    bootInfo: nested(o['boot-info'], bootInfo),
  };
}

/** Schedule state the /admin job lists add to each config. */
export interface PbsJobState {
  schedule: string | null;
  /** Epoch seconds. */
  nextRun: number | null;
  /** `OK`, `WARNINGS: n` or the error text. */
  lastRunState: string | null;
  lastRunUpid: string | null;
  lastRunEndtime: number | null;
}

function jobState(e: Json): PbsJobState {
  return {
    schedule: str(e.schedule),
    nextRun: num(e['next-run']),
    lastRunState: str(e['last-run-state']),
    lastRunUpid: str(e['last-run-upid']),
    lastRunEndtime: num(e['last-run-endtime']),
  };
}

function jobs<T>(data: unknown, what: string, decode: (e: Json, id: string) => T): T[] {
  const out: T[] = [];
  for (const e of expectList(data, what)) {
    const id = str(e.id);
    if (id !== null) out.push(decode(e, id));
  }
  return out;
}

export interface PbsSyncJob extends PbsJobState {
  id: string;
  store: string | null;
  /** Null for a local sync. */
  remote: string | null;
  remoteStore: string | null;
  ns: string | null;
  remoteNs: string | null;
  owner: string | null;
  removeVanished: boolean | null;
  maxDepth: number | null;
  groupFilter: string[];
  transferLast: number | null;
  comment: string | null;
}

export function decodeSyncJobs(data: unknown): PbsSyncJob[] {
  return jobs(data, 'sync jobs', (e, id) => ({
    id,
    store: str(e.store),
    remote: str(e.remote),
    remoteStore: str(e['remote-store']),
    ns: str(e.ns),
    remoteNs: str(e['remote-ns']),
    owner: str(e.owner),
    removeVanished: bool(e['remove-vanished']),
    maxDepth: int(e['max-depth']),
    groupFilter: strList(e['group-filter'], /\n/),
    transferLast: int(e['transfer-last']),
    comment: str(e.comment),
    ...jobState(e),
  }));
}

export interface PbsVerifyJob extends PbsJobState {
  id: string;
  store: string | null;
  ns: string | null;
  maxDepth: number | null;
  ignoreVerified: boolean | null;
  /** Days after which a verified snapshot is verified again. */
  outdatedAfter: number | null;
  comment: string | null;
}

export function decodeVerifyJobs(data: unknown): PbsVerifyJob[] {
  return jobs(data, 'verify jobs', (e, id) => ({
    id,
    store: str(e.store),
    ns: str(e.ns),
    maxDepth: int(e['max-depth']),
    ignoreVerified: bool(e['ignore-verified']),
    outdatedAfter: num(e['outdated-after']),
    comment: str(e.comment),
    ...jobState(e),
  }));
}

export interface PbsPruneJob extends PbsJobState {
  id: string;
  store: string | null;
  ns: string | null;
  disabled: boolean;
  maxDepth: number | null;
  /** `keep-last`, `keep-daily`... as numbers, only those configured. */
  keep: Record<string, number>;
  comment: string | null;
}

export function decodePruneJobs(data: unknown): PbsPruneJob[] {
  return jobs(data, 'prune jobs', (e, id) => {
    const keep: Record<string, number> = {};
    for (const [key, value] of Object.entries(e)) {
      const n = num(value);
      if (key.startsWith('keep-') && n !== null) keep[key] = n;
    }
    return {
      id,
      store: str(e.store),
      ns: str(e.ns),
      disabled: bool(e.disable) ?? false,
      maxDepth: int(e['max-depth']),
      keep,
      comment: str(e.comment),
      ...jobState(e),
    };
  });
}

export interface PbsTask {
  upid: string;
  node: string | null;
  pid: number | null;
  pstart: number | null;
  /** Epoch seconds. */
  startTime: number | null;
  endTime: number | null;
  /** `backup`, `syncjob`, `verificationjob`, `garbage_collection`... */
  workerType: string | null;
  /** E.g. `store1:vm/101` (unescaped). */
  workerId: string | null;
  user: string | null;
  status: string | null;
  statusClass: TaskStatusClass;
}

export interface PbsTaskList {
  tasks: PbsTask[];
  total: number;
}

export function decodeTasks(env: Envelope): PbsTaskList {
  const tasks: PbsTask[] = [];
  for (const e of expectList(env.data, 'tasks')) {
    const upid = str(e.upid);
    if (upid === null) continue;
    const parsed = parsePbsUpid(upid);
    const endTime = num(e.endtime);
    const status = str(e.status);
    tasks.push({
      upid,
      node: str(e.node) ?? parsed?.node ?? null,
      pid: int(e.pid) ?? parsed?.pid ?? null,
      pstart: int(e.pstart) ?? parsed?.pstart ?? null,
      startTime: num(e.starttime) ?? parsed?.startTime ?? null,
      endTime,
      // The one PBS list with snake_case keys.
      workerType: str(e.worker_type) ?? parsed?.workerType ?? null,
      workerId: str(e.worker_id) ?? parsed?.workerId ?? null,
      user: str(e.user) ?? parsed?.authId ?? null,
      status,
      statusClass: taskStatusClass(status, endTime),
    });
  }
  return { tasks, total: env.total ?? tasks.length };
}
