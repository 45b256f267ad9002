import type { Logger } from '../../../log/logger.ts';
import type { MonitorOptions } from '../../../nodes/node.entity.ts';
import {
  isProxmoxError,
  type PveAgentFilesystem,
  type PveAgentInterface,
  type PveAgentOsInfo,
  type PveBackupJob,
  type PveCephStatus,
  type PveClient,
  type PveClusterResource,
  type PveClusterStatus,
  type PveDisk,
  type PveHaEntry,
  type PveNodeStatus,
  type PveQemuStatus,
  type PveReplicationStatus,
  type PveSnapshot,
  type PveStorage,
  type PveStorageItem,
  type PveTask,
} from '../client/index.ts';
import { degradingReads, type OptionalRead } from '../degrade.ts';
import { mapLimit, TtlCache } from '../limit.ts';

export interface AgentInfo {
  state: 'running' | 'not-running' | 'not-configured';
  filesystems: PveAgentFilesystem[];
  interfaces: PveAgentInterface[];
  os: PveAgentOsInfo | null;
}

export interface StoredBackup extends PveStorageItem {
  storage: string;
  node: string;
}

/** Everything one poll of a PVE cluster read, before mapping. */
export interface PveRaw {
  at: number;
  cluster: PveClusterStatus;
  resources: PveClusterResource[];
  onlineNodes: string[];
  nodeStatus: Map<string, PveNodeStatus>;
  storage: Map<string, PveStorage[]>;
  disks: Map<string, PveDisk[]>;
  qemu: Map<number, PveQemuStatus>;
  agents: Map<number, AgentInfo>;
  snapshots: Map<string, PveSnapshot[]>;
  backups: StoredBackup[];
  backupJobs: PveBackupJob[];
  tasks: PveTask[];
  replication: PveReplicationStatus[];
  ha: PveHaEntry[];
  ceph: PveCephStatus | null;
}

const parallel = 6;

/**
 * Reads a PVE cluster through one member. Cheap cluster-wide views every poll; per-guest
 * details, SMART, snapshots and backup contents are cached and refreshed a slice at a time,
 * so a 2,000-guest estate does not cost 2,000 calls per poll.
 */
export class PveCollector {
  readonly #optional: OptionalRead;
  readonly #monitor: MonitorOptions;
  readonly #guestDetails = new TtlCache<{ qemu: PveQemuStatus | null; agent: AgentInfo | null }>(
    60_000,
  );
  readonly #disks = new TtlCache<PveDisk[]>(300_000);
  readonly #snapshots = new TtlCache<PveSnapshot[]>(300_000);
  readonly #content = new TtlCache<StoredBackup[]>(120_000);
  readonly #maxGuestDetailsPerPoll: number;

  readonly #now: () => number;

  constructor(
    log: Logger,
    monitor: MonitorOptions,
    options: { now: () => number; maxGuestDetailsPerPoll?: number },
  ) {
    this.#optional = degradingReads(log);
    this.#monitor = monitor;
    this.#now = options.now;
    this.#maxGuestDetailsPerPoll = options.maxGuestDetailsPerPoll ?? 50;
  }

  async collect(client: PveClient, signal: AbortSignal): Promise<PveRaw> {
    const call = { signal };
    const at = this.#now();
    const [cluster, resources] = await Promise.all([
      this.#clusterStatus(client, signal),
      client.clusterResources({}, call),
    ]);
    const onlineNodes = cluster.nodes.filter((n) => n.online !== false).map((n) => n.name);
    const perNode = await mapLimit(onlineNodes, parallel, (node) =>
      this.#nodeData(client, node, signal, at),
    );
    const running = resources.filter(
      (r) => r.type === 'qemu' && r.status === 'running' && r.node && onlineNodes.includes(r.node),
    );
    const guests = resources.filter(
      (r) => (r.type === 'qemu' || r.type === 'lxc') && r.vmid !== null,
    );
    const [details, snapshots, backups, backupJobs, replication, ha, ceph] = await Promise.all([
      this.#guestDetailsFor(client, running, signal, at),
      this.#snapshotsFor(client, guests, onlineNodes, signal, at),
      this.#backupsFor(client, perNode, signal, at),
      this.#optional('backup jobs', () => client.backupJobs(call), []),
      this.#optional('replication', async () => {
        const lists = await mapLimit(onlineNodes, parallel, (n) =>
          client.replicationStatus(n, call),
        );
        return lists.flat();
      }, []),
      this.#optional('HA status', () => client.haStatus(call), []),
      this.#optional('Ceph status', () => client.cephStatus(call), null),
    ]);
    return {
      at,
      cluster,
      resources,
      onlineNodes,
      nodeStatus: new Map(perNode.flatMap((n) => (n.status ? [[n.node, n.status] as const] : []))),
      storage: new Map(perNode.map((n) => [n.node, n.storage])),
      disks: new Map(perNode.map((n) => [n.node, n.disks])),
      qemu: new Map(details.flatMap(([vmid, d]) => (d.qemu ? [[vmid, d.qemu] as const] : []))),
      agents: new Map(details.flatMap(([vmid, d]) => (d.agent ? [[vmid, d.agent] as const] : []))),
      snapshots,
      backups,
      backupJobs,
      tasks: perNode.flatMap((n) => n.tasks),
      replication,
      ha,
      ceph,
    };
  }

  /** Without Sys.Audit on `/` there is no cluster view; /nodes still lists the members. */
  async #clusterStatus(client: PveClient, signal: AbortSignal): Promise<PveClusterStatus> {
    try {
      return await client.clusterStatus({ signal });
    } catch (error) {
      if (!isProxmoxError(error) || error.kind !== 'permission') throw error;
      const nodes = await client.nodes({ signal });
      return {
        cluster: null,
        nodes: nodes.map((n) => ({
          id: `node/${n.node}`,
          name: n.node,
          nodeId: null,
          ip: null,
          local: null,
          online: n.status === 'online',
          level: n.level,
          port: null,
        })),
      };
    }
  }

  async #nodeData(client: PveClient, node: string, signal: AbortSignal, at: number) {
    const call = { signal };
    const [status, storage, tasks, disks] = await Promise.all([
      this.#optional(`status of ${node}`, () => client.nodeStatus(node, call), null),
      this.#optional(`storage of ${node}`, () => client.storage(node, {}, call), []),
      this.#optional(`tasks of ${node}`, async () => {
        const [failed, backups] = await Promise.all([
          client.tasks(node, { errors: true, limit: 25, source: 'archive' }, call),
          client.tasks(node, { typefilter: 'vzdump', limit: 25, source: 'all' }, call),
        ]);
        const byId = new Map([...failed.tasks, ...backups.tasks].map((t) => [t.upid, t]));
        return [...byId.values()];
      }, []),
      this.#monitor.physicalDisks
        ? this.#cached(this.#disks, node, at, () => client.disks(node, {}, call), [])
        : [],
    ]);
    return { node, status, storage, tasks, disks };
  }

  async #guestDetailsFor(
    client: PveClient,
    running: PveClusterResource[],
    signal: AbortSignal,
    at: number,
  ) {
    const keys = running.map((r) => String(r.vmid));
    const due = new Set(this.#guestDetails.stale(keys, at).slice(0, this.#maxGuestDetailsPerPoll));
    this.#guestDetails.retain(new Set(keys));
    return mapLimit(running, parallel, async (r) => {
      const vmid = r.vmid ?? 0;
      const key = String(vmid);
      if (!due.has(key))
        return [vmid, this.#guestDetails.last(key) ?? { qemu: null, agent: null }] as const;
      const qemu = await this.#optional(
        `status of VM ${vmid}`,
        () => client.qemuStatus(r.node ?? '', vmid, { signal }),
        null,
      );
      const agent = qemu ? await this.#agent(client, r.node ?? '', vmid, qemu, signal) : null;
      const value = { qemu, agent };
      this.#guestDetails.set(key, value, at);
      return [vmid, value] as const;
    });
  }

  /** Agent failures are per guest: they never fail the poll or mark the node down. */
  async #agent(
    client: PveClient,
    node: string,
    vmid: number,
    qemu: PveQemuStatus,
    signal: AbortSignal,
  ) {
    if (!qemu.agentEnabled)
      return { state: 'not-configured' as const, filesystems: [], interfaces: [], os: null };
    try {
      const [filesystems, interfaces, os] = await Promise.all([
        client.agentFsInfo(node, vmid, { signal }),
        client.agentNetworkInterfaces(node, vmid, { signal }),
        client.agentOsInfo(node, vmid, { signal }).catch(() => null),
      ]);
      return { state: 'running' as const, filesystems, interfaces, os };
    } catch {
      return { state: 'not-running' as const, filesystems: [], interfaces: [], os: null };
    }
  }

  async #snapshotsFor(
    client: PveClient,
    guests: PveClusterResource[],
    onlineNodes: string[],
    signal: AbortSignal,
    at: number,
  ): Promise<Map<string, PveSnapshot[]>> {
    const reachable = guests.filter((g) => g.node && onlineNodes.includes(g.node) && !g.template);
    const keys = reachable.map((g) => `${g.type}/${g.vmid}`);
    this.#snapshots.retain(new Set(keys));
    const due = new Set(this.#snapshots.stale(keys, at).slice(0, this.#maxGuestDetailsPerPoll));
    await mapLimit(reachable, parallel, async (g) => {
      const key = `${g.type}/${g.vmid}`;
      if (!due.has(key)) return;
      const type = g.type === 'qemu' ? 'qemu' : 'lxc';
      const list = await this.#optional(
        `snapshots of ${key}`,
        () => client.snapshots(g.node ?? '', type, g.vmid ?? 0, { signal }),
        null,
      );
      if (list) this.#snapshots.set(key, list, at);
    });
    return new Map(
      keys.flatMap((key) => {
        const list = this.#snapshots.last(key);
        return list ? [[key, list] as const] : [];
      }),
    );
  }

  /** Backup archives on every storage with backup content; a shared storage is read once. */
  async #backupsFor(
    client: PveClient,
    perNode: { node: string; storage: PveStorage[] }[],
    signal: AbortSignal,
    at: number,
  ): Promise<StoredBackup[]> {
    if (!this.#monitor.backups) return [];
    const targets = new Map<string, { node: string; storage: string }>();
    for (const { node, storage } of perNode) {
      for (const s of storage) {
        if (!s.content.includes('backup') || s.active === false) continue;
        const key = s.shared ? s.storage : `${node}/${s.storage}`;
        if (!targets.has(key)) targets.set(key, { node, storage: s.storage });
      }
    }
    const lists = await mapLimit([...targets], parallel, ([key, t]) =>
      this.#cached(
        this.#content,
        key,
        at,
        async () => {
          const items = await client.storageContent(
            t.node,
            t.storage,
            { content: 'backup' },
            { signal, timeoutMs: 60_000 },
          );
          return items.map((item) => ({ ...item, storage: t.storage, node: t.node }));
        },
        [],
      ),
    );
    return lists.flat();
  }

  async #cached<V>(
    cache: TtlCache<V>,
    key: string,
    at: number,
    load: () => Promise<V>,
    fallback: V,
  ): Promise<V> {
    const fresh = cache.fresh(key, at);
    if (fresh !== undefined) return fresh;
    const value = await this.#optional(key, load, undefined);
    if (value === undefined) return cache.last(key) ?? fallback;
    cache.set(key, value, at);
    return value;
  }
}
