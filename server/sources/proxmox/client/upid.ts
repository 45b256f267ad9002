/** `UPID:node:PID:PSTART:STARTTIME:type:id:user:` (hex numbers, trailing colon). */
export interface PveUpid {
  node: string;
  pid: number;
  pstart: number;
  /** Epoch seconds. */
  startTime: number;
  type: string;
  id: string | null;
  /** `user@realm` or `user@realm!token`. */
  user: string;
}

/** PBS adds a task counter and systemd-escapes the worker id. */
export interface PbsUpid {
  node: string;
  pid: number;
  pstart: number;
  taskId: number;
  startTime: number;
  workerType: string;
  workerId: string | null;
  authId: string;
}

const PVE_UPID =
  /^UPID:([^:\s]+):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/;
const PBS_UPID =
  /^UPID:([^:\s]+):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8,16}):([0-9A-Fa-f]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/;

export function parsePveUpid(upid: string): PveUpid | null {
  const m = PVE_UPID.exec(upid);
  if (m === null) return null;
  const [, node, pid, pstart, start, type, id, user] = m;
  if (!node || !pid || !pstart || !start || !type || id === undefined || !user) return null;
  return {
    node,
    pid: hex(pid),
    pstart: hex(pstart),
    startTime: hex(start),
    type,
    id: id === '' ? null : id,
    user,
  };
}

export function parsePbsUpid(upid: string): PbsUpid | null {
  const m = PBS_UPID.exec(upid);
  if (m === null) return null;
  const [, node, pid, pstart, taskId, start, type, id, authId] = m;
  if (!node || !pid || !pstart || !taskId || !start || !type || id === undefined || !authId) {
    return null;
  }
  return {
    node,
    pid: hex(pid),
    pstart: hex(pstart),
    taskId: hex(taskId),
    startTime: hex(start),
    workerType: type,
    workerId: id === '' ? null : unescapeSystemd(id),
    authId,
  };
}

/** systemd unit escaping as PBS applies it: `-` stands for `/`, `\xNN` for a byte. */
export function unescapeSystemd(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hexByte = /^\\x([0-9A-Fa-f]{2})$/.exec(text.slice(i, i + 4))?.[1];
    if (hexByte !== undefined) {
      bytes.push(Number.parseInt(hexByte, 16));
      i += 3;
    } else if (text[i] === '-') {
      bytes.push(0x2f);
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function hex(text: string): number {
  return Number.parseInt(text, 16);
}

export type TaskStatusClass = 'running' | 'ok' | 'warning' | 'error' | 'unknown';

/** The classes PVE and PBS use for `statusfilter`, plus running for unfinished tasks. */
export function taskStatusClass(status: string | null, endTime: number | null): TaskStatusClass {
  if (status === null || status === '') return endTime === null ? 'running' : 'unknown';
  const text = status.trim();
  if (text.toUpperCase() === 'RUNNING') return 'running';
  if (text === 'OK') return 'ok';
  if (/^WARNINGS?:/i.test(text)) return 'warning';
  if (text === 'unknown' || text === 'unexpected status') return 'unknown';
  return 'error';
}
