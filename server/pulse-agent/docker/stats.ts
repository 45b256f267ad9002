import type { ContainerStats, CpuStats } from './wire.ts';

/** Cumulative CPU counters of one container at one moment, in nanoseconds. */
export interface CpuSample {
  container: number;
  system: number;
}

export interface ContainerUsage {
  cpuPercent?: number;
  memoryUsageBytes?: number;
  memoryLimitBytes?: number;
  networkRxBytes?: number;
  networkTxBytes?: number;
  blockIo?: { readBytes: number; writeBytes: number };
  /** This read's CPU counters, the baseline for the next report's percentage. */
  sample?: CpuSample;
}

/**
 * Usage from one stats reply, computed as `docker stats` does. A one-shot read leaves
 * `precpu_stats` empty, so the baseline is then this agent's previous sample of the same
 * container (from the last report); without either there is no honest percentage yet.
 */
export function usageOf(
  stats: ContainerStats,
  previous: CpuSample | undefined,
  hostCpus: number | undefined,
): ContainerUsage {
  const sample = sampleOf(stats.cpu_stats);
  const baseline = sampleOf(stats.precpu_stats) ?? previous;
  const usage: ContainerUsage = { ...memoryOf(stats), ...networkOf(stats), ...blockIoOf(stats) };
  if (sample) usage.sample = sample;
  if (sample && baseline) {
    const percent = cpuPercent(sample, baseline, onlineCpus(stats.cpu_stats, hostCpus));
    if (percent !== undefined) usage.cpuPercent = percent;
  }
  return usage;
}

/** `(container delta / system delta) × online CPUs × 100`: 100 is one CPU's worth. */
export function cpuPercent(now: CpuSample, before: CpuSample, cpus: number): number | undefined {
  const containerDelta = now.container - before.container;
  const systemDelta = now.system - before.system;
  // A restart resets the container's counter; no delta means no time has passed.
  if (containerDelta < 0 || systemDelta <= 0) return undefined;
  return Math.round((containerDelta / systemDelta) * cpus * 100 * 100) / 100;
}

function sampleOf(cpu: CpuStats | undefined): CpuSample | undefined {
  const container = cpu?.cpu_usage?.total_usage;
  const system = cpu?.system_cpu_usage;
  if (!container || !system) return undefined;
  return { container, system };
}

function onlineCpus(cpu: CpuStats | undefined, hostCpus: number | undefined): number {
  if (cpu?.online_cpus) return cpu.online_cpus;
  const perCpu = cpu?.cpu_usage?.percpu_usage?.length;
  return perCpu || hostCpus || 1;
}

/** What the container really holds: page cache it could drop at once does not count. */
function memoryOf(stats: ContainerStats): Partial<ContainerUsage> {
  const memory = stats.memory_stats;
  if (memory?.usage === undefined) return {};
  const counters = memory.stats ?? {};
  const inactive = counters.total_inactive_file ?? counters.inactive_file ?? counters.cache ?? 0;
  const used = inactive < memory.usage ? memory.usage - inactive : memory.usage;
  return {
    memoryUsageBytes: used,
    ...(memory.limit ? { memoryLimitBytes: memory.limit } : {}),
  };
}

function networkOf(stats: ContainerStats): Partial<ContainerUsage> {
  const interfaces = Object.values(stats.networks ?? {});
  // Host-network containers have no interfaces of their own: no numbers, rather than zeros.
  if (interfaces.length === 0) return {};
  let rx = 0;
  let tx = 0;
  for (const counters of interfaces) {
    rx += counters.rx_bytes ?? 0;
    tx += counters.tx_bytes ?? 0;
  }
  return { networkRxBytes: rx, networkTxBytes: tx };
}

function blockIoOf(stats: ContainerStats): Partial<ContainerUsage> {
  const entries = stats.blkio_stats?.io_service_bytes_recursive;
  if (!entries) return {};
  let readBytes = 0;
  let writeBytes = 0;
  for (const entry of entries) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') readBytes += entry.value ?? 0;
    else if (op === 'write') writeBytes += entry.value ?? 0;
  }
  return { blockIo: { readBytes, writeBytes } };
}
