import type { BackupRecord, TaskRecord } from '../../resources/records.ts';
import { type FindingDraft, round } from '../finding.ts';
import {
  type CheckContext,
  type Guest,
  guestLabel,
  hourMs,
  isGuest,
  push,
  subjectOf,
} from './context.ts';

interface BackupIndex {
  byGuest: Map<string, BackupRecord[]>;
  /** PBS does not know PVE's resource ids: its backups match on VMID and guest type. */
  byVmid: Map<string, BackupRecord[]>;
  /** Finished vzdump tasks by `<source>/<vmid>`, or `<source>/node/<node>` for whole-job runs. */
  tasks: Map<string, TaskRecord[]>;
}

function index(backups: readonly BackupRecord[], tasks: readonly TaskRecord[]): BackupIndex {
  const out: BackupIndex = { byGuest: new Map(), byVmid: new Map(), tasks: new Map() };
  for (const b of backups) {
    if (b.guestId !== null) push(out.byGuest, b.guestId, b);
    else push(out.byVmid, `${b.guestType}/${b.vmid}`, b);
  }
  for (const t of tasks) {
    if (t.type !== 'vzdump' || t.endedAt === null) continue;
    push(
      out.tasks,
      t.target === null ? `${t.source}/node/${t.node}` : `${t.source}/${t.target}`,
      t,
    );
  }
  return out;
}

function newest<T>(items: readonly T[], at: (item: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (best === null || at(item) > at(best)) best = item;
  return best;
}

/**
 * Per guest: no backup at all, the last one too old, or the last backup run failed (its
 * vzdump task ended in error, or its newest backup failed verification).
 */
export function backupsCheck({ inputs, thresholds, now }: CheckContext): FindingDraft[] {
  const { warningHours, criticalHours, missing } = thresholds.backups;
  const idx = index(inputs.records.backups, inputs.records.tasks);
  const out: FindingDraft[] = [];
  for (const guest of inputs.resources) {
    if (!isGuest(guest) || guest.details.template) continue;
    const backups = [
      ...(idx.byGuest.get(guest.id) ?? []),
      ...(idx.byVmid.get(`${guest.type === 'vm' ? 'vm' : 'ct'}/${guest.details.vmid}`) ?? []),
    ];
    const lastBackup = newest(backups, (b) => b.createdAt);
    const lastAt = Math.max(lastBackup?.createdAt ?? 0, guest.details.lastBackupAt ?? 0) || null;
    const own = idx.tasks.get(`${guest.source}/${guest.details.vmid}`) ?? [];
    const nodeRuns = idx.tasks.get(`${guest.source}/node/${guest.details.node}`) ?? [];
    const lastTask = newest([...own, ...nodeRuns], (t) => t.startedAt);
    const label = guestLabel(guest);
    if (lastAt === null) {
      if (missing) out.push(missingFinding(guest, label, lastTask));
    } else {
      const ageHours = (now - lastAt) / hourMs;
      if (ageHours >= warningHours)
        out.push(staleFinding(guest, label, ageHours, ageHours >= criticalHours, warningHours));
    }
    // A whole-job run (no target) that failed only counts for guests it left without a backup.
    const taskFailed =
      lastTask?.status === 'error' &&
      (lastTask.target !== null || lastAt === null || lastAt < lastTask.startedAt);
    const verifyFailed = lastBackup?.verification === 'failed';
    if (taskFailed || verifyFailed)
      out.push(failedFinding(guest, label, taskFailed ? lastTask : null, lastBackup, lastAt, now));
  }
  return out;
}

function missingFinding(guest: Guest, label: string, lastTask: TaskRecord | null): FindingDraft {
  return {
    check: 'backup-missing',
    subject: subjectOf(guest),
    severity: 'warning',
    category: 'backup',
    title: `${label} has no backup`,
    description: `No backup of ${label} was found on any storage or backup server Pulse watches.`,
    impact: 'If its disk is lost or corrupted, the guest cannot be restored.',
    recommendation: 'Add the guest to a backup job (Datacenter → Backup) or exclude it on purpose.',
    evidence: {
      summary: 'no backup found',
      values: { backups: 0, lastBackupTaskStatus: lastTask?.status ?? null },
    },
  };
}

function staleFinding(
  guest: Guest,
  label: string,
  ageHours: number,
  critical: boolean,
  warningHours: number,
): FindingDraft {
  const ageDays = ageHours / 24;
  return {
    check: 'backup-stale',
    subject: subjectOf(guest),
    severity: critical ? 'critical' : 'warning',
    category: 'backup',
    title: `Last backup of ${label} is ${Math.floor(ageDays)} days old`,
    description: `The newest backup of ${label} was made ${ageDays.toFixed(1)} days ago; backups are expected at least every ${round(warningHours / 24, 1)} days.`,
    impact: 'A restore would lose everything since that backup.',
    recommendation:
      'Check that the guest is still in a backup job and that the job runs and succeeds.',
    evidence: {
      summary: `last backup ${ageDays.toFixed(1)} days ago`,
      values: {
        ageHours: round(ageHours, 1),
        ageDays: round(ageDays, 1),
        thresholdHours: warningHours,
      },
    },
  };
}

/** `failedTask` is null when the failure is a failed verification. */
function failedFinding(
  guest: Guest,
  label: string,
  failedTask: TaskRecord | null,
  lastBackup: BackupRecord | null,
  lastAt: number | null,
  now: number,
): FindingDraft {
  const lastTask = failedTask;
  const taskFailed = failedTask !== null;
  const run =
    failedTask?.target === null
      ? `the last backup run on node ${failedTask.node} failed and left it without a new backup`
      : 'the last backup task failed';
  const reason = failedTask
    ? `${run}${failedTask.message ? ` (${failedTask.message})` : ''}`
    : `its newest backup (${lastBackup?.volid ?? 'unknown'}) failed verification`;
  return {
    check: 'backup-failed',
    subject: subjectOf(guest),
    severity: 'warning',
    category: 'backup',
    title: `Backup of ${label} failed`,
    description: `For ${label}, ${reason}.`,
    impact: 'The guest is not protected by a fresh, restorable backup.',
    recommendation: taskFailed
      ? 'Open the failed vzdump task log on the node, fix the cause (storage space, locks, guest agent) and run the backup again.'
      : 'Run a new backup and verify it; check the datastore’s disks if verification keeps failing.',
    evidence: {
      summary: reason,
      values: {
        lastTaskStatus: lastTask?.status ?? null,
        lastTaskAt: lastTask?.startedAt ?? null,
        lastTaskMessage: lastTask?.message ?? null,
        lastVerification: lastBackup?.verification ?? null,
        lastBackupAgeHours: lastAt === null ? null : round((now - lastAt) / hourMs, 1),
      },
    },
  };
}
