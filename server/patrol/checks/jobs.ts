import type { JobRecord } from '../../resources/records.ts';
import type { FindingDraft } from '../finding.ts';
import type { CheckContext } from './context.ts';

const kindNames: Record<JobRecord['kind'], string> = {
  vzdump: 'Backup job',
  sync: 'Sync job',
  verify: 'Verify job',
  prune: 'Prune job',
  gc: 'Garbage collection',
};

/** Scheduled jobs whose last run ended in error; failed verify jobs mean unreadable backups. */
export function jobsCheck({ inputs }: CheckContext): FindingDraft[] {
  const failedVerifications = new Map<string, number>();
  for (const b of inputs.records.backups) {
    if (b.verification !== 'failed') continue;
    const key = `${b.source}\u0000${b.storage}`;
    failedVerifications.set(key, (failedVerifications.get(key) ?? 0) + 1);
  }
  const out: FindingDraft[] = [];
  for (const job of inputs.records.jobs) {
    if (!job.enabled || job.lastRunState !== 'error') continue;
    const verify = job.kind === 'verify';
    const name = `${kindNames[job.kind]} ${job.id}${job.storage ? ` on ${job.storage}` : ''}`;
    const unverified = job.storage
      ? (failedVerifications.get(`${job.source}\u0000${job.storage}`) ?? 0)
      : 0;
    out.push({
      check: verify ? 'verify-failed' : 'job-failed',
      subject: { id: `${job.source}/job/${job.kind}/${job.id}`, name, type: 'job', node: null },
      severity: job.kind === 'gc' || job.kind === 'prune' ? 'watch' : 'warning',
      category: job.kind === 'gc' || job.kind === 'prune' ? 'capacity' : 'backup',
      title: verify ? `${name} found bad backups or failed` : `${name} failed`,
      description: `The last run of ${name}${job.lastRunAt ? ` at ${new Date(job.lastRunAt).toISOString()}` : ''} ended in error${job.lastRunMessage ? `: ${job.lastRunMessage}` : ''}.`,
      impact: impactOf(job.kind),
      recommendation: verify
        ? 'Look at which snapshots failed verification, re-run the backups of those guests, and check the datastore disks.'
        : 'Open the job’s last task log, fix the cause and run the job again.',
      evidence: {
        summary: `last run ${job.lastRunState}${job.lastRunMessage ? `: ${job.lastRunMessage}` : ''}`,
        values: {
          kind: job.kind,
          lastRunAt: job.lastRunAt,
          lastRunState: job.lastRunState,
          lastRunMessage: job.lastRunMessage,
          storage: job.storage,
          failedVerifications: verify ? unverified : null,
        },
      },
    });
  }
  return out;
}

function impactOf(kind: JobRecord['kind']): string {
  switch (kind) {
    case 'vzdump':
      return 'Guests in this job are not getting fresh backups.';
    case 'sync':
      return 'The off-site or second copy of the backups is falling behind.';
    case 'verify':
      return 'Some backups may not be restorable.';
    default:
      return 'Old backup chunks are not cleaned up, so the datastore keeps filling.';
  }
}
