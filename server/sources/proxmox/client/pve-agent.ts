import { expectList, expectObject, int, isObject, nested, num, str } from './decode.ts';

/** PVE wraps every guest-agent answer as `{result: <QGA payload>}`. */
function agentResult(data: unknown): unknown {
  return isObject(data) && 'result' in data ? data.result : data;
}

export interface PveAgentDisk {
  busType: string | null;
  bus: number | null;
  target: number | null;
  unit: number | null;
  dev: string | null;
  serial: string | null;
}

export interface PveAgentFilesystem {
  name: string | null;
  mountpoint: string;
  /** `ext4`, `xfs`, `NTFS`... (pseudo filesystems are not filtered here). */
  type: string | null;
  /** Bytes. */
  totalBytes: number | null;
  usedBytes: number | null;
  totalBytesPrivileged: number | null;
  disks: PveAgentDisk[];
}

export function decodeAgentFsInfo(data: unknown): PveAgentFilesystem[] {
  const out: PveAgentFilesystem[] = [];
  for (const e of expectList(agentResult(data), 'guest filesystems')) {
    const mountpoint = str(e.mountpoint);
    if (mountpoint === null) continue;
    const disks = Array.isArray(e.disk) ? e.disk.filter(isObject) : [];
    out.push({
      name: str(e.name),
      mountpoint,
      type: str(e.type),
      totalBytes: num(e['total-bytes']),
      usedBytes: num(e['used-bytes']),
      totalBytesPrivileged: num(e['total-bytes-privileged']),
      disks: disks.map((d) => ({
        busType: str(d['bus-type']),
        bus: int(d.bus),
        target: int(d.target),
        unit: int(d.unit),
        dev: str(d.dev),
        serial: str(d.serial),
      })),
    });
  }
  return out;
}

export interface PveAgentIpAddress {
  address: string;
  /** `ipv4` / `ipv6`. */
  type: string | null;
  prefix: number | null;
}

export interface PveAgentInterfaceStats {
  rxBytes: number | null;
  rxPackets: number | null;
  rxErrs: number | null;
  rxDropped: number | null;
  txBytes: number | null;
  txPackets: number | null;
  txErrs: number | null;
  txDropped: number | null;
}

export interface PveAgentInterface {
  /** Includes `lo`; callers filter loopback and link-local. */
  name: string;
  hardwareAddress: string | null;
  ipAddresses: PveAgentIpAddress[];
  statistics: PveAgentInterfaceStats | null;
}

export function decodeAgentInterfaces(data: unknown): PveAgentInterface[] {
  const out: PveAgentInterface[] = [];
  for (const e of expectList(agentResult(data), 'guest interfaces')) {
    const name = str(e.name);
    if (name === null) continue;
    const ips = Array.isArray(e['ip-addresses']) ? e['ip-addresses'].filter(isObject) : [];
    out.push({
      name,
      hardwareAddress: str(e['hardware-address']),
      ipAddresses: ips.flatMap((ip) => {
        const address = str(ip['ip-address']);
        return address === null
          ? []
          : [{ address, type: str(ip['ip-address-type']), prefix: int(ip.prefix) }];
      }),
      statistics: nested(e.statistics, (s) => ({
        rxBytes: num(s['rx-bytes']),
        rxPackets: num(s['rx-packets']),
        rxErrs: num(s['rx-errs']),
        rxDropped: num(s['rx-dropped']),
        txBytes: num(s['tx-bytes']),
        txPackets: num(s['tx-packets']),
        txErrs: num(s['tx-errs']),
        txDropped: num(s['tx-dropped']),
      })),
    });
  }
  return out;
}

export interface PveAgentOsInfo {
  id: string | null;
  name: string | null;
  prettyName: string | null;
  version: string | null;
  versionId: string | null;
  kernelRelease: string | null;
  kernelVersion: string | null;
  machine: string | null;
}

export function decodeAgentOsInfo(data: unknown): PveAgentOsInfo {
  const o = expectObject(agentResult(data), 'guest OS info');
  return {
    id: str(o.id),
    name: str(o.name),
    prettyName: str(o['pretty-name']),
    version: str(o.version),
    versionId: str(o['version-id']),
    kernelRelease: str(o['kernel-release']),
    kernelVersion: str(o['kernel-version']),
    machine: str(o.machine),
  };
}
