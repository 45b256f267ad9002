import type { Resource } from '../../resources/model.ts';
import { type FindingDraft, type FindingSeverity, percent, round, worst } from '../finding.ts';
import { fillsUp } from '../inputs.ts';
import { projectFull } from '../trend.ts';
import { type CheckContext, hourMs, subjectOf } from './context.ts';

const kinds: Partial<Record<Resource['type'], string>> = {
  storage: 'Storage',
  pbsDatastore: 'Datastore',
  node: 'Root disk of node',
  host: 'Disk of host',
  vm: 'Disk of VM',
  container: 'Disk of container',
};

/**
 * Disks, storages and datastores that are nearly full now, or will be within the horizon at
 * the growth the last days of history show (least squares over up to 7 days).
 */
export function capacityCheck({ inputs, thresholds }: CheckContext): FindingDraft[] {
  const t = thresholds.capacity;
  const [watchAt, warnAt, critAt] = t.usage;
  const [critDays, warnDays, horizonDays] = t.daysToFull;
  const out: FindingDraft[] = [];
  for (const resource of uniqueStorages(inputs.resources.filter(fillsUp))) {
    const disk = resource.disk;
    if (!disk || resource.status === 'offline' || resource.status === 'stopped') continue;
    const used = disk.usedBytes / disk.totalBytes;
    const projection = projectFull(inputs.history.usage.get(resource.id) ?? [], used, {
      minSpanMs: t.minSpanHours * hourMs,
      minPoints: t.minPoints,
      minGrowthPerDay: t.minGrowthPerDay,
      minFit: t.minFit,
    });
    const daysToFull =
      projection && projection.daysToFull < horizonDays ? projection.daysToFull : null;
    const byUsage: FindingSeverity | null =
      used >= critAt ? 'critical' : used >= warnAt ? 'warning' : used >= watchAt ? 'watch' : null;
    const byTrend: FindingSeverity | null =
      daysToFull === null
        ? null
        : daysToFull < critDays
          ? 'critical'
          : daysToFull < warnDays
            ? 'warning'
            : 'watch';
    const severity = worst(byUsage, byTrend);
    if (severity === null) continue;
    const what = `${kinds[resource.type] ?? 'Disk of'} ${resource.name}`;
    const freeGb = (disk.totalBytes - disk.usedBytes) / 1e9;
    const trend =
      projection && daysToFull !== null
        ? `, growing ${percent(projection.growthPerDay)} per day: full in about ${daysToFull.toFixed(1)} days`
        : '';
    out.push({
      check: 'capacity',
      subject: subjectOf(resource),
      severity,
      category: 'capacity',
      title:
        daysToFull !== null
          ? `${what} will be full in ${daysToFull < 1 ? 'under a day' : `${Math.round(daysToFull)} days`}`
          : `${what} is ${percent(used)} full`,
      description: `${what} is ${percent(used)} used (${freeGb.toFixed(1)} GB free)${trend}.`,
      impact:
        resource.type === 'storage' || resource.type === 'pbsDatastore'
          ? 'When it is full, writes fail: guests on it pause or error, backups to it fail.'
          : 'When it is full, services on it fail to write and may stop.',
      recommendation:
        resource.type === 'pbsDatastore'
          ? 'Review prune and retention settings, run garbage collection, or add space to the datastore.'
          : 'Free space (old backups, ISOs, snapshots, logs) or grow the volume before it fills.',
      evidence: {
        summary: `used ${percent(used)}${trend}`,
        values: {
          used: round(used),
          usedBytes: disk.usedBytes,
          totalBytes: disk.totalBytes,
          growthPerDay: projection ? round(projection.growthPerDay, 4) : null,
          daysToFull: daysToFull === null ? null : round(daysToFull, 1),
          fit: projection ? round(projection.fit, 2) : null,
          historyDays: projection ? round(projection.spanDays, 1) : null,
        },
      },
    });
  }
  return out;
}

/** A shared storage is reported by every node that mounts it: keep one of them. */
function uniqueStorages(resources: Resource[]): Resource[] {
  const seen = new Set<string>();
  return [...resources]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((r) => {
      if (r.type !== 'storage' || !r.details.shared) return true;
      const key = `${r.source}\u0000${r.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
