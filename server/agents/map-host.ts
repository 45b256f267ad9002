import type { HostDetails, Resource, ResourceOf } from '../resources/model.ts';
import type { HostReport } from './reports.ts';
import { agentLink, type MapContext, total } from './sources.ts';

/** Filesystems that hold no data of their own: counting them would double the totals. */
const virtualFilesystems = new Set(['tmpfs', 'devtmpfs', 'overlay', 'squashfs', 'ramfs', 'proc']);
const isLoopback = (name: string) => name === 'lo' || name.startsWith('lo0');

/** A host report as one `host` resource; rates from the counters of this and the last report. */
/** A report's resources with the host's PVE node link set (the registry knows the link). */
export function withNodeLink(
  resources: readonly Resource[],
  linkedNodeId: string | null,
): Resource[] {
  return resources.map(
    (r): Resource => (r.type === 'host' ? { ...r, details: { ...r.details, linkedNodeId } } : r),
  );
}

export function mapHostReport(report: HostReport, context: MapContext): ResourceOf<'host'>[] {
  const { host, metrics } = report;
  const filesystems = report.disks.map((d) => ({
    device: d.device,
    mountpoint: d.mountpoint,
    fsType: d.filesystem ?? d.type ?? null,
    totalBytes: d.totalBytes,
    usedBytes: d.usedBytes,
  }));
  const interfaces = report.network.map((n) => {
    const rates = context.rate(`net:${n.name}`, { rx: n.rxBytes, tx: n.txBytes });
    return {
      name: n.name,
      mac: n.mac ?? null,
      addresses: n.addresses ?? [],
      rxBytesPerSecond: rates.rx ?? null,
      txBytesPerSecond: rates.tx ?? null,
      speedMbps: n.speedMbps ?? null,
    };
  });
  const disksIo = report.diskIO.map((d) =>
    context.rate(`io:${d.device}`, { read: d.readBytes, write: d.writeBytes }),
  );
  const external = interfaces.filter((i) => !isLoopback(i.name));
  const rxTotal = total(external.map((i) => i.rxBytesPerSecond));
  const txTotal = total(external.map((i) => i.txBytesPerSecond));
  const readTotal = total(disksIo.map((d) => d.read));
  const writeTotal = total(disksIo.map((d) => d.write));
  const seenDevices = new Set<string>();
  const counted = filesystems.filter((f) => {
    if (f.totalBytes <= 0 || virtualFilesystems.has(f.fsType ?? '')) return false;
    if (seenDevices.has(f.device)) return false;
    seenDevices.add(f.device);
    return true;
  });
  const memory = metrics.memory;
  const details: HostDetails = {
    ...agentLink(report.agent, context),
    hostname: host.hostname,
    platform: host.platform ?? null,
    osName: host.osName ?? null,
    osVersion: host.osVersion ?? null,
    kernelVersion: host.kernelVersion ?? null,
    architecture: host.architecture ?? null,
    cpuModel: host.cpuModel ?? null,
    cpuCount: host.cpuCount ?? null,
    loadAverage: host.loadAverage ?? [],
    swap:
      memory.swapTotalBytes && memory.swapTotalBytes > 0
        ? { usedBytes: memory.swapUsedBytes ?? 0, totalBytes: memory.swapTotalBytes }
        : null,
    filesystems,
    interfaces,
    temperatures: Object.entries(report.sensors?.temperatureCelsius ?? {}).map(
      ([sensor, celsius]) => ({ sensor, celsius }),
    ),
    reportIp: host.reportIp ?? null,
    // The registry knows the link; ingestion fills it in.
    linkedNodeId: null,
  };
  return [
    {
      id: `${context.source}/host`,
      type: 'host',
      parentId: null,
      name: host.displayName || host.hostname,
      status: 'online',
      source: context.source,
      cpu: Math.min(1, metrics.cpuUsagePercent / 100),
      memory: { usedBytes: memory.usedBytes, totalBytes: memory.totalBytes },
      disk:
        counted.length > 0
          ? {
              usedBytes: counted.reduce((a, f) => a + f.usedBytes, 0),
              totalBytes: counted.reduce((a, f) => a + f.totalBytes, 0),
            }
          : null,
      network:
        rxTotal === null || txTotal === null
          ? null
          : { inBytesPerSecond: rxTotal, outBytesPerSecond: txTotal },
      diskIo:
        readTotal === null || writeTotal === null
          ? null
          : { readBytesPerSecond: readTotal, writeBytesPerSecond: writeTotal },
      uptimeSeconds: host.uptimeSeconds,
      tags: report.tags ?? [],
      lastSeenAt: context.receivedAt,
      details,
    },
  ];
}
