import { arch, freemem, hostname, totalmem, uptime } from 'node:os';
import type { AgentInfo, HostReport } from '../../agents/reports.ts';
import { CpuSampler } from './cpu.ts';
import { readDiskIo } from './disk-io.ts';
import { type HostRoots, realRoots } from './files.ts';
import { readFilesystems, type StatFs } from './filesystems.ts';
import { readMemory } from './memory.ts';
import { type AddressLookup, readNetwork, systemAddresses } from './network.ts';
import { readSystemInfo } from './system.ts';
import { readTemperatures } from './temperatures.ts';

export interface HostCollectorOptions {
  /** Fixture trees in tests; the real /proc, /sys and /etc otherwise. */
  roots?: Partial<HostRoots>;
  statfs?: StatFs;
  addresses?: AddressLookup;
  tags?: string[];
  /** The local address of the last connection to Pulse: the address Pulse reaches us at. */
  reportIp?: () => string | undefined;
  /** The gap between the two /proc/stat samples of the first report. */
  firstCpuSampleGapMs?: number;
}

/** Report lists are bounded by the wire schema; a host with more keeps the first ones. */
const maxListItems = 256;

/** Node's names for architectures, in Go's (`GOARCH`), as Pulse's agents report them. */
const goArch: Record<string, string> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' };

/**
 * Builds host reports from procfs and sysfs. Every reader degrades on its own: a missing
 * file leaves its field out. The fields a report cannot do without fall back: memory and
 * uptime to what Node's `os` module knows, CPU to 0 when /proc/stat cannot be read.
 */
export class HostCollector {
  readonly #options: HostCollectorOptions;
  readonly #roots: HostRoots;
  readonly #cpu: CpuSampler;

  constructor(options: HostCollectorOptions) {
    this.#options = options;
    this.#roots = { ...realRoots, ...options.roots };
    this.#cpu = new CpuSampler(this.#roots.procRoot, options.firstCpuSampleGapMs);
  }

  async collect(agent: AgentInfo): Promise<HostReport> {
    const { procRoot, sysRoot } = this.#roots;
    const [cpuPercent, memory, system, filesystems, diskIO, network, temperatures] =
      await Promise.all([
        this.#cpu.percent(),
        readMemory(procRoot),
        readSystemInfo(this.#roots),
        readFilesystems(procRoot, this.#options.statfs),
        readDiskIo(procRoot, sysRoot),
        readNetwork(sysRoot, this.#options.addresses ?? systemAddresses),
        readTemperatures(sysRoot),
      ]);
    const name = system.hostname ?? hostname();
    const reportIp = this.#options.reportIp?.();
    const report: HostReport = {
      agent: { ...agent, hostname: name },
      host: {
        hostname: name,
        platform: process.platform,
        architecture: goArch[arch()] ?? arch(),
        uptimeSeconds: system.uptimeSeconds ?? uptime(),
        ...(system.machineId ? { machineId: system.machineId } : {}),
        ...(system.osName ? { osName: system.osName } : {}),
        ...(system.osVersion ? { osVersion: system.osVersion } : {}),
        ...(system.kernelVersion ? { kernelVersion: system.kernelVersion } : {}),
        ...(system.cpuModel ? { cpuModel: system.cpuModel } : {}),
        ...(system.cpuCount ? { cpuCount: system.cpuCount } : {}),
        ...(system.loadAverage ? { loadAverage: system.loadAverage } : {}),
        ...(reportIp ? { reportIp } : {}),
      },
      metrics: {
        cpuUsagePercent: cpuPercent ?? 0,
        memory: memory ?? {
          totalBytes: totalmem(),
          usedBytes: totalmem() - freemem(),
          freeBytes: freemem(),
        },
      },
      disks: filesystems.slice(0, maxListItems).map((fs) => ({
        device: fs.device.slice(0, 256),
        mountpoint: fs.mountpoint.slice(0, 1024),
        filesystem: fs.type.slice(0, 64),
        type: fs.type.slice(0, 64),
        totalBytes: fs.totalBytes,
        usedBytes: fs.usedBytes,
        freeBytes: fs.freeBytes,
      })),
      diskIO: diskIO.slice(0, maxListItems),
      network: network.slice(0, maxListItems),
      timestamp: new Date().toISOString(),
    };
    if (Object.keys(temperatures).length > 0) {
      report.sensors = { temperatureCelsius: temperatures };
    }
    const tags = this.#options.tags ?? [];
    if (tags.length > 0) report.tags = tags;
    return report;
  }
}
