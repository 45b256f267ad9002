import type { EventBus } from '../events/bus.ts';

/**
 * Records are what a source reports that is not a monitored thing with a status of its own:
 * backups, guest snapshots, tasks, jobs. They are kept per source like resources, replaced
 * whole on every poll, and announced with one `records.changed` event when any list changed.
 */
export interface BackupRecord {
  id: string;
  source: string;
  /** A vzdump archive on PVE storage, or a snapshot in a PBS datastore. */
  origin: 'pve' | 'pbs';
  /** The resource id of the guest when it is known to this source. */
  guestId: string | null;
  vmid: number | null;
  guestType: 'vm' | 'ct' | 'host';
  node: string | null;
  /** PVE storage name or PBS datastore name. */
  storage: string;
  volid: string;
  createdAt: number;
  sizeBytes: number | null;
  notes: string | null;
  protected: boolean;
  encrypted: boolean;
  verification: 'ok' | 'failed' | null;
  format: string | null;
  owner: string | null;
}

export interface GuestSnapshotRecord {
  id: string;
  source: string;
  guestId: string;
  vmid: number;
  node: string;
  name: string;
  description: string | null;
  createdAt: number | null;
  includesRam: boolean;
  parent: string | null;
}

export interface TaskRecord {
  id: string;
  source: string;
  node: string;
  type: string;
  /** The guest or object the task worked on (vmid, datastore, job id), when given. */
  target: string | null;
  user: string;
  startedAt: number;
  endedAt: number | null;
  status: 'running' | 'ok' | 'warning' | 'error' | 'unknown';
  message: string | null;
}

export interface JobRecord {
  id: string;
  source: string;
  kind: 'vzdump' | 'sync' | 'verify' | 'prune' | 'gc';
  enabled: boolean;
  schedule: string | null;
  /** Storage or datastore the job writes to or works on. */
  storage: string | null;
  lastRunAt: number | null;
  lastRunState: 'ok' | 'warning' | 'error' | null;
  lastRunMessage: string | null;
  nextRunAt: number | null;
  comment: string | null;
}

export interface ReplicationRecord {
  id: string;
  source: string;
  vmid: number;
  sourceNode: string;
  targetNode: string;
  schedule: string | null;
  lastSyncAt: number | null;
  nextSyncAt: number | null;
  durationSeconds: number | null;
  failCount: number;
  error: string | null;
}

export interface SourceRecords {
  backups: BackupRecord[];
  snapshots: GuestSnapshotRecord[];
  tasks: TaskRecord[];
  jobs: JobRecord[];
  replication: ReplicationRecord[];
}

export type RecordKind = keyof SourceRecords;
export const recordKinds: readonly RecordKind[] = [
  'backups',
  'snapshots',
  'tasks',
  'jobs',
  'replication',
];

export function emptyRecords(): SourceRecords {
  return { backups: [], snapshots: [], tasks: [], jobs: [], replication: [] };
}

export interface RecordsChange {
  source: string;
  kinds: RecordKind[];
}

export class RecordStore {
  readonly #bus: EventBus;
  readonly #bySource = new Map<string, SourceRecords>();

  constructor(bus: EventBus) {
    this.#bus = bus;
  }

  /** Replaces a source's records; publishes which kinds changed, if any. */
  apply(source: string, records: SourceRecords): RecordsChange | null {
    const previous = this.#bySource.get(source);
    this.#bySource.set(source, records);
    const changed = recordKinds.filter((kind) =>
      previous ? !sameRecords(previous[kind], records[kind]) : records[kind].length > 0,
    );
    if (changed.length === 0) return null;
    const change = { source, kinds: changed };
    this.#bus.publish('records.changed', change);
    return change;
  }

  removeSource(source: string): void {
    const previous = this.#bySource.get(source);
    if (!previous) return;
    this.#bySource.delete(source);
    const kinds = recordKinds.filter((kind) => previous[kind].length > 0);
    if (kinds.length > 0) this.#bus.publish('records.changed', { source, kinds });
  }

  list<K extends RecordKind>(kind: K): SourceRecords[K] {
    const all: SourceRecords[K][number][] = [];
    for (const records of this.#bySource.values()) all.push(...records[kind]);
    return all as SourceRecords[K];
  }
}

/**
 * Records are flat objects of primitives: comparing them field by field finds a change
 * without serialising tens of thousands of backups on every poll.
 */
function sameRecords(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const left = a[i] as Record<string, unknown>;
    const right = b[i] as Record<string, unknown>;
    if (left === right) continue;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) if (left[key] !== right[key]) return false;
  }
  return true;
}
