import { epoch } from '../../format.ts';
import type { BackupFieldsFragment, TaskFieldsFragment } from '../../graphql/generated/graphql.ts';
import type { GuestResource } from '../resources/kinds.ts';
import type { BadgeTone } from '../ui/tone.ts';

export type Backup = BackupFieldsFragment;
export type Task = TaskFieldsFragment;

const guestType = (g: GuestResource) => (g.__typename === 'VirtualMachine' ? 'vm' : 'ct');

/**
 * Whether a backup is of this guest. PVE knows its own guests' ids; a Backup Server only knows
 * "vm/105", so its snapshots are matched by type and VMID (the same VMID in two clusters
 * backing up to one datastore would be indistinguishable to PBS as well).
 */
export function isBackupOf(backup: Backup, guest: GuestResource): boolean {
  if (backup.guestId) return backup.guestId === guest.id;
  return backup.vmid === guest.vmid && backup.guestType === guestType(guest);
}

/**
 * A PBS snapshot is listed twice when both PVE (through its PBS storage) and the Backup Server
 * itself are connected. The Backup Server's entry is kept: it knows the datastore and verify
 * state first-hand.
 */
export function dedupeBackups(backups: readonly Backup[]): Backup[] {
  const fromPbs = new Set(
    backups.filter((b) => b.origin === 'pbs').map((b) => `${b.guestType}/${b.vmid}/${b.createdAt}`),
  );
  return backups.filter(
    (b) =>
      !(
        b.origin === 'pve' &&
        b.format?.startsWith('pbs-') &&
        fromPbs.has(`${b.guestType}/${b.vmid}/${b.createdAt}`)
      ),
  );
}

export interface BackupResult {
  tone: BadgeTone;
  label: string;
  detail: string | null;
}

const failed = (t: Task) => t.status === 'error' || t.status === 'warning';

/**
 * The outcome of the guest's most recent backup attempt: a failed attempt newer than the last
 * backup wins. Only tasks that name the guest count: a PBS `backup` task ("store:vm/105") or a
 * vzdump of that guest alone. A whole-job vzdump task covers many guests and may not include
 * this one at all, so its failure is shown with the jobs instead.
 */
export function backupResult(
  guest: GuestResource,
  last: Backup | null,
  tasks: readonly Task[],
): BackupResult {
  const lastAt = epoch(last?.createdAt) ?? 0;
  const pbsTarget = new RegExp(`:${guestType(guest)}/${guest.vmid}$`);
  const attempt = tasks.find(
    (t) =>
      failed(t) &&
      (epoch(t.startedAt) ?? 0) > lastAt &&
      ((t.type === 'backup' && pbsTarget.test(t.target ?? '')) ||
        (t.type === 'vzdump' && t.source === guest.source && t.target === String(guest.vmid))),
  );
  if (!last) {
    return attempt
      ? { tone: 'bad', label: 'Failed', detail: attempt.message }
      : { tone: 'bad', label: 'No backup', detail: null };
  }
  if (attempt) return { tone: 'bad', label: 'Failed', detail: attempt.message };
  if (last.verification === 'failed') {
    return { tone: 'bad', label: 'Verify failed', detail: 'The newest backup failed verification' };
  }
  if (last.verification === 'ok') return { tone: 'ok', label: 'OK, verified', detail: null };
  return { tone: 'ok', label: 'OK', detail: null };
}

export interface GuestCoverage {
  guest: GuestResource;
  /** Newest first. */
  backups: Backup[];
  last: Backup | null;
  lastAt: number | null;
  /** Distinct places the guest's backups are kept. */
  locations: string[];
  result: BackupResult;
}

/** Tasks must be newest first (the API's order), so the first failure found is the latest. */
export function coverage(
  guests: readonly GuestResource[],
  allBackups: readonly Backup[],
  tasks: readonly Task[],
  locationName: (backup: Backup) => string,
): GuestCoverage[] {
  const backups = dedupeBackups(allBackups);
  const rows = guests.map((guest) => {
    const own = backups
      .filter((b) => isBackupOf(b, guest))
      .sort((a, b) => (epoch(b.createdAt) ?? 0) - (epoch(a.createdAt) ?? 0));
    const last = own[0] ?? null;
    return {
      guest,
      backups: own,
      last,
      lastAt: epoch(last?.createdAt),
      locations: [...new Set(own.map(locationName))],
      result: backupResult(guest, last, tasks),
    };
  });
  // Never backed up first, then oldest backup first: the most exposed guest leads.
  return rows.sort(
    (a, b) =>
      (a.lastAt ?? -1) - (b.lastAt ?? -1) ||
      a.guest.name.localeCompare(b.guest.name, undefined, { numeric: true }),
  );
}
