import {
  bool,
  expectList,
  expectObject,
  int,
  isObject,
  type Json,
  nested,
  num,
  record,
  str,
  strList,
} from './decode.ts';

/** Fields shared by the guest lists and `status/current` of both guest types. */
export interface PveGuest {
  vmid: number;
  name: string | null;
  /** `running`, `stopped`. */
  status: string | null;
  /** Fraction of the guest's own vCPUs. */
  cpu: number | null;
  /** vCPUs; LXC may be fractional (cpulimit). */
  cpus: number | null;
  /** Bytes. */
  mem: number | null;
  maxMem: number | null;
  /** Bytes; always 0 for qemu, real for LXC. */
  disk: number | null;
  maxDisk: number | null;
  /** Cumulative bytes since guest start. */
  netIn: number | null;
  netOut: number | null;
  diskRead: number | null;
  diskWrite: number | null;
  /** Seconds; 0 when stopped. */
  uptime: number | null;
  pid: number | null;
  template: boolean | null;
  lock: string | null;
  tags: string[];
}

export interface PveHaState {
  managed: boolean | null;
  state: string | null;
  group: string | null;
}

export function decodeGuest(o: Json): PveGuest | null {
  const vmid = int(o.vmid);
  if (vmid === null) return null;
  return {
    vmid,
    name: str(o.name),
    status: str(o.status),
    cpu: num(o.cpu),
    cpus: num(o.cpus) ?? num(o.maxcpu),
    mem: num(o.mem),
    maxMem: num(o.maxmem),
    disk: num(o.disk),
    maxDisk: num(o.maxdisk),
    netIn: num(o.netin),
    netOut: num(o.netout),
    diskRead: num(o.diskread),
    diskWrite: num(o.diskwrite),
    uptime: num(o.uptime),
    pid: int(o.pid),
    template: bool(o.template),
    lock: str(o.lock),
    tags: strList(o.tags),
  };
}

export function decodeGuestList(data: unknown): PveGuest[] {
  return expectList(data, 'guests')
    .map(decodeGuest)
    .filter((g): g is PveGuest => g !== null);
}

function guestStatus(data: unknown, vmid: number): { o: Json; guest: PveGuest } {
  const o = expectObject(data, 'guest status');
  // status/current may omit vmid on older builds; the caller asked for this one.
  const guest = decodeGuest({ ...o, vmid: o.vmid ?? vmid });
  if (guest === null) throw new TypeError('unreachable: vmid was supplied');
  return { o, guest };
}

function haState(value: unknown): PveHaState | null {
  return nested(value, (h) => ({
    managed: bool(h.managed),
    state: str(h.state),
    group: str(h.group),
  }));
}

export interface PveBalloonInfo {
  /** Bytes. */
  actual: number | null;
  maxMem: number | null;
  totalMem: number | null;
  freeMem: number | null;
  memSwappedIn: number | null;
  memSwappedOut: number | null;
  majorPageFaults: number | null;
  minorPageFaults: number | null;
  /** Epoch seconds. */
  lastUpdate: number | null;
}

export interface PveBlockStat {
  rdBytes: number | null;
  wrBytes: number | null;
  rdOperations: number | null;
  wrOperations: number | null;
}

export interface PveQemuStatus extends PveGuest {
  /** `running`, `paused`, `prelaunch`, `suspended`, `postmigrate`, `inmigrate`... */
  qmpStatus: string | null;
  runningMachine: string | null;
  runningQemu: string | null;
  /** Bytes. */
  balloon: number | null;
  balloonMin: number | null;
  freeMem: number | null;
  memHost: number | null;
  ballooninfo: PveBalloonInfo | null;
  /** The guest agent is enabled in the config (`agent: 1`, or `{enabled}` in the newer shape). */
  agentEnabled: boolean;
  /** Only the object shape says whether the agent answers; null when unknown. */
  agentAvailable: boolean | null;
  ha: PveHaState | null;
  blockStat: Record<string, PveBlockStat>;
  nics: Record<string, { netIn: number | null; netOut: number | null }>;
}

export function decodeQemuStatus(data: unknown, vmid: number): PveQemuStatus {
  const { o, guest } = guestStatus(data, vmid);
  const agent = agentFlag(o.agent);
  return {
    ...guest,
    qmpStatus: str(o.qmpstatus),
    runningMachine: str(o['running-machine']),
    runningQemu: str(o['running-qemu']),
    balloon: num(o.balloon),
    balloonMin: num(o.balloon_min),
    freeMem: num(o.freemem),
    memHost: num(o.memhost),
    ballooninfo: nested(o.ballooninfo, (b) => ({
      actual: num(b.actual),
      maxMem: num(b.max_mem),
      totalMem: num(b.total_mem),
      freeMem: num(b.free_mem),
      memSwappedIn: num(b.mem_swapped_in),
      memSwappedOut: num(b.mem_swapped_out),
      majorPageFaults: num(b.major_page_faults),
      minorPageFaults: num(b.minor_page_faults),
      lastUpdate: num(b.last_update),
    })),
    agentEnabled: agent.enabled,
    agentAvailable: agent.available,
    ha: haState(o.ha),
    blockStat: record(o.blockstat, (b) => ({
      rdBytes: num(b.rd_bytes),
      wrBytes: num(b.wr_bytes),
      rdOperations: num(b.rd_operations),
      wrOperations: num(b.wr_operations),
    })),
    nics: record(o.nics, (n) => ({ netIn: num(n.netin), netOut: num(n.netout) })),
  };
}

/** `1`, `"enabled=1,fstrim_cloned_disks=1"` (config form) or `{enabled, available}`. */
function agentFlag(value: unknown): { enabled: boolean; available: boolean | null } {
  if (isObject(value)) {
    return { enabled: bool(value.enabled) ?? false, available: bool(value.available) };
  }
  if (typeof value === 'string') {
    const first = value.split(',')[0] ?? '';
    const flag = first.startsWith('enabled=') ? first.slice('enabled='.length) : first;
    return { enabled: bool(flag) ?? false, available: null };
  }
  return { enabled: bool(value) ?? false, available: null };
}

export interface PveLxcStatus extends PveGuest {
  /** Bytes. */
  swap: number | null;
  maxSwap: number | null;
  ha: PveHaState | null;
}

export function decodeLxcStatus(data: unknown, vmid: number): PveLxcStatus {
  const { o, guest } = guestStatus(data, vmid);
  return { ...guest, swap: num(o.swap), maxSwap: num(o.maxswap), ha: haState(o.ha) };
}

export interface PveSnapshot {
  name: string;
  description: string | null;
  /** Epoch seconds. */
  snapTime: number | null;
  /** RAM state included (qemu). */
  vmState: boolean | null;
  parent: string | null;
  /** Set while a snapshot is being taken or deleted. */
  snapState: string | null;
}

export function decodeSnapshots(data: unknown): PveSnapshot[] {
  const out: PveSnapshot[] = [];
  for (const e of expectList(data, 'snapshots')) {
    const name = str(e.name);
    // "current" is the "You are here!" pseudo entry, not a snapshot.
    if (name === null || name === 'current') continue;
    out.push({
      name,
      description: str(e.description),
      snapTime: num(e.snaptime),
      vmState: bool(e.vmstate),
      parent: str(e.parent),
      snapState: str(e.snapstate),
    });
  }
  return out;
}

/** Raw guest config with every value as text (`scsi0`, `net0`, `agent`, `tags`...). */
export function decodeGuestConfig(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(expectObject(data, 'guest config'))) {
    const text = str(value);
    if (text !== null) out[key] = text;
  }
  return out;
}

export interface PveLxcInterface {
  name: string;
  hwaddr: string | null;
  /** CIDR, e.g. `10.0.0.21/24`. */
  inet: string | null;
  inet6: string | null;
}

export function decodeLxcInterfaces(data: unknown): PveLxcInterface[] {
  const out: PveLxcInterface[] = [];
  for (const e of expectList(data, 'container interfaces')) {
    const name = str(e.name);
    if (name === null) continue;
    out.push({ name, hwaddr: str(e.hwaddr), inet: str(e.inet), inet6: str(e.inet6) });
  }
  return out;
}
