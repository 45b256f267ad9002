import { type Actor, authorize } from '../access/actor.ts';
import type { EventBus } from '../events/bus.ts';
import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  RecordStore,
  RecordsChange,
  ReplicationRecord,
  TaskRecord,
} from './records.ts';

export interface BackupFilter {
  origin?: 'pve' | 'pbs' | null;
  guestId?: string | null;
  vmid?: number | null;
}

/** Read access to backups, snapshots, tasks and jobs, newest first. */
export class RecordService {
  readonly #records: RecordStore;
  readonly #bus: EventBus;

  constructor(records: RecordStore, bus: EventBus) {
    this.#records = records;
    this.#bus = bus;
  }

  /** One event per poll that changed any record list, for live record views. */
  changes(actor: Actor): AsyncIterableIterator<RecordsChange> {
    authorize(actor, 'read', 'Resource');
    return this.#bus.iterate('records.changed');
  }

  backups(actor: Actor, filter: BackupFilter = {}): BackupRecord[] {
    authorize(actor, 'read', 'Resource');
    return this.#records
      .list('backups')
      .filter(
        (b) =>
          (!filter.origin || b.origin === filter.origin) &&
          (!filter.guestId || b.guestId === filter.guestId) &&
          (filter.vmid == null || b.vmid === filter.vmid),
      )
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  snapshots(actor: Actor, guestId?: string | null): GuestSnapshotRecord[] {
    authorize(actor, 'read', 'Resource');
    return this.#records
      .list('snapshots')
      .filter((s) => !guestId || s.guestId === guestId)
      .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  }

  tasks(actor: Actor, options: { failedOnly?: boolean } = {}): TaskRecord[] {
    authorize(actor, 'read', 'Resource');
    return this.#records
      .list('tasks')
      .filter((t) => !options.failedOnly || t.status === 'error' || t.status === 'warning')
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  jobs(actor: Actor): JobRecord[] {
    authorize(actor, 'read', 'Resource');
    return this.#records.list('jobs');
  }

  replication(actor: Actor): ReplicationRecord[] {
    authorize(actor, 'read', 'Resource');
    return this.#records.list('replication');
  }
}
