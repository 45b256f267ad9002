import type { GuestSnapshotRecord } from '../../resources/records.ts';
import { type FindingDraft, round } from '../finding.ts';
import { type CheckContext, dayMs, guestLabel, isGuest, push, subjectOf } from './context.ts';

/** Guests collecting snapshots: each one holds old blocks and slows disk I/O on some storages. */
export function snapshotsCheck({ inputs, thresholds, now }: CheckContext): FindingDraft[] {
  const [watchCount, warnCount] = thresholds.snapshots.count;
  const [watchAge, warnAge] = thresholds.snapshots.ageDays;
  const byGuest = new Map<string, GuestSnapshotRecord[]>();
  for (const s of inputs.records.snapshots) {
    // PVE lists the running state as a snapshot called "current".
    if (s.name !== 'current') push(byGuest, s.guestId, s);
  }
  if (byGuest.size === 0) return [];
  const out: FindingDraft[] = [];
  for (const guest of inputs.resources) {
    if (!isGuest(guest)) continue;
    const snapshots = byGuest.get(guest.id);
    if (!snapshots) continue;
    const times = snapshots.map((s) => s.createdAt).filter((t): t is number => t !== null);
    const oldestDays = times.length > 0 ? (now - Math.min(...times)) / dayMs : null;
    const count = snapshots.length;
    const warn = count >= warnCount || (oldestDays !== null && oldestDays >= warnAge);
    const watch = count >= watchCount || (oldestDays !== null && oldestDays >= watchAge);
    if (!warn && !watch) continue;
    const label = guestLabel(guest);
    const old = oldestDays !== null && oldestDays >= watchAge;
    out.push({
      check: 'snapshot-sprawl',
      subject: subjectOf(guest),
      severity: warn ? 'warning' : 'watch',
      category: 'capacity',
      title: old
        ? `${label} keeps a snapshot ${Math.floor(oldestDays ?? 0)} days old`
        : `${label} has ${count} snapshots`,
      description: `${label} has ${count} snapshot${count === 1 ? '' : 's'}${oldestDays === null ? '' : `, the oldest ${oldestDays.toFixed(0)} days old`}.`,
      impact:
        'Snapshots are not backups; they keep old data on the same storage, use space and can slow disk writes.',
      recommendation:
        'Delete snapshots that are no longer needed; keep rollback points short-lived.',
      evidence: {
        summary: `${count} snapshots${oldestDays === null ? '' : `, oldest ${oldestDays.toFixed(0)} days`}`,
        values: { snapshots: count, oldestDays: oldestDays === null ? null : round(oldestDays, 1) },
      },
    });
  }
  return out;
}
