import { type FindingDraft, percent, round } from '../finding.ts';
import { hasMemory } from '../inputs.ts';
import { type CheckContext, hourMs, subjectOf } from './context.ts';

/**
 * Memory that has stayed high for hours (a short peak is normal), from the last day of
 * history; without history nothing is sustained, so nothing is reported.
 */
export function memoryPressureCheck({ inputs, thresholds, now }: CheckContext): FindingDraft[] {
  const { sustained, windowHours, floor } = thresholds.memory;
  const [warnAt, critAt] = sustained;
  const from = now - windowHours * hourMs;
  const out: FindingDraft[] = [];
  for (const resource of inputs.resources) {
    if (!hasMemory(resource) || resource.status === 'offline' || resource.status === 'stopped')
      continue;
    if ((resource.type === 'vm' || resource.type === 'container') && resource.details.template)
      continue;
    const window = (inputs.history.memory.get(resource.id) ?? []).filter((p) => p.t >= from);
    // At least half the window covered, or "sustained" means nothing.
    const first = window[0];
    if (!first || now - first.t < (windowHours * hourMs) / 2 || window.length < 3) continue;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    for (const p of window) {
      sum += p.avg;
      min = Math.min(min, p.min);
    }
    const avg = sum / window.length;
    if (avg < warnAt || min < floor) continue;
    const severity = avg >= critAt ? 'critical' : 'warning';
    const what = resource.type === 'node' ? `Node ${resource.name}` : resource.name;
    out.push({
      check: 'memory-pressure',
      subject: subjectOf(resource),
      severity,
      category: 'performance',
      title: `${what} has been short of memory for ${windowHours} hours`,
      description: `${what} used ${percent(avg)} of its memory on average over the last ${windowHours} hours, never less than ${percent(min)}.`,
      impact:
        resource.type === 'node'
          ? 'The host may swap, slow every guest on it, or start killing processes.'
          : 'The guest may swap or have processes killed by the out-of-memory killer.',
      recommendation:
        resource.type === 'node'
          ? 'Move guests to another node, lower their memory, or add RAM.'
          : 'Give the guest more memory or find what grew inside it.',
      evidence: {
        summary: `memory avg ${percent(avg)}, min ${percent(min)} over ${windowHours} h`,
        values: {
          averageUsed: round(avg),
          minimumUsed: round(min),
          windowHours,
          points: window.length,
        },
      },
    });
  }
  return out;
}

/** Nodes using swap: memory ran out at some point, and swapped-out pages slow the host. */
export function swapCheck({ inputs, thresholds }: CheckContext): FindingDraft[] {
  const [watchAt, warnAt, critAt] = thresholds.swap.used;
  const out: FindingDraft[] = [];
  for (const resource of inputs.resources) {
    if (resource.type !== 'node' || resource.status === 'offline') continue;
    const swap = resource.details.swap;
    if (!swap || swap.totalBytes <= 0) continue;
    const used = swap.usedBytes / swap.totalBytes;
    if (used < watchAt) continue;
    const severity = used >= critAt ? 'critical' : used >= warnAt ? 'warning' : 'watch';
    const memory = resource.memory ? resource.memory.usedBytes / resource.memory.totalBytes : null;
    out.push({
      check: 'swap',
      subject: subjectOf(resource),
      severity,
      category: 'performance',
      title: `Node ${resource.name} is using ${percent(used)} of its swap`,
      description: `Node ${resource.name} has ${(swap.usedBytes / 1e9).toFixed(1)} GB in swap${memory === null ? '' : ` with memory ${percent(memory)} used`}.`,
      impact: 'Guests whose memory is swapped out respond slowly.',
      recommendation:
        'Reduce memory committed to guests on this node or add RAM; check for a leaking process.',
      evidence: {
        summary: `swap ${percent(used)} used`,
        values: {
          swapUsed: round(used),
          swapUsedBytes: swap.usedBytes,
          memoryUsed: memory === null ? null : round(memory),
        },
      },
    });
  }
  return out;
}
