import type { BackupRun } from './backups.ts';
import { DAY, epochSeconds, MINUTE, SECOND } from './clock.ts';
import type { EstateModel } from './live.ts';
import { keyOf, pick, unit } from './noise.ts';
import { pveUpid, taskPid } from './upid.ts';

export interface PveTask {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  type: string;
  id: string;
  user: string;
  start: number;
  end: number;
  /** Final status: 'OK', 'WARNINGS: n' or the error text. */
  status: string;
  log: (at: number) => string[];
}

const WINDOW = 7 * DAY;

function task(
  node: string,
  key: number,
  start: number,
  end: number,
  type: string,
  id: string,
  status: string,
  log: (at: number) => string[],
): PveTask {
  const { pid, pstart } = taskPid(key);
  const user = 'root@pam';
  return {
    upid: pveUpid(node, key, epochSeconds(start), type, id, user),
    node,
    pid,
    pstart,
    type,
    id,
    user,
    start,
    end,
    status,
    log,
  };
}

/** Everything a node did in the last week (newest first), running tasks included. */
export function nodeTasks(model: EstateModel, node: string, at: number): PveTask[] {
  const plan = model.nodeByName.get(node);
  if (!plan) return [];
  const seed = model.plan.seed;
  const from = at - WINDOW;
  const out: PveTask[] = model.backups.runs(node, from, at).map((run) => vzdumpTask(run));
  const guests = model.plan.guests.filter((g) => g.node === node);
  for (let day = Math.floor(from / DAY); day <= Math.floor(at / DAY); day++) {
    const k = keyOf(seed, 'tasks', node, day);
    const apt = day * DAY + 4 * 60 * MINUTE + Math.floor(unit(k, 1) * 50) * MINUTE;
    out.push(
      task(
        node,
        k,
        apt,
        apt + (6 + Math.floor(8 * unit(k, 2))) * SECOND,
        'aptupdate',
        '',
        'OK',
        () => [
          'starting apt-get update',
          'Hit:1 http://deb.debian.org/debian trixie InRelease',
          'Hit:2 http://download.proxmox.com/debian/pve trixie InRelease',
          'Reading package lists...',
          'TASK OK',
        ],
      ),
    );
    const consoles = Math.floor(unit(k, 3) * 3);
    for (let i = 0; i < consoles && guests.length > 0; i++) {
      const guest = pick(guests, unit(k, 10 + i));
      const start = day * DAY + (8 * 60 + Math.floor(unit(k, 20 + i) * 720)) * MINUTE;
      const end = start + (2 + Math.floor(unit(k, 30 + i) * 40)) * MINUTE;
      out.push(
        task(node, keyOf(k, i), start, end, 'vncproxy', String(guest.vmid), 'OK', () => [
          'TASK OK',
        ]),
      );
    }
    for (const guest of guests) {
      if (guest.type !== 'qemu' || guest.running || guest.template || guest.vmid % 3 !== 2)
        continue;
      if (day % 3 !== 0) continue;
      const start = day * DAY + (9 * 60 + (guest.vmid % 50)) * MINUTE;
      const error = 'start failed: QEMU exited with code 1';
      out.push(
        task(
          node,
          keyOf(k, 'qmstart', guest.vmid),
          start,
          start + 4 * SECOND,
          'qmstart',
          String(guest.vmid),
          error,
          () => [
            `kvm: -drive file=/dev/pve/vm-${guest.vmid}-disk-1,if=none,id=drive-tpmstate0: Could not open '/dev/pve/vm-${guest.vmid}-disk-1': No such file or directory`,
            `TASK ERROR: ${error}`,
          ],
        ),
      );
    }
  }
  for (const guest of guests) {
    if (!guest.running || guest.template) continue;
    const period = guest.restartPeriodSec * 1000;
    const phase = guest.restartPhaseSec * 1000;
    for (
      let boot = Math.floor((from - phase) / period) * period + phase;
      boot <= at;
      boot += period
    ) {
      if (boot < from) continue;
      const type = guest.type === 'qemu' ? 'qmreboot' : 'vzreboot';
      const k = keyOf(seed, 'reboot', guest.vmid, boot);
      out.push(
        task(node, k, boot - 20 * SECOND, boot + 3 * SECOND, type, String(guest.vmid), 'OK', () => [
          'TASK OK',
        ]),
      );
    }
  }
  for (const spell of model.state.offline) {
    if (spell.node !== node || spell.to === null || spell.to < from || spell.to > at) continue;
    const start = spell.to + 30 * SECOND;
    const k = keyOf(seed, 'startall', node, spell.to);
    out.push(task(node, k, start, start + 25 * SECOND, 'startall', '', 'OK', () => ['TASK OK']));
  }
  return out
    .filter(
      (t) =>
        t.start <= at &&
        t.start >= from &&
        (t.type === 'vzdump' || !model.state.wasOffline(node, t.start)),
    )
    .sort((a, b) => b.start - a.start || (a.upid < b.upid ? 1 : -1));
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function vzdumpTask(run: BackupRun): PveTask {
  const failed = run.items.filter((i) => !i.ok);
  const status = failed.length > 0 ? 'job errors' : 'OK';
  const { job } = run;
  const log = (at: number) => {
    const selection = job.vmids
      ? `${job.vmids.join(' ')}`
      : `--all 1${job.exclude.length ? ` --exclude ${job.exclude.join(',')}` : ''}`;
    const lines = [
      `INFO: starting new backup job: vzdump ${selection} --mode snapshot --storage ${job.storage} --notes-template '{{guestname}}' --prune-backups '${job.prune}' --node ${run.node} --fleecing 0`,
    ];
    for (const item of run.items) {
      if (item.start > at) break;
      const kind = item.guest.type === 'qemu' ? 'VM' : 'CT';
      lines.push(`INFO: Starting Backup of ${kind} ${item.guest.vmid} (${item.guest.type})`);
      lines.push(`INFO: Backup started at ${stamp(item.start)}`);
      lines.push(
        `INFO: status = ${item.guest.running && !item.guest.template ? 'running' : 'stopped'}`,
      );
      lines.push(`INFO: ${kind} Name: ${item.guest.name}`);
      if (item.end > at) continue;
      if (item.ok) {
        lines.push(
          `INFO: Finished Backup of ${kind} ${item.guest.vmid} (${duration(item.end - item.start)})`,
        );
        lines.push(`INFO: Backup finished at ${stamp(item.end)}`);
      } else {
        lines.push(`ERROR: Backup of ${kind} ${item.guest.vmid} failed - ${item.error}`);
        lines.push(`INFO: Failed at ${stamp(item.end)}`);
      }
    }
    if (at < run.end) return lines;
    if (failed.length > 0) {
      lines.push('INFO: Backup job finished with errors');
      lines.push('TASK ERROR: job errors');
    } else {
      lines.push('INFO: Backup job finished successfully');
      lines.push('TASK OK');
    }
    return lines;
  };
  return {
    upid: run.upid,
    node: run.node,
    pid: run.pid,
    pstart: run.pstart,
    type: 'vzdump',
    id: '',
    user: 'root@pam',
    start: run.start,
    end: run.end,
    status,
    log,
  };
}
