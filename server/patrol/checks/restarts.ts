import type { TaskRecord } from '../../resources/records.ts';
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

const restartTypes = new Set(['qmstart', 'vzstart', 'qmreboot', 'vzreboot', 'qmreset']);

/** Guests started, rebooted or reset again and again: a crash loop, a watchdog or HA at work. */
export function restartsCheck({ inputs, thresholds, now }: CheckContext): FindingDraft[] {
  const { windowHours, warning, critical } = thresholds.restarts;
  const from = now - windowHours * hourMs;
  const bySourceVmid = new Map<string, TaskRecord[]>();
  for (const task of inputs.records.tasks) {
    if (task.target === null || task.startedAt < from || !restartTypes.has(task.type)) continue;
    push(bySourceVmid, `${task.source}/${task.target}`, task);
  }
  if (bySourceVmid.size === 0) return [];
  const out: FindingDraft[] = [];
  for (const resource of inputs.resources) {
    if (!isGuest(resource) || resource.details.template) continue;
    const tasks = bySourceVmid.get(`${resource.source}/${resource.details.vmid}`) ?? [];
    if (tasks.length < warning) continue;
    out.push(finding(resource, tasks, windowHours, tasks.length >= critical));
  }
  return out;
}

function finding(
  guest: Guest,
  tasks: TaskRecord[],
  windowHours: number,
  critical: boolean,
): FindingDraft {
  const failed = tasks.filter((t) => t.status === 'error').length;
  const last = Math.max(...tasks.map((t) => t.startedAt));
  const label = guestLabel(guest);
  return {
    check: 'restarts',
    subject: subjectOf(guest),
    severity: critical ? 'critical' : 'warning',
    category: 'reliability',
    title: `${label} restarted ${tasks.length} times in ${windowHours} hours`,
    description: `${label} was started, rebooted or reset ${tasks.length} times in the last ${windowHours} hours${failed > 0 ? `; ${failed} of those failed` : ''}.`,
    impact: 'Services in the guest are interrupted at every restart; a crash loop hides its cause.',
    recommendation:
      'Read the guest’s logs around the restarts (kernel panics, OOM kills, watchdog, HA fencing) and the task log on the node.',
    evidence: {
      summary: `${tasks.length} start/reboot tasks in ${windowHours} h, ${failed} failed`,
      values: {
        restarts: tasks.length,
        failed,
        windowHours,
        lastRestartAt: last,
        uptimeHours: guest.uptimeSeconds === null ? null : round(guest.uptimeSeconds / 3600, 1),
      },
    },
  };
}
