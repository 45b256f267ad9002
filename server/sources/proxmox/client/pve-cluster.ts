import { bool, expectList, int, type Json, num, obj, str, strList } from './decode.ts';

export interface PveClusterInfo {
  name: string | null;
  /** Members, including offline ones. */
  nodes: number | null;
  /** Corosync config version. */
  version: number | null;
  quorate: boolean | null;
}

export interface PveClusterNode {
  /** `node/pve1`. */
  id: string | null;
  name: string;
  /** 0 on a standalone host. */
  nodeId: number | null;
  ip: string | null;
  /** True for the member this client talks to. */
  local: boolean | null;
  online: boolean | null;
  level: string | null;
  /** API port, when the server reports one (the demo estate does; real PVE does not). */
  port: number | null;
}

export interface PveClusterStatus {
  /** Null on a standalone host. */
  cluster: PveClusterInfo | null;
  nodes: PveClusterNode[];
}

export function decodeClusterStatus(data: unknown): PveClusterStatus {
  let cluster: PveClusterInfo | null = null;
  const nodes: PveClusterNode[] = [];
  for (const e of expectList(data, 'cluster status')) {
    if (e.type === 'cluster') {
      cluster = {
        name: str(e.name),
        nodes: int(e.nodes),
        version: int(e.version),
        quorate: bool(e.quorate),
      };
    } else if (e.type === 'node') {
      const name = str(e.name);
      if (name === null) continue;
      nodes.push({
        id: str(e.id),
        name,
        nodeId: int(e.nodeid),
        ip: str(e.ip),
        local: bool(e.local),
        online: bool(e.online),
        level: str(e.level),
        port: int(e.port),
      });
    }
  }
  return { cluster, nodes };
}

/** One entry of /cluster/resources; which fields are set depends on `type`. */
export interface PveClusterResource {
  /** `qemu/101`, `node/pve1`, `storage/pve1/local`... */
  id: string;
  /** `qemu`, `lxc`, `node`, `storage`, `pool`, `sdn`, `network`. */
  type: string;
  node: string | null;
  vmid: number | null;
  /** Missing for guests without fresh stats (offline node). */
  name: string | null;
  status: string | null;
  /** Fraction: of the guest's own vCPUs, or of all node cores. */
  cpu: number | null;
  maxCpu: number | null;
  /** Bytes. */
  mem: number | null;
  maxMem: number | null;
  /** PVE 9 qemu: host view of guest memory, bytes. */
  memHost: number | null;
  /** Bytes; always 0 for qemu (PVE cannot see inside a VM). */
  disk: number | null;
  maxDisk: number | null;
  /** Cumulative bytes since guest start. */
  netIn: number | null;
  netOut: number | null;
  diskRead: number | null;
  diskWrite: number | null;
  /** Seconds. */
  uptime: number | null;
  template: boolean | null;
  tags: string[];
  lock: string | null;
  haState: string | null;
  pool: string | null;
  level: string | null;
  storage: string | null;
  pluginType: string | null;
  shared: boolean | null;
  content: string[];
  sdn: string | null;
  hostArch: string | null;
  cgroupMode: number | null;
}

export function decodeClusterResources(data: unknown): PveClusterResource[] {
  const out: PveClusterResource[] = [];
  for (const e of expectList(data, 'cluster resources')) {
    const id = str(e.id);
    const type = str(e.type);
    if (id === null || type === null) continue;
    out.push({
      id,
      type,
      node: str(e.node),
      vmid: int(e.vmid),
      name: str(e.name),
      status: str(e.status),
      cpu: num(e.cpu),
      maxCpu: num(e.maxcpu),
      mem: num(e.mem),
      maxMem: num(e.maxmem),
      memHost: num(e.memhost),
      disk: num(e.disk),
      maxDisk: num(e.maxdisk),
      netIn: num(e.netin),
      netOut: num(e.netout),
      diskRead: num(e.diskread),
      diskWrite: num(e.diskwrite),
      uptime: num(e.uptime),
      template: bool(e.template),
      tags: strList(e.tags),
      lock: str(e.lock),
      haState: str(e.hastate),
      pool: str(e.pool),
      level: str(e.level),
      storage: str(e.storage),
      pluginType: str(e.plugintype),
      shared: bool(e.shared),
      content: strList(e.content, /,/),
      sdn: str(e.sdn),
      hostArch: str(e['host-arch']),
      cgroupMode: int(e['cgroup-mode']),
    });
  }
  return out;
}

export interface PveNode {
  node: string;
  status: string | null;
  cpu: number | null;
  maxCpu: number | null;
  mem: number | null;
  maxMem: number | null;
  disk: number | null;
  maxDisk: number | null;
  uptime: number | null;
  level: string | null;
  /** SHA-256 of the node certificate, `AA:BB:...`; pin it when failing over to this node. */
  sslFingerprint: string | null;
}

export function decodeNodes(data: unknown): PveNode[] {
  const out: PveNode[] = [];
  for (const e of expectList(data, 'nodes')) {
    const node = str(e.node);
    if (node === null) continue;
    out.push({
      node,
      status: str(e.status),
      cpu: num(e.cpu),
      maxCpu: num(e.maxcpu),
      mem: num(e.mem),
      maxMem: num(e.maxmem),
      disk: num(e.disk),
      maxDisk: num(e.maxdisk),
      uptime: num(e.uptime),
      level: str(e.level),
      sslFingerprint: str(e.ssl_fingerprint),
    });
  }
  return out;
}

export interface PveBackupJob {
  id: string;
  type: string | null;
  /** Jobs are enabled unless the config says otherwise. */
  enabled: boolean;
  schedule: string | null;
  /** Epoch seconds. */
  nextRun: number | null;
  storage: string | null;
  mode: string | null;
  compress: string | null;
  /** Backs up every guest (minus `exclude`). */
  all: boolean;
  vmids: string[];
  exclude: string[];
  pool: string | null;
  node: string | null;
  pruneBackups: string | null;
  notesTemplate: string | null;
  comment: string | null;
  repeatMissed: boolean | null;
}

export function decodeBackupJobs(data: unknown): PveBackupJob[] {
  const out: PveBackupJob[] = [];
  for (const e of expectList(data, 'backup jobs')) {
    const id = str(e.id);
    if (id === null) continue;
    out.push({
      id,
      type: str(e.type),
      enabled: bool(e.enabled) ?? true,
      schedule: str(e.schedule) ?? str(e.starttime),
      nextRun: num(e['next-run']),
      storage: str(e.storage),
      mode: str(e.mode),
      compress: str(e.compress),
      all: bool(e.all) ?? false,
      vmids: strList(e.vmid, /[,\s]+/),
      exclude: strList(e.exclude, /[,\s]+/),
      pool: str(e.pool),
      node: str(e.node),
      pruneBackups: pruneText(e['prune-backups']),
      notesTemplate: str(e['notes-template']),
      comment: str(e.comment),
      repeatMissed: bool(e['repeat-missed']),
    });
  }
  return out;
}

/** Newer PVE returns prune settings as an object; keep the config string form. */
function pruneText(value: unknown): string | null {
  const o = obj(value);
  if (o === null) return str(value);
  const parts = Object.entries(o)
    .map(([key, v]) => `${key}=${str(v) ?? ''}`)
    .filter((p) => !p.endsWith('='));
  return parts.length === 0 ? null : parts.join(',');
}

export interface PveHaEntry {
  /** `quorum`, `master`, `lrm:pve2`, `service:vm:101`, `fencing`. */
  id: string;
  type: string | null;
  node: string | null;
  status: string | null;
  quorate: boolean | null;
  timestamp: number | null;
  /** Service entries: `vm:101`. */
  sid: string | null;
  state: string | null;
  crmState: string | null;
  requestState: string | null;
  maxRestart: number | null;
  maxRelocate: number | null;
  armedState: string | null;
}

export function decodeHaStatus(data: unknown): PveHaEntry[] {
  const out: PveHaEntry[] = [];
  for (const e of expectList(data, 'HA status')) {
    const id = str(e.id);
    if (id === null) continue;
    out.push({
      id,
      type: str(e.type),
      node: str(e.node),
      status: str(e.status),
      quorate: bool(e.quorate),
      timestamp: num(e.timestamp),
      sid: str(e.sid),
      state: str(e.state),
      crmState: str(e.crm_state),
      requestState: str(e.request_state),
      maxRestart: int(e.max_restart),
      maxRelocate: int(e.max_relocate),
      armedState: str(e['armed-state']),
    });
  }
  return out;
}

export interface PveReplicationJob {
  /** `101-0`. */
  id: string;
  type: string | null;
  guest: number | null;
  jobNum: number | null;
  target: string | null;
  source: string | null;
  schedule: string | null;
  /** MB/s limit. */
  rate: number | null;
  comment: string | null;
  disabled: boolean;
}

export function replicationJob(e: Json, id: string): PveReplicationJob {
  return {
    id,
    type: str(e.type),
    guest: int(e.guest),
    jobNum: int(e.jobnum),
    target: str(e.target),
    source: str(e.source),
    schedule: str(e.schedule),
    rate: num(e.rate),
    comment: str(e.comment),
    disabled: bool(e.disable) ?? false,
  };
}

export function decodeReplicationJobs(data: unknown): PveReplicationJob[] {
  const out: PveReplicationJob[] = [];
  for (const e of expectList(data, 'replication jobs')) {
    const id = str(e.id);
    if (id !== null) out.push(replicationJob(e, id));
  }
  return out;
}
