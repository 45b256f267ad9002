import type { Resource, ResourceOf, ResourceStatus, Usage } from '../../../resources/model.ts';
import type { PveClusterResource, PveDisk, PveStorage } from '../client/index.ts';
import type { RateTracker } from '../rates.ts';
import type { AgentInfo, PveRaw } from './collect.ts';

const usage = (used: number | null, total: number | null): Usage | null =>
  total !== null && total > 0 && used !== null ? { usedBytes: used, totalBytes: total } : null;

/** Everything a PVE poll saw, as resources under the source id. */
export function mapPveResources(
  source: string,
  raw: PveRaw,
  rates: RateTracker,
  lastBackups: Map<number, number>,
): Resource[] {
  const online = new Set(raw.onlineNodes);
  const clusterName = raw.cluster.cluster?.name ?? null;
  const nodeId = (node: string) => `${source}/node/${node}`;
  const resources: Resource[] = [];
  const seenRates = new Set<string>();

  for (const member of raw.cluster.nodes) {
    resources.push(mapNode(source, member.name, online.has(member.name), raw, clusterName));
  }
  for (const entry of raw.resources) {
    if ((entry.type === 'qemu' || entry.type === 'lxc') && entry.vmid !== null && entry.node) {
      const guest = mapGuest(source, entry, online.has(entry.node), raw, rates, lastBackups);
      seenRates.add(guest.id);
      resources.push(guest);
    }
  }
  for (const [node, list] of raw.storage) {
    for (const storage of list) resources.push(mapStorage(source, node, storage, raw.at));
  }
  for (const [node, disks] of raw.disks) {
    for (const disk of disks) resources.push(mapDisk(source, node, disk, nodeId(node), raw.at));
  }
  if (raw.ceph) resources.push(mapCeph(source, raw));
  rates.retain(seenRates);
  return resources;
}

function mapNode(
  source: string,
  name: string,
  isOnline: boolean,
  raw: PveRaw,
  cluster: string | null,
): ResourceOf<'node'> {
  const entry = raw.resources.find((r) => r.type === 'node' && r.node === name);
  const status = raw.nodeStatus.get(name);
  const memory = status?.memory ?? null;
  const swap = status?.swap ?? null;
  return {
    id: `${source}/node/${name}`,
    type: 'node',
    parentId: null,
    name,
    status: isOnline ? 'online' : 'offline',
    source,
    cpu: isOnline ? (status?.cpu ?? entry?.cpu ?? null) : null,
    memory: isOnline
      ? (usage(memory?.used ?? null, memory?.total ?? null) ??
        usage(entry?.mem ?? null, entry?.maxMem ?? null))
      : null,
    disk: isOnline
      ? (usage(status?.rootfs?.used ?? null, status?.rootfs?.total ?? null) ??
        usage(entry?.disk ?? null, entry?.maxDisk ?? null))
      : null,
    network: null,
    diskIo: null,
    uptimeSeconds: isOnline ? (status?.uptime ?? entry?.uptime ?? null) : null,
    tags: [],
    lastSeenAt: raw.at,
    details: {
      cluster,
      cpuCount: status?.cpuInfo?.cpus ?? entry?.maxCpu ?? null,
      cpuModel: status?.cpuInfo?.model ?? null,
      loadAverage: Array.from(status?.loadAvg ?? []).filter((v): v is number => v !== null),
      kernelVersion: status?.currentKernel?.release ?? status?.kversion ?? null,
      pveVersion: status?.pveVersion ?? null,
      swap: usage(swap?.used ?? null, swap?.total ?? null),
    },
  };
}

function guestStatus(
  entry: PveClusterResource,
  nodeOnline: boolean,
  qmp: string | null,
): ResourceStatus {
  // A powered-off node's guests keep their last "running" for minutes: trust the node.
  if (!nodeOnline) return 'unknown';
  if (qmp === 'paused' || qmp === 'suspended') return 'paused';
  if (entry.status === 'running') return 'running';
  if (entry.status === 'stopped') return 'stopped';
  return 'unknown';
}

function agentDisk(agent: AgentInfo | null): Usage | null {
  if (agent?.state !== 'running') return null;
  const seen = new Set<string>();
  let used = 0;
  let total = 0;
  for (const fs of agent.filesystems) {
    // Bind mounts and snap loops report the same device twice; count each device once.
    const device = fs.disks[0]?.dev ?? fs.name ?? fs.mountpoint;
    if (seen.has(device) || fs.totalBytes === null || fs.usedBytes === null) continue;
    if (/^(squashfs|overlay|tmpfs|iso9660)$/i.test(fs.type ?? '')) continue;
    seen.add(device);
    used += fs.usedBytes;
    total += fs.totalBytes;
  }
  return total > 0 ? { usedBytes: used, totalBytes: total } : null;
}

function mapGuest(
  source: string,
  entry: PveClusterResource,
  nodeOnline: boolean,
  raw: PveRaw,
  rates: RateTracker,
  lastBackups: Map<number, number>,
): ResourceOf<'vm' | 'container'> {
  const vmid = entry.vmid ?? 0;
  const isVm = entry.type === 'qemu';
  const id = `${source}/${isVm ? 'qemu' : 'lxc'}/${vmid}`;
  const qemu = isVm ? (raw.qemu.get(vmid) ?? null) : null;
  const agent = isVm ? (raw.agents.get(vmid) ?? null) : null;
  const status = guestStatus(entry, nodeOnline, qemu?.qmpStatus ?? null);
  const live = status === 'running' || status === 'paused';
  const rate = rates.rates(id, raw.at, {
    netIn: entry.netIn,
    netOut: entry.netOut,
    diskRead: entry.diskRead,
    diskWrite: entry.diskWrite,
  });
  const balloon = qemu?.ballooninfo;
  const balloonUsed =
    balloon?.totalMem != null && balloon.freeMem != null
      ? balloon.totalMem - balloon.freeMem
      : null;
  const fromAgent = agentDisk(agent);
  const disk = isVm ? fromAgent : usage(entry.disk, entry.maxDisk);
  const ha = raw.ha.find((h) => h.sid === `${isVm ? 'vm' : 'ct'}:${vmid}`);
  const base = {
    id,
    parentId: `${source}/node/${entry.node}`,
    name: entry.name ?? `${isVm ? 'VM' : 'CT'} ${vmid}`,
    status,
    source,
    cpu: live ? entry.cpu : null,
    memory: live ? usage(balloonUsed ?? entry.mem, entry.maxMem) : null,
    disk,
    network:
      live && rate.netIn !== null && rate.netOut !== null
        ? { inBytesPerSecond: rate.netIn, outBytesPerSecond: rate.netOut }
        : null,
    diskIo:
      live && rate.diskRead !== null && rate.diskWrite !== null
        ? { readBytesPerSecond: rate.diskRead, writeBytesPerSecond: rate.diskWrite }
        : null,
    uptimeSeconds: live ? entry.uptime : null,
    tags: entry.tags,
    lastSeenAt: raw.at,
  };
  const details = {
    vmid,
    node: entry.node ?? '',
    cpuCount: entry.maxCpu,
    template: entry.template ?? false,
    lock: entry.lock,
    osName: agent?.os?.prettyName ?? agent?.os?.name ?? null,
    osVersion: agent?.os?.version ?? null,
    haState: ha?.state ?? entry.haState ?? null,
    balloonBytes: qemu?.balloon ?? null,
    agent: isVm ? (agent?.state ?? null) : null,
    diskSource: disk === null ? null : fromAgent ? ('agent' as const) : ('host' as const),
    ipAddresses: (agent?.interfaces ?? [])
      .filter((i) => i.name !== 'lo')
      .flatMap((i) => i.ipAddresses.map((a) => a.address))
      .filter((a) => !a.startsWith('127.') && a !== '::1' && !a.toLowerCase().startsWith('fe80')),
    pool: entry.pool,
    lastBackupAt: lastBackups.get(vmid) ?? null,
  };
  return isVm ? { ...base, type: 'vm', details } : { ...base, type: 'container', details };
}

function mapStorage(
  source: string,
  node: string,
  s: PveStorage,
  at: number,
): ResourceOf<'storage'> {
  const available = s.active !== false && s.enabled !== false;
  return {
    id: `${source}/storage/${node}/${s.storage}`,
    type: 'storage',
    parentId: `${source}/node/${node}`,
    name: s.storage,
    status: available ? 'online' : s.enabled === false ? 'stopped' : 'unknown',
    source,
    cpu: null,
    memory: null,
    disk: usage(s.used, s.total),
    network: null,
    diskIo: null,
    uptimeSeconds: null,
    tags: [],
    lastSeenAt: at,
    details: {
      node,
      storageType: s.type ?? 'unknown',
      content: s.content,
      shared: s.shared ?? false,
      enabled: s.enabled ?? true,
      active: s.active ?? false,
    },
  };
}

function mapDisk(
  source: string,
  node: string,
  d: PveDisk,
  parentId: string,
  at: number,
): ResourceOf<'physicalDisk'> {
  const health = d.health?.toUpperCase() ?? null;
  const failing = health === 'FAILED' || (d.wearout !== null && d.wearout <= 10);
  return {
    id: `${source}/disk/${node}${d.devPath}`,
    type: 'physicalDisk',
    parentId,
    name: `${node}:${d.devPath}`,
    status: failing ? 'degraded' : health === 'PASSED' || health === 'OK' ? 'online' : 'unknown',
    source,
    cpu: null,
    memory: null,
    disk: null,
    network: null,
    diskIo: null,
    uptimeSeconds: null,
    tags: [],
    lastSeenAt: at,
    details: {
      node,
      devPath: d.devPath,
      model: d.model,
      serial: d.serial,
      diskType: d.type,
      sizeBytes: d.size,
      health,
      wearoutPercent: d.wearout,
      usedBy: d.used,
    },
  };
}

function mapCeph(source: string, raw: PveRaw): ResourceOf<'ceph'> {
  const ceph = raw.ceph;
  const health = ceph?.health ?? 'UNKNOWN';
  const pg = ceph?.pgmap;
  return {
    id: `${source}/ceph`,
    type: 'ceph',
    parentId: null,
    name: raw.cluster.cluster?.name ? `Ceph (${raw.cluster.cluster.name})` : 'Ceph',
    status: health === 'HEALTH_OK' ? 'online' : health === 'UNKNOWN' ? 'unknown' : 'degraded',
    source,
    cpu: null,
    memory: null,
    disk: usage(pg?.bytesUsed ?? null, pg?.bytesTotal ?? null),
    network: null,
    diskIo:
      pg?.readBytesSec != null && pg.writeBytesSec != null
        ? { readBytesPerSecond: pg.readBytesSec, writeBytesPerSecond: pg.writeBytesSec }
        : null,
    uptimeSeconds: null,
    tags: [],
    lastSeenAt: raw.at,
    details: {
      health,
      healthMessages: (ceph?.checks ?? []).map((c) => `${c.code}: ${c.message ?? ''}`.trim()),
      monitorCount: ceph?.monmap?.numMons ?? null,
      osdCount: ceph?.osdmap?.numOsds ?? null,
      osdsUp: ceph?.osdmap?.numUpOsds ?? null,
      osdsIn: ceph?.osdmap?.numInOsds ?? null,
      placementGroupCount: pg?.numPgs ?? null,
    },
  };
}
