import { hex, mix } from './noise.ts';

/** Process id and start (jiffies) for a task: plausible, stable per task key. */
export function taskPid(key: number): { pid: number; pstart: number } {
  return {
    pid: 1_000 + (mix(key, 1) % 3_000_000),
    pstart: 10_000_000 + (mix(key, 2) % 400_000_000),
  };
}

/** PVE: UPID:node:PID:PSTART:STARTTIME:type:id:user: (hex fields upper-case, trailing colon). */
export function pveUpid(
  node: string,
  key: number,
  startSec: number,
  type: string,
  id: string,
  user: string,
): string {
  const { pid, pstart } = taskPid(key);
  return `UPID:${node}:${hex(pid)}:${hex(pstart)}:${hex(startSec)}:${type}:${id}:${user}:`;
}

/** systemd unit-name escaping, which PBS applies to worker ids inside a UPID. */
export function systemdEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '/') out += '-';
    else if (/[A-Za-z0-9_.]/.test(ch)) out += ch;
    else out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** PBS: UPID:node:PID:PSTART:TASKID:STARTTIME:worker_type:worker_id:authid: */
export function pbsUpid(
  node: string,
  key: number,
  startSec: number,
  workerType: string,
  workerId: string,
  authid: string,
): string {
  const { pid, pstart } = taskPid(key);
  const taskId = mix(key, 3) % 0xffff;
  return `UPID:${node}:${hex(pid)}:${hex(pstart)}:${hex(taskId)}:${hex(startSec)}:${workerType}:${systemdEscape(workerId)}:${authid}:`;
}
