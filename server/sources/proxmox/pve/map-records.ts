import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  ReplicationRecord,
  SourceRecords,
  TaskRecord,
} from '../../../resources/records.ts';
import type { PveTask } from '../client/index.ts';
import type { PveRaw, StoredBackup } from './collect.ts';

const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

/** Backups, snapshots, tasks, jobs and replication of a PVE poll. */
export function mapPveRecords(source: string, raw: PveRaw): SourceRecords {
  const guestIds = new Map<number, string>();
  for (const r of raw.resources) {
    if ((r.type === 'qemu' || r.type === 'lxc') && r.vmid !== null)
      guestIds.set(r.vmid, `${source}/${r.type}/${r.vmid}`);
  }
  return {
    backups: raw.backups.map((b) => mapBackup(source, b, guestIds)),
    snapshots: mapSnapshots(source, raw),
    tasks: raw.tasks.map((t) => mapTask(source, t)),
    jobs: mapJobs(source, raw),
    replication: raw.replication.map(
      (r): ReplicationRecord => ({
        id: `${source}/replication/${r.id}`,
        source,
        vmid: r.guest ?? 0,
        sourceNode: r.source ?? '',
        targetNode: r.target ?? '',
        schedule: r.schedule,
        lastSyncAt: ms(r.lastSync),
        nextSyncAt: ms(r.nextSync),
        durationSeconds: r.duration,
        failCount: r.failCount ?? 0,
        error: r.error,
      }),
    ),
  };
}

/** vmid → newest backup time (ms), for the guests' lastBackupAt. */
export function latestBackups(raw: PveRaw): Map<number, number> {
  const latest = new Map<number, number>();
  for (const b of raw.backups) {
    if (b.vmid === null || b.ctime === null) continue;
    latest.set(b.vmid, Math.max(latest.get(b.vmid) ?? 0, b.ctime * 1000));
  }
  return latest;
}

function mapBackup(source: string, b: StoredBackup, guestIds: Map<number, string>): BackupRecord {
  const state = b.verification?.state;
  return {
    id: `${source}/backup/${b.volid}`,
    source,
    origin: 'pve',
    guestId: b.vmid === null ? null : (guestIds.get(b.vmid) ?? null),
    vmid: b.vmid,
    guestType:
      b.subtype === 'lxc'
        ? 'ct'
        : b.subtype === 'qemu'
          ? 'vm'
          : b.format?.includes('ct')
            ? 'ct'
            : 'vm',
    node: b.node,
    storage: b.storage,
    volid: b.volid,
    createdAt: (b.ctime ?? 0) * 1000,
    sizeBytes: b.size,
    notes: b.notes,
    protected: b.protected,
    encrypted: b.encrypted !== null && b.encrypted !== '',
    verification: state === 'ok' || state === 'failed' ? state : null,
    format: b.format,
    owner: null,
  };
}

function mapSnapshots(source: string, raw: PveRaw): GuestSnapshotRecord[] {
  const records: GuestSnapshotRecord[] = [];
  for (const [key, list] of raw.snapshots) {
    const [type, vmidText] = key.split('/');
    const vmid = Number(vmidText);
    const node = raw.resources.find((r) => r.vmid === vmid && r.type === type)?.node ?? '';
    for (const snap of list) {
      records.push({
        id: `${source}/${key}/snapshot/${snap.name}`,
        source,
        guestId: `${source}/${key}`,
        vmid,
        node,
        name: snap.name,
        description: snap.description?.trim() || null,
        createdAt: ms(snap.snapTime),
        includesRam: snap.vmState ?? false,
        parent: snap.parent,
      });
    }
  }
  return records;
}

function mapTask(source: string, t: PveTask): TaskRecord {
  return {
    id: t.upid,
    source,
    node: t.node ?? '',
    type: t.type ?? 'unknown',
    target: t.id || null,
    user: t.tokenId ? `${t.user ?? ''}!${t.tokenId}` : (t.user ?? ''),
    startedAt: (t.startTime ?? 0) * 1000,
    endedAt: ms(t.endTime),
    status: t.statusClass,
    message: t.statusClass === 'ok' || t.statusClass === 'running' ? null : t.status,
  };
}

/** Job definitions carry no results: the last vzdump task on the job's storage stands in. */
function mapJobs(source: string, raw: PveRaw): JobRecord[] {
  const vzdump = raw.tasks
    .filter((t) => t.type === 'vzdump' && t.statusClass !== 'running')
    .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0));
  const last = vzdump[0];
  return raw.backupJobs.map((job) => ({
    id: `${source}/job/${job.id}`,
    source,
    kind: 'vzdump',
    enabled: job.enabled,
    schedule: job.schedule,
    storage: job.storage,
    lastRunAt: last ? ms(last.endTime ?? last.startTime) : null,
    lastRunState: last
      ? last.statusClass === 'ok'
        ? 'ok'
        : last.statusClass === 'warning'
          ? 'warning'
          : 'error'
      : null,
    lastRunMessage: last && last.statusClass !== 'ok' ? last.status : null,
    nextRunAt: ms(job.nextRun),
    comment: job.comment,
  }));
}
