import { epochSeconds } from './model/clock.ts';
import { replicationStatus } from './model/cluster-state.ts';
import type { EstateModel } from './model/live.ts';
import { PVE_REPOID } from './model/plan-common.ts';
import type { DiskPlan, GuestPlan, NodePlan } from './model/plan-types.ts';
import { b01, nodeLive, nodeParam, type PveEnv } from './pve-env.ts';
import { round } from './pve-shapes.ts';
import { ApiError, type Call, type Route, route } from './router.ts';
import { rrdRows } from './rrd.ts';

type Json = Record<string, unknown>;

function nodeStatus(env: PveEnv, call: Call): Json {
  const node = nodeParam(env, call);
  const stats = nodeLive(env, call, node).stats;
  if (!stats) throw new ApiError(500, `node '${node.name}' is offline`);
  const memFree = node.memBytes - stats.memUsed;
  return {
    cpu: round(stats.cpu, 6),
    wait: round(stats.wait, 6),
    idle: 0,
    loadavg: stats.loadavg.map((l) => l.toFixed(2)),
    cpuinfo: {
      model: node.cpuModel,
      cpus: node.cores,
      cores: node.cores / node.sockets / 2,
      sockets: node.sockets,
      mhz: node.mhz,
      user_hz: 100,
      hvm: '1',
      flags:
        'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx lm avx avx2 aes',
    },
    memory: {
      total: node.memBytes,
      used: stats.memUsed,
      free: memFree,
      available: stats.memAvailable,
    },
    swap: { total: node.swapBytes, used: stats.swapUsed, free: node.swapBytes - stats.swapUsed },
    ksm: { shared: stats.ksmShared },
    rootfs: {
      total: node.rootBytes,
      used: stats.rootUsed,
      avail: node.rootBytes - stats.rootUsed - 5 * 1024 ** 3,
      free: node.rootBytes - stats.rootUsed,
    },
    uptime: stats.uptime,
    kversion: `Linux ${node.kernel} #1 SMP PREEMPT_DYNAMIC PMX ${node.kernel.replace('-pve', '')} (2025-09-02T12:14Z) x86_64`,
    'current-kernel': {
      sysname: 'Linux',
      release: node.kernel,
      version: '#1 SMP PREEMPT_DYNAMIC PMX',
      machine: 'x86_64',
    },
    'boot-info': { mode: 'efi', secureboot: 0 },
    pveversion: `pve-manager/${node.pveVersion}/${PVE_REPOID}`,
  };
}

function nodeRrd(env: PveEnv, call: Call): Json[] {
  const node = nodeParam(env, call);
  return rrdRows(call, (at) => {
    const s = env.model.nodeStatsAt(node, at);
    if (!s) return null;
    return {
      cpu: round(s.cpu, 6),
      iowait: round(s.wait, 6),
      maxcpu: node.cores,
      loadavg: round(s.loadavg[0], 2),
      memtotal: node.memBytes,
      memused: s.memUsed,
      memavailable: s.memAvailable,
      swaptotal: node.swapBytes,
      swapused: s.swapUsed,
      roottotal: node.rootBytes,
      rootused: s.rootUsed,
      netin: round(s.netin, 2),
      netout: round(s.netout, 2),
      ...(node.zfsPools.length > 0 ? { arcsize: 4 * 1024 ** 3 } : {}),
    };
  });
}

function network(env: PveEnv, call: Call): Json[] {
  const node = nodeParam(env, call);
  return [
    {
      iface: 'lo',
      type: 'loopback',
      active: 1,
      autostart: 1,
      method: 'loopback',
      families: ['inet'],
      priority: 1,
    },
    {
      iface: 'eno1',
      type: 'eth',
      active: 1,
      exists: 1,
      method: 'manual',
      families: ['inet'],
      priority: 2,
    },
    {
      iface: 'eno2',
      type: 'eth',
      active: 1,
      exists: 1,
      method: 'manual',
      families: ['inet'],
      priority: 3,
    },
    {
      iface: 'vmbr0',
      type: 'bridge',
      active: 1,
      autostart: 1,
      method: 'static',
      families: ['inet'],
      address: node.lanIp,
      netmask: '24',
      cidr: `${node.lanIp}/24`,
      gateway: '192.168.10.1',
      bridge_ports: 'eno1',
      bridge_stp: 'off',
      bridge_fd: '0',
      priority: 4,
    },
    {
      iface: 'vmbr1',
      type: 'bridge',
      active: 1,
      autostart: 1,
      method: 'static',
      families: ['inet'],
      address: `10.10.10.${node.nodeid}`,
      netmask: '24',
      cidr: `10.10.10.${node.nodeid}/24`,
      bridge_ports: 'eno2',
      bridge_stp: 'off',
      bridge_fd: '0',
      comments: 'ceph + corosync\n',
      priority: 5,
    },
  ];
}

function diskEntry(d: DiskPlan, skipSmart: boolean): Json {
  const out: Json = {
    devpath: d.devpath,
    model: d.model,
    serial: d.serial,
    vendor: d.vendor,
    wwn: d.wwn,
    size: d.sizeBytes,
    type: d.type,
    rpm: d.rpm,
    gpt: 1,
    mounted: b01(d.used === 'LVM' && d.devpath.includes('nvme')),
    used: d.osdid >= 0 ? 'LVM' : d.used,
    osdid: d.osdid,
    'osdid-list': d.osdid >= 0 ? [d.osdid] : null,
    by_id_link: `/dev/disk/by-id/${d.type === 'nvme' ? 'nvme' : 'ata'}-${d.model.replace(/ /g, '_')}_${d.serial}`,
  };
  if (!skipSmart) {
    out.health = d.health;
    out.wearout = d.wearout;
  }
  return out;
}

function smart(env: PveEnv, call: Call): Json {
  const node = nodeParam(env, call);
  const devpath = call.args.get('disk') ?? '';
  const disk = node.disks.find((d) => d.devpath === devpath);
  if (!disk) throw new ApiError(500, `disk '${devpath}' not found`);
  if (call.args.get('healthonly') === '1') return { health: disk.health };
  if (disk.type === 'nvme') {
    const used = typeof disk.wearout === 'number' ? 100 - disk.wearout : 0;
    return {
      health: disk.health,
      type: 'text',
      text: `\nSMART/Health Information (NVMe Log 0x02)\nCritical Warning:                   0x00\nTemperature:                        41 Celsius\nAvailable Spare:                    100%\nPercentage Used:                    ${used}%\nPower On Hours:                     ${disk.powerOnHours}\nMedia and Data Integrity Errors:    0\n`,
    };
  }
  const attr = (id: number, name: string, value: number, raw: string, threshold = 0) => ({
    id: String(id).padStart(3, ' '),
    name,
    value,
    worst: value,
    threshold,
    raw,
    flags: '-O--CK',
    fail: value <= threshold && threshold > 0 ? 'FAILING_NOW' : '-',
  });
  const wear = typeof disk.wearout === 'number' ? disk.wearout : 100;
  const realloc = disk.reallocatedSectors;
  return {
    health: disk.health,
    type: 'ata',
    attributes: [
      attr(5, 'Reallocated_Sector_Ct', realloc > 1000 ? 3 : 100, String(realloc), 36),
      attr(9, 'Power_On_Hours', 95, String(disk.powerOnHours)),
      attr(12, 'Power_Cycle_Count', 100, '41'),
      attr(194, 'Temperature_Celsius', 64, '36 (Min/Max 18/49)'),
      attr(197, 'Current_Pending_Sector', realloc > 1000 ? 90 : 100, realloc > 1000 ? '48' : '0'),
      ...(disk.type === 'ssd' ? [attr(233, 'Media_Wearout_Indicator', wear, String(wear))] : []),
    ],
  };
}

function zfsPool(node: NodePlan, name: string): Json {
  const pool = node.zfsPools.find((p) => p.name === name);
  if (!pool) throw new ApiError(500, `zpool '${name}' not found`);
  const leaf = (dev: string) => ({
    name: dev,
    state: 'ONLINE',
    read: 0,
    write: 0,
    cksum: 0,
    msg: '',
    leaf: 1,
  });
  return {
    name: pool.name,
    state: 'ONLINE',
    scan: 'scrub repaired 0B in 02:11:09 with 0 errors on Sun Sep 14 02:35:10 2025',
    errors: 'No known data errors',
    children: [
      {
        name: pool.name,
        state: 'ONLINE',
        read: 0,
        write: 0,
        cksum: 0,
        msg: '',
        children: [
          {
            name: 'mirror-0',
            state: 'ONLINE',
            read: 0,
            write: 0,
            cksum: 0,
            msg: '',
            children: pool.devices.map(leaf),
          },
        ],
      },
    ],
  };
}

function replicationFor(
  model: EstateModel,
  node: NodePlan,
  guest: GuestPlan | undefined,
  at: number,
): Json[] {
  return model.plan.replication
    .filter((j) => j.source === node.name && (guest === undefined || j.guest === guest.vmid))
    .map((j) => replicationStatus(model, j, at));
}

export const pveNodeRoutes: Route<PveEnv>[] = [
  route('GET', '/nodes/{node}', (env, call) => {
    nodeParam(env, call);
    return [
      'status',
      'version',
      'rrddata',
      'network',
      'disks',
      'storage',
      'qemu',
      'lxc',
      'tasks',
      'replication',
      'subscription',
    ].map((subdir) => ({ name: subdir }));
  }),
  route('GET', '/nodes/{node}/status', nodeStatus),
  route('GET', '/nodes/{node}/rrddata', nodeRrd),
  route('GET', '/nodes/{node}/network', network),
  route('GET', '/nodes/{node}/disks/list', (env, call) => {
    const node = nodeParam(env, call);
    return node.disks.map((d) => diskEntry(d, call.args.get('skipsmart') === '1'));
  }),
  route('GET', '/nodes/{node}/disks/smart', smart),
  route('GET', '/nodes/{node}/disks/zfs', (env, call) => {
    const node = nodeParam(env, call);
    return node.zfsPools.map((p) => {
      const alloc = Math.round(p.sizeBytes * p.allocFraction);
      return {
        name: p.name,
        size: p.sizeBytes,
        alloc,
        free: p.sizeBytes - alloc,
        frag: p.fragPercent,
        dedup: 1,
        health: 'ONLINE',
      };
    });
  }),
  route('GET', '/nodes/{node}/disks/zfs/{name}', (env, call) =>
    zfsPool(nodeParam(env, call), call.params.name ?? ''),
  ),
  route('GET', '/nodes/{node}/subscription', (env, call) => {
    const node = nodeParam(env, call);
    return {
      status: 'notfound',
      message: 'There is no subscription key',
      serverid: node.key.toString(16).toUpperCase().padStart(32, '0').slice(0, 32),
      url: 'https://www.proxmox.com/en/proxmox-virtual-environment/pricing',
    };
  }),
  route('GET', '/nodes/{node}/apt/update', (env, call) => {
    const node = nodeParam(env, call);
    throw new ApiError(403, `Permission check failed (/nodes/${node.name}, Sys.Modify)`);
  }),
  route('GET', '/nodes/{node}/replication', (env, call) => {
    const node = nodeParam(env, call);
    const guestArg = call.args.get('guest');
    const guest = guestArg === null ? undefined : env.model.guestByVmid.get(Number(guestArg));
    if (guestArg !== null && !guest) return [];
    return replicationFor(env.model, node, guest, call.at);
  }),
  route('GET', '/nodes/{node}/replication/{id}/status', (env, call) => {
    const node = nodeParam(env, call);
    const job = env.model.plan.replication.find(
      (j) => j.id === call.params.id && j.source === node.name,
    );
    if (!job) throw new ApiError(500, `no such replication job '${call.params.id}'`);
    return replicationFor(env.model, node, env.model.guestByVmid.get(job.guest), call.at)[0] ?? {};
  }),
  route('GET', '/nodes/{node}/time', (env, call) => {
    nodeParam(env, call);
    const time = epochSeconds(call.at);
    return { time, localtime: time, timezone: 'UTC' };
  }),
];
