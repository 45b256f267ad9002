import {
  bool,
  expectList,
  expectObject,
  int,
  isObject,
  type Json,
  nested,
  num,
  numList,
  record,
  str,
  strList,
} from './decode.ts';

/** Last garbage collection; deduplication factor = indexDataBytes / diskBytes. */
export interface PbsGcStatus {
  upid: string | null;
  indexFileCount: number | null;
  /** Bytes referenced by all indexes (logical size). */
  indexDataBytes: number | null;
  /** Bytes the chunks occupy on disk. */
  diskBytes: number | null;
  diskChunks: number | null;
  removedBytes: number | null;
  removedChunks: number | null;
  pendingBytes: number | null;
  pendingChunks: number | null;
  removedBad: number | null;
  stillBad: number | null;
}

export function gcStatus(o: Json): PbsGcStatus {
  return {
    upid: str(o.upid),
    indexFileCount: num(o['index-file-count']),
    indexDataBytes: num(o['index-data-bytes']),
    diskBytes: num(o['disk-bytes']),
    diskChunks: num(o['disk-chunks']),
    removedBytes: num(o['removed-bytes']),
    removedChunks: num(o['removed-chunks']),
    pendingBytes: num(o['pending-bytes']),
    pendingChunks: num(o['pending-chunks']),
    removedBad: num(o['removed-bad']),
    stillBad: num(o['still-bad']),
  };
}

export interface PbsDatastoreUsage {
  store: string;
  /** Bytes; null when the user can only partially see the store. */
  total: number | null;
  used: number | null;
  avail: number | null;
  /** Used fraction per step over the last month; null for missing samples. */
  history: (number | null)[];
  historyStart: number | null;
  /** Seconds between history samples. */
  historyDelta: number | null;
  /** Epoch; 0 or a past date means not filling up; null with too few samples. */
  estimatedFullDate: number | null;
  gcStatus: PbsGcStatus | null;
  /** Set when the datastore is unavailable. */
  error: string | null;
}

export function decodeDatastoreUsage(data: unknown): PbsDatastoreUsage[] {
  const out: PbsDatastoreUsage[] = [];
  for (const e of expectList(data, 'datastore usage')) {
    const store = str(e.store);
    if (store === null) continue;
    out.push({
      store,
      total: num(e.total),
      used: num(e.used),
      avail: num(e.avail),
      history: numList(e.history),
      historyStart: num(e['history-start']),
      historyDelta: num(e['history-delta']),
      estimatedFullDate: num(e['estimated-full-date']),
      gcStatus: nested(e['gc-status'], gcStatus),
      error: str(e.error),
    });
  }
  return out;
}

export interface PbsDatastore {
  store: string;
  comment: string | null;
  /** Raw maintenance setting, e.g. `type=read-only,message=...`. */
  maintenance: string | null;
  /** `read-only`, `offline`... parsed from `maintenance`. */
  maintenanceType: string | null;
}

export function decodeDatastores(data: unknown): PbsDatastore[] {
  const out: PbsDatastore[] = [];
  for (const e of expectList(data, 'datastores')) {
    const store = str(e.store) ?? str(e.name);
    if (store === null) continue;
    const maintenance = str(e.maintenance) ?? str(e['maintenance-mode']);
    const type =
      maintenance === null ? null : (/(?:^|,)type=([^,]+)/.exec(maintenance)?.[1] ?? null);
    out.push({ store, comment: str(e.comment), maintenance, maintenanceType: type });
  }
  return out;
}

export interface PbsDatastoreStatus {
  /** Bytes; all 0 when the user lacks Datastore.Audit. */
  total: number | null;
  used: number | null;
  avail: number | null;
  gcStatus: PbsGcStatus | null;
  /** Per backup type (`vm`, `ct`, `host`, `other`). */
  counts: Record<string, { groups: number | null; snapshots: number | null }>;
}

export function decodeDatastoreStatus(data: unknown): PbsDatastoreStatus {
  const o = expectObject(data, 'datastore status');
  return {
    total: num(o.total),
    used: num(o.used),
    avail: num(o.avail),
    gcStatus: nested(o['gc-status'], gcStatus),
    counts: record(o.counts, (c) => ({ groups: num(c.groups), snapshots: num(c.snapshots) })),
  };
}

export interface PbsGcJob extends PbsGcStatus {
  store: string | null;
  schedule: string | null;
  nextRun: number | null;
  lastRunEndtime: number | null;
  lastRunState: string | null;
  /** Seconds. */
  duration: number | null;
}

export function decodeGcJob(data: unknown): PbsGcJob {
  // /admin/datastore/{store}/gc answers one object; /admin/gc a list of them.
  const o = Array.isArray(data) ? expectObject(data.find(isObject), 'gc status') : data;
  const g = expectObject(o, 'gc status');
  return {
    ...gcStatus(g),
    store: str(g.store),
    schedule: str(g.schedule),
    nextRun: num(g['next-run']),
    lastRunEndtime: num(g['last-run-endtime']),
    lastRunState: str(g['last-run-state']),
    duration: num(g.duration),
  };
}

export interface PbsGroup {
  /** `vm`, `ct`, `host`. */
  backupType: string;
  backupId: string;
  /** Epoch seconds. */
  lastBackup: number | null;
  backupCount: number | null;
  files: string[];
  owner: string | null;
  comment: string | null;
}

export function decodeGroups(data: unknown): PbsGroup[] {
  const out: PbsGroup[] = [];
  for (const e of expectList(data, 'backup groups')) {
    const backupType = str(e['backup-type']);
    const backupId = str(e['backup-id']);
    if (backupType === null || backupId === null) continue;
    out.push({
      backupType,
      backupId,
      lastBackup: num(e['last-backup']),
      backupCount: int(e['backup-count']),
      files: strList(e.files),
      owner: str(e.owner),
      comment: str(e.comment),
    });
  }
  return out;
}

export interface PbsSnapshotFile {
  filename: string;
  /** `none`, `encrypt`, `sign-only`. */
  cryptMode: string | null;
  /** Bytes. */
  size: number | null;
}

export interface PbsSnapshot {
  backupType: string;
  backupId: string;
  /** Epoch seconds. */
  backupTime: number;
  files: PbsSnapshotFile[];
  /** Bytes; absent on old snapshots. */
  size: number | null;
  owner: string | null;
  protected: boolean;
  comment: string | null;
  /** Null when never verified. */
  verification: { state: string | null; upid: string | null } | null;
  fingerprint: string | null;
}

export function decodeSnapshots(data: unknown): PbsSnapshot[] {
  const out: PbsSnapshot[] = [];
  for (const e of expectList(data, 'snapshots')) {
    const backupType = str(e['backup-type']);
    const backupId = str(e['backup-id']);
    const backupTime = num(e['backup-time']);
    if (backupType === null || backupId === null || backupTime === null) continue;
    out.push({
      backupType,
      backupId,
      backupTime,
      files: snapshotFiles(e.files),
      size: num(e.size),
      owner: str(e.owner),
      protected: bool(e.protected) ?? false,
      comment: str(e.comment),
      verification: nested(e.verification, (v) => ({ state: str(v.state), upid: str(v.upid) })),
      fingerprint: str(e.fingerprint),
    });
  }
  return out;
}

/** Files come as objects; very old servers sent bare names. */
function snapshotFiles(value: unknown): PbsSnapshotFile[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f): PbsSnapshotFile[] => {
    if (typeof f === 'string') return [{ filename: f, cryptMode: null, size: null }];
    if (!isObject(f)) return [];
    const filename = str(f.filename);
    return filename === null
      ? []
      : [{ filename, cryptMode: str(f['crypt-mode']), size: num(f.size) }];
  });
}

export interface PbsNamespace {
  /** `""` is the root namespace. */
  ns: string;
  comment: string | null;
}

export function decodeNamespaces(data: unknown): PbsNamespace[] {
  const out: PbsNamespace[] = [];
  for (const e of expectList(data, 'namespaces')) {
    const ns = str(e.ns);
    if (ns !== null) out.push({ ns, comment: str(e.comment) });
  }
  return out;
}
