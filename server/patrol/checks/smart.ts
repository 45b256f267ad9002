import type { FindingDraft } from '../finding.ts';
import { type CheckContext, subjectOf } from './context.ts';

const healthy = new Set(['PASSED', 'OK', 'UNKNOWN']);

/** Physical disks whose SMART health is not good, or whose flash is nearly worn out. */
export function smartCheck({ inputs, thresholds }: CheckContext): FindingDraft[] {
  const { wearoutWarningPercent, wearoutCriticalPercent } = thresholds.smart;
  const out: FindingDraft[] = [];
  for (const disk of inputs.resources) {
    if (disk.type !== 'physicalDisk') continue;
    const health = disk.details.health?.toUpperCase() ?? null;
    const wearout = disk.details.wearoutPercent;
    const badHealth = health !== null && !healthy.has(health);
    const worn = wearout !== null && wearout <= wearoutWarningPercent;
    if (!badHealth && !worn) continue;
    const critical = health === 'FAILED' || (wearout !== null && wearout <= wearoutCriticalPercent);
    const what = `Disk ${disk.details.devPath} on ${disk.details.node}${disk.details.model ? ` (${disk.details.model})` : ''}`;
    out.push({
      check: 'smart',
      subject: subjectOf(disk),
      severity: critical ? 'critical' : 'warning',
      category: 'reliability',
      title: badHealth ? `${what}: SMART health ${health}` : `${what} has ${wearout}% life left`,
      description: badHealth
        ? `SMART reports the health of ${what} as ${health}.`
        : `${what} has used up most of its rated write endurance (${wearout}% left).`,
      impact: 'The disk may fail soon; data on it, or the redundancy of its pool, is at risk.',
      recommendation: `Replace the disk${disk.details.serial ? ` (serial ${disk.details.serial})` : ''} and check the pool or RAID it belongs to${disk.details.usedBy ? ` (${disk.details.usedBy})` : ''}.`,
      evidence: {
        summary: badHealth ? `SMART ${health}` : `wearout ${wearout}% left`,
        values: {
          health,
          wearoutPercent: wearout,
          devPath: disk.details.devPath,
          serial: disk.details.serial,
          sizeBytes: disk.details.sizeBytes,
        },
      },
    });
  }
  return out;
}
