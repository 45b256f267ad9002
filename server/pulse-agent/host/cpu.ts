import { setTimeout as sleep } from 'node:timers/promises';
import { readText } from './files.ts';

/** The aggregate `cpu` line of /proc/stat, in jiffies since boot. */
export interface CpuTimes {
  busy: number;
  total: number;
}

/**
 * Reads the first `cpu` line: user nice system idle iowait irq softirq steal [guest guest_nice].
 * Guest time is already counted in user and nice, so it is left out of the total.
 */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return null;
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Percent busy between two samples, 0..100; null when no time passed. */
export function cpuPercentBetween(earlier: CpuTimes, later: CpuTimes): number | null {
  const total = later.total - earlier.total;
  if (total <= 0) return null;
  const busy = Math.max(0, later.busy - earlier.busy);
  return Math.min(100, (busy / total) * 100);
}

export async function readCpuTimes(procRoot: string): Promise<CpuTimes | null> {
  const text = await readText(procRoot, 'stat');
  return text === null ? null : parseProcStat(text);
}

/**
 * CPU use over the time since the previous report (what a dashboard wants between two
 * points), so it keeps the last sample; the first report takes its own short second sample.
 */
export class CpuSampler {
  readonly #procRoot: string;
  readonly #firstGapMs: number;
  #last: CpuTimes | null = null;

  constructor(procRoot: string, firstGapMs = 250) {
    this.#procRoot = procRoot;
    this.#firstGapMs = firstGapMs;
  }

  async percent(): Promise<number | null> {
    if (!this.#last) {
      this.#last = await readCpuTimes(this.#procRoot);
      if (!this.#last) return null;
      await sleep(this.#firstGapMs);
    }
    const now = await readCpuTimes(this.#procRoot);
    if (!now) return null;
    const percent = cpuPercentBetween(this.#last, now);
    this.#last = now;
    return percent;
  }
}
