import { epochSeconds } from './model/clock.ts';
import type { GuestLive } from './model/live.ts';
import { mix } from './model/noise.ts';
import type { GuestPlan, GuestType } from './model/plan-types.ts';
import { guestAgentRoutes } from './pve-agent-api.ts';
import { b01, guestParam, nodeParam, type PveEnv, view } from './pve-env.ts';
import { guestListEntry, round } from './pve-shapes.ts';
import { ApiError, type Call, type Route, route } from './router.ts';
import { rrdRows } from './rrd.ts';

type Json = Record<string, unknown>;

function listGuests(type: GuestType) {
  return (env: PveEnv, call: Call): Json[] => {
    const node = nodeParam(env, call);
    return view(env, call)
      .guests.filter((g) => g.plan.node === node.name && g.plan.type === type)
      .map(guestListEntry);
  };
}

function haInfo(p: GuestPlan): Json {
  if (!p.ha) return { managed: 0 };
  const state = p.running ? 'started' : 'stopped';
  return { managed: 1, state, group: null, max_restart: 1, max_relocate: 1 };
}

function qemuStatus(env: PveEnv, call: Call): Json {
  const { plan: p, live } = guestParam(env, call, 'qemu');
  const out = guestListEntry(live);
  out.ha = haInfo(p);
  if (p.agent !== 'none') out.agent = 1;
  if (!live.stats) return { ...out, qmpstatus: 'stopped' };
  const s = live.stats;
  const actual = p.memBytes;
  return {
    ...out,
    qmpstatus: 'running',
    'running-machine': 'pc-q35-10.0+pve1',
    'running-qemu': '10.0.2',
    balloon: actual,
    freemem: s.freemem,
    ballooninfo: {
      actual,
      max_mem: p.memBytes,
      total_mem: p.memBytes - 64 * 1024 * 1024,
      free_mem: s.freemem - 64 * 1024 * 1024,
      mem_swapped_in: 0,
      mem_swapped_out: 0,
      major_page_faults: 4_211,
      minor_page_faults: 93_112_004,
      last_update: epochSeconds(call.at) - 2,
    },
    blockstat: {
      scsi0: {
        rd_bytes: s.diskread,
        wr_bytes: s.diskwrite,
        rd_operations: Math.round(s.diskread / 16_384),
        wr_operations: Math.round(s.diskwrite / 8_192),
        flush_operations: Math.round(s.diskwrite / 1_048_576),
        idle_time_ns: 1_200_000,
      },
    },
    nics: { [`tap${p.vmid}i0`]: { netin: s.netin, netout: s.netout } },
    'proxmox-support': {
      'pbs-dirty-bitmap': true,
      'pbs-library-version': '1.5.2',
      'backup-fleecing': true,
      'query-bitmap-info': true,
    },
  };
}

function lxcStatus(env: PveEnv, call: Call): Json {
  const { plan: p, live } = guestParam(env, call, 'lxc');
  return { ...guestListEntry(live), ha: haInfo(p) };
}

function sizeLabel(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return Number.isInteger(gib) ? `${gib}G` : `${Math.round(bytes / 1024 ** 2)}M`;
}

function config(env: PveEnv, call: Call, type: GuestType): Json {
  const { plan: p } = guestParam(env, call, type);
  const digest = mix(p.key, 99).toString(16).padStart(8, '0').repeat(5);
  const disk = `${p.diskStorage}:${p.template ? 'base' : 'vm'}-${p.vmid}-disk-0`;
  const common: Json = {
    digest,
    onboot: b01(p.running),
    cores: p.cores,
    memory: String(Math.round(p.memBytes / 1024 ** 2)),
  };
  if (p.tags.length > 0) common.tags = p.tags.join(';');
  if (p.template) common.template = 1;
  if (type === 'lxc') {
    return {
      ...common,
      arch: 'amd64',
      hostname: p.name,
      ostype: p.os.ostype,
      swap: 512,
      unprivileged: 1,
      features: 'nesting=1',
      rootfs: `${disk.replace('vm-', p.diskStorage === 'tank' ? 'subvol-' : 'vm-')},size=${sizeLabel(p.diskBytes)}`,
      net0: `name=eth0,bridge=vmbr0,hwaddr=${p.mac},ip=${p.ip}/24,gw=192.168.20.1,type=veth`,
    };
  }
  const out: Json = {
    ...common,
    name: p.name,
    sockets: 1,
    cpu: 'x86-64-v2-AES',
    ostype: p.os.ostype,
    machine: 'q35',
    bios: 'ovmf',
    scsihw: 'virtio-scsi-single',
    scsi0: `${disk},iothread=1,discard=on,size=${sizeLabel(p.diskBytes)}`,
    net0: `virtio=${p.mac},bridge=vmbr0,firewall=1`,
    boot: 'order=scsi0;net0',
    smbios1: `uuid=${mix(p.key, 1).toString(16).padStart(8, '0')}-5c1f-4e2a-9b7d-${mix(p.key, 2).toString(16).padStart(12, '0').slice(0, 12)}`,
    vmgenid: `${mix(p.key, 3).toString(16).padStart(8, '0')}-0d1e-4f3a-8b2c-${mix(p.key, 4).toString(16).padStart(12, '0').slice(0, 12)}`,
    meta: `creation-qemu=9.2.0,ctime=${epochSeconds(env.model.plan.startAt) - 86_400 * 120}`,
  };
  if (p.agent !== 'none') out.agent = 'enabled=1,fstrim_cloned_disks=1';
  if (p.os.windows) out.tpmstate0 = `${p.diskStorage}:vm-${p.vmid}-disk-1,size=4M,version=v2.0`;
  return out;
}

function snapshots(env: PveEnv, call: Call, type: GuestType): Json[] {
  const { plan: p, live } = guestParam(env, call, type);
  const out: Json[] = [];
  let parent: string | null = null;
  const sorted = [...p.snapshots].sort((a, b) => b.ageSec - a.ageSec);
  for (const s of sorted) {
    const entry: Json = {
      name: s.name,
      description: s.description,
      snaptime: epochSeconds(env.model.plan.startAt) - s.ageSec,
    };
    if (type === 'qemu') entry.vmstate = b01(s.vmstate);
    if (parent) entry.parent = parent;
    out.push(entry);
    parent = s.name;
  }
  const current: Json = {
    name: 'current',
    description: 'You are here!',
    running: b01(live.status === 'running'),
    digest: mix(p.key, 98).toString(16),
  };
  if (parent) current.parent = parent;
  out.push(current);
  return out;
}

function guestRrd(env: PveEnv, call: Call, type: GuestType): Json[] {
  const { plan: p } = guestParam(env, call, type);
  const node = env.model.nodeByName.get(p.node);
  return rrdRows(call, (at) => {
    if (!node || env.model.state.wasOffline(p.node, at)) return null;
    const s = env.model.guestStats(p, node, at);
    const rates = s
      ? env.model.guestRates(p, at)
      : { netin: 0, netout: 0, diskread: 0, diskwrite: 0 };
    const row: Json = {
      cpu: s ? round(s.cpu, 6) : 0,
      maxcpu: p.cores,
      mem: s?.mem ?? 0,
      maxmem: p.memBytes,
      disk: s?.disk ?? 0,
      maxdisk: p.diskBytes,
      netin: round(rates.netin, 2),
      netout: round(rates.netout, 2),
      diskread: round(rates.diskread, 2),
      diskwrite: round(rates.diskwrite, 2),
    };
    if (type === 'qemu') row.memhost = s?.memhost ?? 0;
    return row;
  });
}

function interfaces(env: PveEnv, call: Call): Json[] {
  const { plan: p, live } = guestParam(env, call, 'lxc');
  if (live.status !== 'running') throw new ApiError(500, `CT ${p.vmid} not running`);
  return [
    { name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8', inet6: '::1/128' },
    {
      name: 'eth0',
      hwaddr: p.mac.toLowerCase(),
      inet: `${p.ip}/24`,
      inet6: `fd00:20::${p.vmid.toString(16)}/64`,
    },
  ];
}

function index(live: GuestLive): Json[] {
  const subdirs = ['config', 'status', 'snapshot', 'rrddata'];
  if (live.plan.type === 'qemu') subdirs.push('agent');
  else subdirs.push('interfaces');
  return subdirs.map((subdir) => ({ subdir }));
}

export const pveGuestRoutes: Route<PveEnv>[] = [
  route('GET', '/nodes/{node}/qemu', listGuests('qemu')),
  route('GET', '/nodes/{node}/lxc', listGuests('lxc')),
  route('GET', '/nodes/{node}/qemu/{vmid}', (env, call) =>
    index(guestParam(env, call, 'qemu').live),
  ),
  route('GET', '/nodes/{node}/lxc/{vmid}', (env, call) => index(guestParam(env, call, 'lxc').live)),
  route('GET', '/nodes/{node}/qemu/{vmid}/status/current', qemuStatus),
  route('GET', '/nodes/{node}/lxc/{vmid}/status/current', lxcStatus),
  route('GET', '/nodes/{node}/qemu/{vmid}/config', (env, call) => config(env, call, 'qemu')),
  route('GET', '/nodes/{node}/lxc/{vmid}/config', (env, call) => config(env, call, 'lxc')),
  route('GET', '/nodes/{node}/qemu/{vmid}/snapshot', (env, call) => snapshots(env, call, 'qemu')),
  route('GET', '/nodes/{node}/lxc/{vmid}/snapshot', (env, call) => snapshots(env, call, 'lxc')),
  route('GET', '/nodes/{node}/qemu/{vmid}/rrddata', (env, call) => guestRrd(env, call, 'qemu')),
  route('GET', '/nodes/{node}/lxc/{vmid}/rrddata', (env, call) => guestRrd(env, call, 'lxc')),
  route('GET', '/nodes/{node}/lxc/{vmid}/interfaces', interfaces),
  ...guestAgentRoutes,
];
