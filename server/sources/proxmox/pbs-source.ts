import type { Logger } from '../../log/logger.ts';
import type { NodeWithCredentials } from '../../nodes/node.service.ts';
import type { ResourceOf } from '../../resources/model.ts';
import type {
  BackupRecord,
  JobRecord,
  SourceRecords,
  TaskRecord,
} from '../../resources/records.ts';
import type { Source, SourceSnapshot } from '../source.ts';
import { PbsClient, type PbsJobState, type PbsSnapshot } from './client/index.ts';
import { degradingReads, type OptionalRead } from './degrade.ts';
import { endpointFor } from './endpoint.ts';
import { mapLimit } from './limit.ts';

const ms = (s: number | null) => (s === null ? null : s * 1000);
const jobState = (state: string | null): JobRecord['lastRunState'] =>
  state === null
    ? null
    : state === 'OK'
      ? 'ok'
      : state.startsWith('WARNINGS')
        ? 'warning'
        : 'error';

/** A Proxmox Backup Server: the server itself, its datastores, their snapshots and jobs. */
export class PbsSource implements Source {
  readonly id: string;
  readonly name: string;
  readonly kind = 'pbs' as const;
  readonly intervalMs: number;
  readonly #client: PbsClient;
  readonly #optional: OptionalRead;

  constructor(node: NodeWithCredentials, intervalMs: number, timeoutMs: number, log: Logger) {
    this.id = node.id;
    this.name = node.name;
    this.intervalMs = intervalMs;
    this.#optional = degradingReads(log.child({ source: node.id }));
    this.#client = new PbsClient(endpointFor(node.host, node, timeoutMs), node.credentials);
  }

  async poll(signal: AbortSignal): Promise<SourceSnapshot> {
    const call = { signal };
    const at = Date.now();
    const c = this.#client;
    const [version, usage] = await Promise.all([c.version(call), c.datastoreUsage(call)]);
    const [status, stores, sync, verify, prune, tasks] = await Promise.all([
      this.#optional('node status', () => c.nodeStatus(call), null),
      mapLimit(usage, 4, async (u) => ({
        usage: u,
        status: await this.#optional(
          `status of ${u.store}`,
          () => c.datastoreStatus(u.store, call),
          null,
        ),
        gc: await this.#optional(
          `garbage collection of ${u.store}`,
          () => c.gcStatus(u.store, call),
          null,
        ),
        snapshots: await this.#optional(
          `snapshots of ${u.store}`,
          () => c.snapshots(u.store, undefined, call),
          [] as PbsSnapshot[],
        ),
      })),
      this.#optional('sync jobs', () => c.syncJobs(call), []),
      this.#optional('verify jobs', () => c.verifyJobs(call), []),
      this.#optional('prune jobs', () => c.pruneJobs(call), []),
      this.#optional('tasks', () => c.tasks({ limit: 50, errors: true }, call), null),
    ]);
    const serverId = `${this.id}/server`;
    const server: ResourceOf<'pbs'> = {
      id: serverId,
      type: 'pbs',
      parentId: null,
      name: this.name,
      status: 'online',
      source: this.id,
      cpu: status?.cpu ?? null,
      memory: status?.memory?.total
        ? { usedBytes: status.memory.used ?? 0, totalBytes: status.memory.total }
        : null,
      disk: status?.root?.total
        ? { usedBytes: status.root.used ?? 0, totalBytes: status.root.total }
        : null,
      network: null,
      diskIo: null,
      uptimeSeconds: status?.uptime ?? null,
      tags: [],
      lastSeenAt: at,
      details: {
        version: `${version.version}${version.release ? `.${version.release}` : ''}`,
        datastoreCount: usage.length,
      },
    };
    const datastores = stores.map(({ usage: u, status: s, gc }): ResourceOf<'pbsDatastore'> => {
      const gcStatus = s?.gcStatus ?? u.gcStatus;
      const counts = Object.values(s?.counts ?? {});
      const dedup =
        gcStatus?.indexDataBytes && gcStatus.diskBytes
          ? gcStatus.indexDataBytes / gcStatus.diskBytes
          : null;
      return {
        id: `${this.id}/datastore/${u.store}`,
        type: 'pbsDatastore',
        parentId: serverId,
        name: u.store,
        status: u.error ? 'degraded' : 'online',
        source: this.id,
        cpu: null,
        memory: null,
        disk: u.total ? { usedBytes: u.used ?? 0, totalBytes: u.total } : null,
        network: null,
        diskIo: null,
        uptimeSeconds: null,
        tags: [],
        lastSeenAt: at,
        details: {
          deduplicationFactor: dedup === null ? null : Math.round(dedup * 100) / 100,
          groupCount: counts.length ? counts.reduce((sum, c) => sum + (c.groups ?? 0), 0) : null,
          snapshotCount: counts.length
            ? counts.reduce((sum, c) => sum + (c.snapshots ?? 0), 0)
            : null,
          estimatedFullAt:
            u.estimatedFullDate && u.estimatedFullDate * 1000 > at
              ? u.estimatedFullDate * 1000
              : null,
          gcLastRunAt: ms(gc?.lastRunEndtime ?? null),
          gcLastRunState: gc?.lastRunState ?? null,
          error: u.error,
        },
      };
    });
    const records: SourceRecords = {
      backups: stores.flatMap(({ usage: u, snapshots }) =>
        snapshots.map((s) => this.#backup(u.store, s)),
      ),
      snapshots: [],
      tasks: (tasks?.tasks ?? []).map(
        (t): TaskRecord => ({
          id: t.upid,
          source: this.id,
          node: t.node ?? this.name,
          type: t.workerType ?? 'unknown',
          target: t.workerId,
          user: t.user ?? '',
          startedAt: (t.startTime ?? 0) * 1000,
          endedAt: ms(t.endTime),
          status: t.statusClass,
          message: t.statusClass === 'ok' ? null : t.status,
        }),
      ),
      jobs: [
        ...sync.map((j) => this.#job('sync', j.id, j.store, j.schedule, j.comment, j)),
        ...verify.map((j) => this.#job('verify', j.id, j.store, j.schedule, j.comment, j)),
        ...prune.map((j) => this.#job('prune', j.id, j.store, j.schedule, j.comment, j)),
        ...stores.flatMap(({ usage: u, gc }) =>
          gc
            ? [
                this.#job('gc', `gc-${u.store}`, u.store, gc.schedule, null, {
                  schedule: gc.schedule,
                  nextRun: gc.nextRun,
                  lastRunState: gc.lastRunState,
                  lastRunEndtime: gc.lastRunEndtime,
                  lastRunUpid: null,
                }),
              ]
            : [],
        ),
      ],
      replication: [],
    };
    return { resources: [server, ...datastores], records };
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  #backup(store: string, s: PbsSnapshot): BackupRecord {
    const vmid = /^\d+$/.test(s.backupId) ? Number(s.backupId) : null;
    const state = s.verification?.state;
    return {
      id: `${this.id}/snapshot/${store}/${s.backupType}/${s.backupId}/${s.backupTime}`,
      source: this.id,
      origin: 'pbs',
      guestId: null,
      vmid,
      guestType: s.backupType === 'ct' ? 'ct' : s.backupType === 'host' ? 'host' : 'vm',
      node: null,
      storage: store,
      volid: `${s.backupType}/${s.backupId}/${new Date(s.backupTime * 1000).toISOString().replace(/\.\d+Z$/, 'Z')}`,
      createdAt: s.backupTime * 1000,
      sizeBytes: s.size,
      notes: s.comment,
      protected: s.protected,
      encrypted: s.files.some((f) => f.cryptMode === 'encrypt'),
      verification: state === 'ok' || state === 'failed' ? state : null,
      format: `pbs-${s.backupType}`,
      owner: s.owner,
    };
  }

  #job(
    kind: JobRecord['kind'],
    id: string,
    store: string | null,
    schedule: string | null,
    comment: string | null,
    state: PbsJobState | null,
  ): JobRecord {
    const lastState = jobState(state?.lastRunState ?? null);
    return {
      id: `${this.id}/${kind}/${id}`,
      source: this.id,
      kind,
      enabled: true,
      schedule,
      storage: store,
      lastRunAt: ms(state?.lastRunEndtime ?? null),
      lastRunState: lastState,
      lastRunMessage: lastState === 'ok' ? null : (state?.lastRunState ?? null),
      nextRunAt: ms(state?.nextRun ?? null),
      comment,
    };
  }
}
