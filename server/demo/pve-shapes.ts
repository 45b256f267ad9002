import type { GuestLive, NodeLive } from './model/live.ts';
import { mix } from './model/noise.ts';
import type { StorageLive } from './model/storage.ts';
import { b01 } from './pve-env.ts';

type Json = Record<string, unknown>;

/** Fields shared by `/cluster/resources` guest entries and the per-node guest lists. */
function guestCommon(g: GuestLive): Json {
  const p = g.plan;
  const s = g.stats;
  const out: Json = {
    vmid: p.vmid,
    name: p.name,
    status: g.status,
    cpu: s ? round(s.cpu, 5) : 0,
    maxcpu: p.cores,
    mem: s?.mem ?? 0,
    maxmem: p.memBytes,
    disk: s?.disk ?? 0,
    maxdisk: p.diskBytes,
    netin: s?.netin ?? 0,
    netout: s?.netout ?? 0,
    diskread: s?.diskread ?? 0,
    diskwrite: s?.diskwrite ?? 0,
    uptime: s?.uptime ?? 0,
  };
  if (p.type === 'qemu') out.memhost = s?.memhost ?? 0;
  if (p.tags.length > 0) out.tags = p.tags.join(';');
  if (g.lock) out.lock = g.lock;
  return out;
}

export function guestResource(g: GuestLive): Json {
  const p = g.plan;
  const id = `${p.type}/${p.vmid}`;
  // Past the status expiry only identity is left: no name, no metrics.
  if (g.status === 'unknown')
    return { id, type: p.type, vmid: p.vmid, node: p.node, status: 'unknown' };
  const out: Json = {
    id,
    type: p.type,
    node: p.node,
    ...guestCommon(g),
    template: b01(p.template),
  };
  if (p.ha) out.hastate = p.running ? 'started' : 'stopped';
  if (p.pool) out.pool = p.pool;
  return out;
}

/** `/nodes/{node}/qemu` and `/nodes/{node}/lxc` entries. */
export function guestListEntry(g: GuestLive): Json {
  const p = g.plan;
  const out: Json = guestCommon(g);
  out.cpus = p.cores;
  delete out.maxcpu;
  if (p.template) out.template = 1;
  if (g.stats) out.pid = 1_000 + (mix(p.key, Math.floor(g.stats.bootAt / 1000)) % 4_000_000);
  if (p.type === 'lxc') {
    out.type = 'lxc';
    out.swap = g.stats ? Math.round(g.stats.mem * 0.02) : 0;
    out.maxswap = 512 * 1024 * 1024;
  } else if (g.stats) {
    out.serial = 1;
  }
  return out;
}

/** `/nodes` entry; `/cluster/resources` uses the same fields minus the fingerprint. */
export function nodeEntry(n: NodeLive, fingerprint: string, forResources: boolean): Json {
  const p = n.plan;
  const out: Json = { id: `node/${p.name}`, type: 'node', node: p.name, status: n.status };
  if (!forResources) out.ssl_fingerprint = fingerprint;
  if (n.stats) {
    Object.assign(out, {
      cpu: round(n.stats.cpu, 5),
      maxcpu: p.cores,
      mem: n.stats.memUsed,
      maxmem: p.memBytes,
      disk: n.stats.rootUsed,
      maxdisk: p.rootBytes,
      uptime: n.stats.uptime,
      level: '',
    });
  } else if (n.lingering) {
    Object.assign(out, { maxcpu: p.cores, maxmem: p.memBytes, maxdisk: p.rootBytes, level: '' });
  }
  if (forResources && n.stats) Object.assign(out, { 'cgroup-mode': 2, 'host-arch': 'x86_64' });
  return out;
}

export function storageResource(s: StorageLive, fresh: boolean): Json {
  const out: Json = {
    id: `storage/${s.node}/${s.plan.id}`,
    type: 'storage',
    storage: s.plan.id,
    node: s.node,
    plugintype: s.plan.type,
    status: fresh ? 'available' : 'unknown',
    shared: b01(s.plan.shared),
    content: s.plan.content,
  };
  if (fresh) Object.assign(out, { disk: s.used, maxdisk: s.total });
  return out;
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
