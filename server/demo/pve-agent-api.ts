import type { GuestLive } from './model/live.ts';
import { mix } from './model/noise.ts';
import type { GuestPlan } from './model/plan-types.ts';
import { guestParam, type PveEnv } from './pve-env.ts';
import { ApiError, type Call, type Route, route } from './router.ts';

type Json = Record<string, unknown>;

/** The agent answers only for running VMs whose agent is configured and up. */
function agentGuest(env: PveEnv, call: Call): { plan: GuestPlan; live: GuestLive } {
  const g = guestParam(env, call, 'qemu');
  if (g.plan.agent === 'none') throw new ApiError(500, 'No QEMU guest agent configured');
  if (g.live.status !== 'running') throw new ApiError(500, `VM ${g.plan.vmid} is not running`);
  if (g.plan.agent === 'not-running') throw new ApiError(500, 'QEMU guest agent is not running');
  return g;
}

function disk(p: GuestPlan, dev: string): Json {
  return {
    'bus-type': 'scsi',
    bus: 0,
    target: 0,
    unit: 0,
    'pci-controller': { domain: 0, bus: 9, slot: 1, function: 0 },
    dev,
    serial: `0QEMU_QEMU_HARDDISK_drive-scsi0-${p.vmid}`,
  };
}

function fsinfo(p: GuestPlan, live: GuestLive, at: number): Json[] {
  const total = Math.round(p.diskBytes * 0.96);
  const drift = 0.02 * Math.sin(at / 86_400_000 + p.vmid);
  const used = Math.round(total * Math.min(0.99, p.diskFill + drift));
  if (p.os.windows) {
    return [
      {
        name: `\\\\?\\Volume{${mix(p.key, 5).toString(16)}-0000-0000-0000-100000000000}\\`,
        mountpoint: 'C:\\',
        type: 'NTFS',
        'total-bytes': total,
        'used-bytes': used,
        disk: [disk(p, 'C:')],
      },
    ];
  }
  const root = p.os.id === 'haos' ? '/mnt/data' : '/';
  const out: Json[] = [
    {
      name: 'sda1',
      mountpoint: root,
      type: 'ext4',
      'total-bytes': total,
      'used-bytes': used,
      'total-bytes-privileged': total + Math.round(total * 0.05),
      disk: [disk(p, '/dev/sda1')],
    },
    {
      name: 'sda15',
      mountpoint: '/boot/efi',
      type: 'vfat',
      'total-bytes': 129_718_272,
      'used-bytes': 9_134_592,
      disk: [disk(p, '/dev/sda15')],
    },
  ];
  // Bind mounts repeat a device; a client has to de-duplicate.
  if (live.status === 'running' && p.os.id === 'ubuntu') {
    out.push({
      name: 'sda1',
      mountpoint: '/var/snap/lxd/common/ns',
      type: 'ext4',
      'total-bytes': total,
      'used-bytes': used,
      disk: [disk(p, '/dev/sda1')],
    });
  }
  return out;
}

function interfaces(p: GuestPlan, live: GuestLive): Json[] {
  const s = live.stats;
  const stats = (rx: number, tx: number): Json => ({
    'rx-bytes': rx,
    'rx-packets': Math.round(rx / 900),
    'rx-errs': 0,
    'rx-dropped': 0,
    'tx-bytes': tx,
    'tx-packets': Math.round(tx / 700),
    'tx-errs': 0,
    'tx-dropped': 0,
  });
  const eth = p.os.windows ? 'Ethernet' : p.os.id === 'haos' ? 'enp0s18' : 'ens18';
  return [
    {
      name: p.os.windows ? 'Loopback Pseudo-Interface 1' : 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': [
        { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 },
        { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 },
      ],
      statistics: stats(48_112, 48_112),
    },
    {
      name: eth,
      'hardware-address': p.mac.toLowerCase(),
      'ip-addresses': [
        { 'ip-address': p.ip, 'ip-address-type': 'ipv4', prefix: 24 },
        {
          'ip-address': `fe80::be24:11ff:fe${p.mac.slice(12, 14).toLowerCase()}:${p.mac.slice(15).replace(':', '').toLowerCase()}`,
          'ip-address-type': 'ipv6',
          prefix: 64,
        },
      ],
      statistics: stats(s?.netin ?? 0, s?.netout ?? 0),
    },
  ];
}

function osinfo(p: GuestPlan): Json {
  const o = p.os;
  if (o.windows) {
    return {
      id: 'mswindows',
      name: 'Microsoft Windows',
      'pretty-name': 'Windows 11 Pro',
      version: 'Microsoft Windows 11',
      'version-id': '11',
      variant: 'client',
      'variant-id': 'client',
      'kernel-release': o.kernelRelease,
      'kernel-version': '10.0',
      machine: 'x86_64',
    };
  }
  return {
    id: o.id,
    name: o.name,
    'pretty-name': o.prettyName,
    version: o.version,
    'version-id': o.versionId,
    'kernel-release': o.kernelRelease,
    'kernel-version': o.kernelVersion,
    machine: 'x86_64',
  };
}

const commands = [
  'get-fsinfo',
  'network-get-interfaces',
  'get-osinfo',
  'get-host-name',
  'get-time',
  'get-timezone',
  'info',
  'ping',
];

export const guestAgentRoutes: Route<PveEnv>[] = [
  route('GET', '/nodes/{node}/qemu/{vmid}/agent', (env, call) => {
    guestParam(env, call, 'qemu');
    return commands.map((name) => ({ name }));
  }),
  route('GET', '/nodes/{node}/qemu/{vmid}/agent/{command}', (env, call) => {
    const command = call.params.command ?? '';
    if (!commands.includes(command) || command === 'ping') {
      throw new ApiError(501, `Method 'GET ${call.path}' not implemented`);
    }
    const { plan: p, live } = agentGuest(env, call);
    const result = (() => {
      switch (command) {
        case 'get-fsinfo':
          return fsinfo(p, live, call.at);
        case 'network-get-interfaces':
          return interfaces(p, live);
        case 'get-osinfo':
          return osinfo(p);
        case 'get-host-name':
          return { 'host-name': p.name };
        case 'get-time':
          return call.at * 1_000_000;
        case 'get-timezone':
          return { zone: 'UTC', offset: 0 };
        default:
          return {
            version: p.os.windows ? '108.0.2' : '9.2.0',
            supported_commands: commands.map((name) => ({
              name: `guest-${name}`,
              enabled: true,
              'success-response': true,
            })),
          };
      }
    })();
    return { result };
  }),
  route('POST', '/nodes/{node}/qemu/{vmid}/agent/ping', (env, call) => {
    agentGuest(env, call);
    return { result: {} };
  }),
];
