import type { Resource, ResourceOf } from '../../resources/model.ts';
import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  TaskRecord,
} from '../../resources/records.ts';
import type { StateAlertSettings } from '../thresholds.ts';
import { type Observation, type Subject, stateObservation } from './observation.ts';
import type { EngineRecords } from './state.ts';

type StateObservation = Omit<Observation, 'monitorOnly'>;
type Guest = ResourceOf<'vm'> | ResourceOf<'container'>;

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The records grouped by the guest they belong to, built once per evaluation: the large
 * estate has 2,000 guests and tens of thousands of backups, too many to scan per guest.
 */
export interface GuestRecords {
  backupsByGuest: Map<string, BackupRecord[]>;
  /** PBS does not know PVE's resource ids: its backups match on VMID and guest type. */
  backupsByVmid: Map<string, BackupRecord[]>;
  /** Finished vzdump tasks by `<source>/<vmid>`. */
  backupTasks: Map<string, TaskRecord[]>;
  snapshotsByGuest: Map<string, GuestSnapshotRecord[]>;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export function indexRecords(records: EngineRecords): GuestRecords {
  const index: GuestRecords = {
    backupsByGuest: new Map(),
    backupsByVmid: new Map(),
    backupTasks: new Map(),
    snapshotsByGuest: new Map(),
  };
  for (const b of records.backups) {
    if (b.guestId !== null) push(index.backupsByGuest, b.guestId, b);
    else push(index.backupsByVmid, `${b.guestType}/${b.vmid}`, b);
  }
  for (const t of records.tasks) {
    if (t.type === 'vzdump' && t.endedAt) push(index.backupTasks, `${t.source}/${t.target}`, t);
  }
  for (const s of records.snapshots) push(index.snapshotsByGuest, s.guestId, s);
  return index;
}

/** Backup age, missing or failed backups and snapshot age of one guest. */
export function observeGuestRecords(
  guest: Guest,
  subject: Subject,
  records: GuestRecords,
  settings: StateAlertSettings,
  now: number,
): StateObservation[] {
  if (guest.details.template) return [];
  return [
    ...backupAge(guest, subject, records, settings, now),
    ...backupFailed(guest, subject, records, settings),
    ...snapshotAge(guest, subject, records, settings, now),
  ];
}

function guestBackups(guest: Guest, records: GuestRecords): BackupRecord[] {
  const guestType = guest.type === 'vm' ? 'vm' : 'ct';
  return [
    ...(records.backupsByGuest.get(guest.id) ?? []),
    ...(records.backupsByVmid.get(`${guestType}/${guest.details.vmid}`) ?? []),
  ];
}

function backupAge(
  guest: Guest,
  subject: Subject,
  records: GuestRecords,
  settings: StateAlertSettings,
  now: number,
): StateObservation[] {
  const { enabled, warningHours, criticalHours, missing } = settings.backupAge;
  if (!enabled) return [];
  const times = guestBackups(guest, records).map((b) => b.createdAt);
  if (guest.details.lastBackupAt !== null) times.push(guest.details.lastBackupAt);
  if (times.length === 0) {
    return missing ? [stateObservation(subject, 'backup-missing', 'warning')] : [];
  }
  const ageHours = (now - Math.max(...times)) / hourMs;
  if (ageHours < warningHours) return [];
  const level = ageHours >= criticalHours ? 'critical' : 'warning';
  const threshold = level === 'critical' ? criticalHours : warningHours;
  return [
    stateObservation(subject, 'backup-age', level, { value: ageHours, threshold, unit: 'h' }),
  ];
}

function backupFailed(
  guest: Guest,
  subject: Subject,
  records: GuestRecords,
  settings: StateAlertSettings,
): StateObservation[] {
  const { enabled, level } = settings.backupFailed;
  if (!enabled) return [];
  const vmid = String(guest.details.vmid);
  const lastTask = newest(
    records.backupTasks.get(`${guest.source}/${vmid}`) ?? [],
    (t) => t.startedAt,
  );
  const lastBackup = newest(guestBackups(guest, records), (b) => b.createdAt);
  const failed = lastTask?.status === 'error' || lastBackup?.verification === 'failed';
  return failed ? [stateObservation(subject, 'backup-failed', level)] : [];
}

function snapshotAge(
  guest: Guest,
  subject: Subject,
  records: GuestRecords,
  settings: StateAlertSettings,
  now: number,
): StateObservation[] {
  const { enabled, warningDays, criticalDays } = settings.snapshotAge;
  if (!enabled) return [];
  const times = (records.snapshotsByGuest.get(guest.id) ?? [])
    .filter((s) => s.createdAt !== null && s.name !== 'current')
    .map((s) => s.createdAt as number);
  if (times.length === 0) return [];
  const ageDays = (now - Math.min(...times)) / dayMs;
  if (ageDays < warningDays) return [];
  const level = ageDays >= criticalDays ? 'critical' : 'warning';
  const threshold = level === 'critical' ? criticalDays : warningDays;
  return [
    stateObservation(subject, 'snapshot-age', level, { value: ageDays, threshold, unit: 'd' }),
  ];
}

function newest<T>(items: T[], time: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best && time(best) >= time(item) ? best : item),
    undefined,
  );
}

export function jobKey(job: JobRecord): string {
  return `job:${job.source}:${job.id}`;
}

const jobKindLabel: Record<JobRecord['kind'], string> = {
  vzdump: 'Backup',
  sync: 'Sync',
  verify: 'Verify',
  prune: 'Prune',
  gc: 'Garbage collection',
};

/** "Backup job nightly": the job's own comment or id, without the source prefix Pulse adds. */
function jobName(job: JobRecord): string {
  const own = job.comment?.trim() || job.id.slice(job.id.lastIndexOf('/') + 1);
  return `${jobKindLabel[job.kind]} job ${own}`;
}

/**
 * A failed job has no resource of its own: it is shown on the datastore it works on, else on
 * its source's PBS or first node. Its alert keys on the job, so two jobs never share one.
 */
export function observeJob(
  job: JobRecord,
  resources: readonly Resource[],
  settings: StateAlertSettings,
): StateObservation[] {
  const { enabled, level } = settings.jobFailed;
  if (!enabled || !job.enabled || job.lastRunState !== 'error') return [];
  const own = resources.filter((r) => r.source === job.source);
  const home =
    own.find((r) => r.type === 'pbsDatastore' && r.name === job.storage) ??
    own.find((r) => r.type === 'pbs') ??
    own.filter((r) => r.type === 'node').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!home) return [];
  const subject: Subject = {
    resourceId: home.id,
    resourceKey: jobKey(job),
    resourceName: jobName(job),
    resourceType: home.type,
    node: home.type === 'node' ? home.name : null,
    instance: job.source,
  };
  return [stateObservation(subject, 'job-failed', level)];
}
