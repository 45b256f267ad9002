/**
 * Resources and records in the JSON shapes Pulse clients read: the per-type arrays of the
 * v4/v5 state (`nodes`, `vms`, `containers`, …) and the v6 unified `resources` list.
 */
import type { Resource, ResourceOf, Usage } from '../resources/model.ts';
import type { BackupRecord, GuestSnapshotRecord, TaskRecord } from '../resources/records.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const percent = (fraction: number | null) =>
  fraction === null ? 0 : Math.round(fraction * 10_000) / 100;

function usage(u: Usage | null) {
  if (!u) return { total: 0, used: 0, free: 0, usage: 0 };
  const fraction = u.totalBytes > 0 ? u.usedBytes / u.totalBytes : 0;
  return {
    total: u.totalBytes,
    used: u.usedBytes,
    free: u.totalBytes - u.usedBytes,
    usage: percent(fraction),
  };
}

/** `demo-pve/qemu/101` → the instance part (`demo-pve`). */
const instanceOf = (r: Resource) => r.source;

export function pulseNode(r: ResourceOf<'node'>) {
  return {
    id: r.id,
    name: r.name,
    displayName: r.name,
    instance: instanceOf(r),
    status: r.status,
    type: 'node',
    cpu: r.cpu ?? 0,
    memory: {
      ...usage(r.memory),
      swapUsed: r.details.swap?.usedBytes ?? 0,
      swapTotal: r.details.swap?.totalBytes ?? 0,
    },
    disk: usage(r.disk),
    uptime: r.uptimeSeconds ?? 0,
    loadAverage: r.details.loadAverage,
    kernelVersion: r.details.kernelVersion ?? '',
    pveVersion: r.details.pveVersion ?? '',
    cpuInfo: { model: r.details.cpuModel ?? '', cores: r.details.cpuCount ?? 0 },
    lastSeen: iso(r.lastSeenAt),
    connectionHealth: r.status === 'online' ? 'healthy' : 'error',
    isClusterMember: r.details.cluster !== null,
    clusterName: r.details.cluster ?? '',
  };
}

export function pulseGuest(r: ResourceOf<'vm' | 'container'>) {
  const d = r.details;
  return {
    id: r.id,
    vmid: d.vmid,
    name: r.name,
    node: d.node,
    instance: instanceOf(r),
    status: r.status,
    type: r.type === 'vm' ? 'qemu' : 'lxc',
    cpu: r.cpu ?? 0,
    cpus: d.cpuCount ?? 0,
    memory: { ...usage(r.memory), balloon: d.balloonBytes ?? 0 },
    disk: usage(r.disk),
    diskStatusReason: d.diskSource === 'host' && r.type === 'vm' ? 'agent-not-available' : '',
    networkIn: r.network?.inBytesPerSecond ?? 0,
    networkOut: r.network?.outBytesPerSecond ?? 0,
    diskRead: r.diskIo?.readBytesPerSecond ?? 0,
    diskWrite: r.diskIo?.writeBytesPerSecond ?? 0,
    uptime: r.uptimeSeconds ?? 0,
    template: d.template,
    tags: r.tags,
    lock: d.lock ?? '',
    pool: d.pool ?? '',
    haState: d.haState ?? '',
    osName: d.osName ?? '',
    osVersion: d.osVersion ?? '',
    ipAddresses: d.ipAddresses,
    agent: d.agent ?? '',
    lastBackup: iso(d.lastBackupAt),
    lastSeen: iso(r.lastSeenAt),
  };
}

export function pulseStorage(r: ResourceOf<'storage'>) {
  const u = usage(r.disk);
  return {
    id: r.id,
    storage: r.name,
    name: r.name,
    node: r.details.node ?? '',
    instance: instanceOf(r),
    type: r.details.storageType,
    status: r.status === 'online' ? 'available' : r.status,
    total: u.total,
    used: u.used,
    free: u.free,
    usage: u.usage,
    content: r.details.content.join(','),
    shared: r.details.shared,
    enabled: r.details.enabled,
    active: r.details.active,
  };
}

export function pulsePbs(r: ResourceOf<'pbs'>, datastores: ResourceOf<'pbsDatastore'>[]) {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    version: r.details.version ?? '',
    cpu: r.cpu ?? 0,
    memory: percent(
      r.memory && r.memory.totalBytes > 0 ? r.memory.usedBytes / r.memory.totalBytes : null,
    ),
    memoryUsed: r.memory?.usedBytes ?? 0,
    memoryTotal: r.memory?.totalBytes ?? 0,
    uptime: r.uptimeSeconds ?? 0,
    connectionHealth: r.status === 'online' ? 'healthy' : 'error',
    lastSeen: iso(r.lastSeenAt),
    datastores: datastores.map((d) => ({
      name: d.name,
      ...usage(d.disk),
      status: d.details.error ? 'unavailable' : 'available',
      error: d.details.error ?? '',
      deduplicationFactor: d.details.deduplicationFactor ?? 0,
      groupCount: d.details.groupCount ?? 0,
      snapshotCount: d.details.snapshotCount ?? 0,
    })),
  };
}

export function pulsePmg(r: ResourceOf<'pmg'>) {
  const { mail, queues, quarantine } = r.details;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    version: r.details.version ?? '',
    connectionHealth: r.status === 'online' ? 'healthy' : 'error',
    lastSeen: iso(r.lastSeenAt),
    mailStats: mail && {
      countTotal: mail.total,
      countIn: mail.incoming,
      countOut: mail.outgoing,
      spamIn: mail.spamIncoming,
      spamOut: mail.spamOutgoing,
      virusIn: mail.virusIncoming,
      virusOut: mail.virusOutgoing,
      bouncesIn: mail.bouncesIncoming,
      bouncesOut: mail.bouncesOutgoing,
      bytesIn: mail.bytesIncoming,
      bytesOut: mail.bytesOutgoing,
    },
    queue: queues && {
      ...queues,
      total: queues.active + queues.deferred + queues.hold + queues.incoming,
    },
    quarantine: quarantine && {
      spam: quarantine.spamCount,
      spamMegabytes: quarantine.spamMegabytes,
      virus: quarantine.virusCount,
      virusMegabytes: quarantine.virusMegabytes,
    },
  };
}

export function pulseStorageBackup(b: BackupRecord) {
  return {
    id: b.id,
    storage: b.storage,
    node: b.node ?? '',
    instance: b.source,
    type: b.guestType === 'vm' ? 'qemu' : b.guestType === 'ct' ? 'lxc' : 'host',
    vmid: b.vmid ?? 0,
    time: iso(b.createdAt),
    ctime: Math.floor(b.createdAt / 1000),
    size: b.sizeBytes ?? 0,
    format: b.format ?? '',
    notes: b.notes ?? '',
    protected: b.protected,
    volid: b.volid,
    isPBS: b.origin === 'pbs',
    verified: b.verification === 'ok',
    verification: b.verification ?? '',
    encrypted: b.encrypted,
    owner: b.owner ?? '',
  };
}

export function pulseSnapshot(s: GuestSnapshotRecord, instance: string) {
  return {
    id: s.id,
    name: s.name,
    node: s.node,
    instance,
    type: s.guestId.includes('/qemu/') ? 'qemu' : 'lxc',
    vmid: s.vmid,
    time: iso(s.createdAt),
    description: s.description ?? '',
    parent: s.parent ?? '',
    vmstate: s.includesRam,
  };
}

export function pulseTask(t: TaskRecord) {
  return {
    id: t.id,
    upid: t.id,
    node: t.node,
    instance: t.source,
    type: t.type,
    vmid: t.target && /^\d+$/.test(t.target) ? Number(t.target) : 0,
    status: t.status === 'ok' ? 'OK' : (t.message ?? t.status),
    startTime: iso(t.startedAt),
    endTime: iso(t.endedAt),
    user: t.user,
  };
}

const v6Types: Record<Resource['type'], string> = {
  node: 'agent',
  vm: 'vm',
  container: 'system-container',
  storage: 'storage',
  pbs: 'pbs',
  pbsDatastore: 'storage',
  pmg: 'pmg',
  dockerHost: 'docker-host',
  dockerContainer: 'app-container',
  k8sCluster: 'k8s-cluster',
  k8sNode: 'k8s-node',
  k8sPod: 'pod',
  k8sDeployment: 'k8s-deployment',
  host: 'agent',
  physicalDisk: 'physical_disk',
  ceph: 'ceph',
};

const v6Status = (r: Resource) =>
  r.status === 'running' || r.status === 'online'
    ? 'online'
    : r.status === 'stopped' || r.status === 'offline'
      ? 'offline'
      : r.status === 'unknown'
        ? 'unknown'
        : 'warning';

function metric(u: Usage | null) {
  if (!u) return null;
  const current = u.totalBytes > 0 ? (u.usedBytes / u.totalBytes) * 100 : 0;
  return { current, total: u.totalBytes, used: u.usedBytes, free: u.totalBytes - u.usedBytes };
}

/** One entry of the v6 unified `resources` list. */
export function pulseResource(r: Resource) {
  return {
    id: r.id,
    type: v6Types[r.type],
    name: r.name,
    displayName: r.name,
    platformType: r.source.startsWith('demo') ? 'demo' : 'proxmox',
    sourceType: 'api',
    parentId: r.parentId ?? '',
    status: v6Status(r),
    cpu: r.cpu === null ? null : { current: r.cpu * 100 },
    memory: metric(r.memory),
    disk: metric(r.disk),
    network: r.network && {
      rxBytes: r.network.inBytesPerSecond,
      txBytes: r.network.outBytesPerSecond,
    },
    diskIO: r.diskIo && {
      readRate: r.diskIo.readBytesPerSecond,
      writeRate: r.diskIo.writeBytesPerSecond,
    },
    uptime: r.uptimeSeconds ?? 0,
    tags: r.tags,
    lastSeen: r.lastSeenAt,
    platformData: { kind: r.type, ...r.details },
  };
}
