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

export interface PmgNodeStatus {
  /** Epoch seconds on the node. */
  time: number | null;
  /** Cluster database synced within the last 3 minutes. */
  inSync: boolean | null;
  uptime: number | null;
  loadAvg: LoadAverage | null;
  cpu: number | null;
  wait: number | null;
  cpuInfo: { model: string | null; cpus: number | null; sockets: number | null } | null;
  memory: MemoryUsage | null;
  swap: MemoryUsage | null;
  rootfs: DiskUsage | null;
  kversion: string | null;
  currentKernel: KernelInfo | null;
  bootInfo: BootInfo | null;
  /** `pmg-api/8.2.3/...`. */
  pmgVersion: string | null;
}

function nodeStatusFields(o: Json): PmgNodeStatus {
  return {
    time: num(o.time),
    inSync: bool(o.insync),
    uptime: num(o.uptime),
    loadAvg: loadAverage(o.loadavg),
    cpu: num(o.cpu),
    wait: num(o.wait),
    cpuInfo: nested(o.cpuinfo, (c) => ({
      model: str(c.model),
      cpus: int(c.cpus),
      sockets: int(c.sockets),
    })),
    memory: nested(o.memory, memoryUsage),
    swap: nested(o.swap, memoryUsage),
    rootfs: nested(o.rootfs, diskUsage),
    kversion: str(o.kversion),
    currentKernel: nested(o['current-kernel'], kernelInfo),
    bootInfo: nested(o['boot-info'], bootInfo),
    pmgVersion: str(o.pmgversion),
  };
}

export function decodeNodeStatus(data: unknown): PmgNodeStatus {
  return nodeStatusFields(expectObject(data, 'node status'));
}

export interface PmgClusterNode extends PmgNodeStatus {
  cid: number | null;
  name: string;
  ip: string | null;
  /** `master`, `node`, or `-` when standalone. */
  type: string | null;
  fingerprint: string | null;
  /** Set instead of stats when the node cannot be reached. */
  connError: string | null;
}

export function decodeClusterStatus(data: unknown): PmgClusterNode[] {
  const out: PmgClusterNode[] = [];
  for (const e of expectList(data, 'cluster status')) {
    const name = str(e.name);
    if (name === null) continue;
    out.push({
      ...nodeStatusFields(e),
      cid: int(e.cid),
      name,
      ip: str(e.ip),
      type: str(e.type),
      fingerprint: str(e.fingerprint),
      connError: str(e.conn_error),
    });
  }
  return out;
}

/** Mail counts over a period (Perl sends them as numbers, but strings are tolerated). */
export interface PmgMailCounts {
  count: number | null;
  countIn: number | null;
  countOut: number | null;
  spamcountIn: number | null;
  spamcountOut: number | null;
  viruscountIn: number | null;
  viruscountOut: number | null;
  bouncesIn: number | null;
  bouncesOut: number | null;
  rblRejects: number | null;
  pregreetRejects: number | null;
}

function mailCounts(o: Json): PmgMailCounts {
  return {
    count: num(o.count),
    countIn: num(o.count_in),
    countOut: num(o.count_out),
    spamcountIn: num(o.spamcount_in),
    spamcountOut: num(o.spamcount_out),
    viruscountIn: num(o.viruscount_in),
    viruscountOut: num(o.viruscount_out),
    bouncesIn: num(o.bounces_in),
    bouncesOut: num(o.bounces_out),
    rblRejects: num(o.rbl_rejects),
    pregreetRejects: num(o.pregreet_rejects),
  };
}

export interface PmgMailStatistics extends PmgMailCounts {
  glcount: number | null;
  spfcount: number | null;
  junkIn: number | null;
  junkOut: number | null;
  /** Bytes. */
  bytesIn: number | null;
  bytesOut: number | null;
  /** Average processing time, seconds. */
  avpTime: number | null;
}

export function decodeMailStatistics(data: unknown): PmgMailStatistics {
  const o = expectObject(data, 'mail statistics');
  return {
    ...mailCounts(o),
    glcount: num(o.glcount),
    spfcount: num(o.spfcount),
    junkIn: num(o.junk_in),
    junkOut: num(o.junk_out),
    bytesIn: num(o.bytes_in),
    bytesOut: num(o.bytes_out),
    avpTime: num(o.avptime),
  };
}

export interface PmgMailCountBucket extends PmgMailCounts {
  index: number | null;
  /** Bucket start, epoch seconds. */
  time: number;
}

export function decodeMailCount(data: unknown): PmgMailCountBucket[] {
  const out: PmgMailCountBucket[] = [];
  for (const e of expectList(data, 'mail count')) {
    const time = num(e.time);
    if (time !== null) out.push({ ...mailCounts(e), index: int(e.index), time });
  }
  return out;
}

export interface PmgSpamScore {
  level: number;
  count: number | null;
  ratio: number | null;
}

export function decodeSpamScores(data: unknown): PmgSpamScore[] {
  const out: PmgSpamScore[] = [];
  for (const e of expectList(data, 'spam scores')) {
    const level = num(e.level);
    if (level !== null) out.push({ level, count: num(e.count), ratio: num(e.ratio) });
  }
  return out;
}

export interface PmgQuarantineStatus {
  count: number | null;
  /** Megabytes (PostgreSQL sends long decimal strings). */
  mbytes: number | null;
  avgBytes: number | null;
  avgSpam: number | null;
}

export function decodeQuarantineStatus(data: unknown): PmgQuarantineStatus {
  const o = expectObject(data, 'quarantine status');
  return {
    count: num(o.count),
    mbytes: num(o.mbytes),
    avgBytes: num(o.avgbytes),
    avgSpam: num(o.avgspam),
  };
}

export interface PmgQshapeRow {
  /** `TOTAL` for the summary row. */
  domain: string;
  total: number | null;
  /** Age buckets in the server's order (`5m`, `10m`... `1280m+`), string counts coerced. */
  buckets: { bucket: string; count: number | null }[];
}

export function decodeQshape(data: unknown): PmgQshapeRow[] {
  const out: PmgQshapeRow[] = [];
  for (const e of expectList(data, 'queue shape')) {
    const domain = str(e.domain);
    if (domain === null) continue;
    const buckets = Object.entries(e)
      .filter(([key]) => key !== 'domain' && key !== 'total')
      .map(([bucket, value]) => ({ bucket, count: num(value) }));
    out.push({ domain, total: num(e.total), buckets });
  }
  return out;
}

export interface PmgBackup {
  filename: string;
  /** Bytes. */
  size: number | null;
  /** Epoch seconds. */
  timestamp: number | null;
}

export function decodeBackups(data: unknown): PmgBackup[] {
  const out: PmgBackup[] = [];
  for (const e of expectList(data, 'backups')) {
    const filename = str(e.filename);
    if (filename !== null) {
      out.push({ filename, size: num(e.size), timestamp: num(e.timestamp) });
    }
  }
  return out;
}
