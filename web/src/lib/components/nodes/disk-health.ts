import type { DiskResource } from '../resources/kinds.ts';
import type { BadgeTone } from '../ui/tone.ts';

/** Flash with 10% of its rated writes left is about to fail, whatever SMART says. */
const WEAROUT_BAD = 10;
const WEAROUT_WARN = 30;

export function diskTone(disk: DiskResource): BadgeTone {
  if (disk.smartHealth === 'FAILED') return 'bad';
  if (disk.wearoutPercent != null && disk.wearoutPercent <= WEAROUT_BAD) return 'bad';
  if (disk.wearoutPercent != null && disk.wearoutPercent <= WEAROUT_WARN) return 'warn';
  if (disk.smartHealth === 'PASSED' || disk.smartHealth === 'OK') return 'ok';
  return 'off';
}

export function wearoutTone(percent: number | null): BadgeTone {
  if (percent == null) return 'off';
  if (percent <= WEAROUT_BAD) return 'bad';
  if (percent <= WEAROUT_WARN) return 'warn';
  return 'ok';
}

/** Failing disks first, then by node and device, so a problem is never below the fold. */
export function sortDisks(disks: readonly DiskResource[]): DiskResource[] {
  const rank = { bad: 0, warn: 1, off: 2, info: 2, ok: 3 } as const;
  return [...disks].sort(
    (a, b) =>
      rank[diskTone(a)] - rank[diskTone(b)] ||
      a.node.localeCompare(b.node, undefined, { numeric: true }) ||
      a.devPath.localeCompare(b.devPath),
  );
}
