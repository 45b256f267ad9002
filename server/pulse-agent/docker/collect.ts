import { hostname, uptime } from 'node:os';
import type { AgentInfo, DockerContainerReport, DockerReport } from '../../agents/reports.ts';
import { clip, containerReport } from './containers.ts';
import { connectEngine, DockerEngineError, type EngineConnection } from './engine.ts';
import { mapWithLimit } from './pool.ts';
import { type ContainerUsage, type CpuSample, usageOf } from './stats.ts';
import type { ContainerInspect, ContainerStats, ContainerSummary, EngineInfo } from './wire.ts';

export { DockerEngineError } from './engine.ts';

export interface DockerCollectOptions {
  /** The Docker Engine API's unix socket, `/var/run/docker.sock` by default. */
  socketPath: string;
  agent: AgentInfo;
}

/** The report's limit; a host with more is reported by its first 2,000. */
const maxContainers = 2_000;
/** Per-container calls in flight at once. */
const concurrency = 8;

/**
 * Each running container's CPU counters at the last report, per socket: a one-shot stats read
 * has no previous sample of its own, so the percentage is taken over the report interval.
 */
const baselines = new Map<string, Map<string, CpuSample>>();

/** One Docker report from the Engine API (or Podman's compatible one) on its unix socket. */
export async function collectDockerReport(options: DockerCollectOptions): Promise<DockerReport> {
  const { socketPath, agent } = options;
  const engine = await connectEngine({ socketPath, maxSockets: concurrency });
  try {
    const [info, list] = await Promise.all([
      engine.get<EngineInfo>('/info'),
      engine.get<ContainerSummary[]>('/containers/json?all=1'),
    ]);
    const now = Date.now();
    const previous = baselines.get(socketPath) ?? new Map<string, CpuSample>();
    const next = new Map<string, CpuSample>();
    const reports = await mapWithLimit(list.slice(0, maxContainers), concurrency, (summary) =>
      collectContainer(engine, summary, previous, next, info.NCPU, now),
    );
    baselines.set(socketPath, next);
    return {
      agent,
      host: hostOf(info, engine),
      containers: reports.filter((report): report is DockerContainerReport => report !== null),
      timestamp: now,
    };
  } finally {
    engine.close();
  }
}

/** Null when the container was removed between the list and its inspect. */
async function collectContainer(
  engine: EngineConnection,
  summary: ContainerSummary,
  previous: Map<string, CpuSample>,
  next: Map<string, CpuSample>,
  hostCpus: number | undefined,
  now: number,
): Promise<DockerContainerReport | null> {
  const id = encodeURIComponent(summary.Id);
  const inspect = await tolerant(engine.find<ContainerInspect>(`/containers/${id}/json`), {});
  if (inspect === null) return null;
  let usage: ContainerUsage | null = null;
  if (summary.State === 'running') {
    const path = `/containers/${id}/stats?stream=false&one-shot=true`;
    const stats = await tolerant(engine.find<ContainerStats>(path), null);
    if (stats) {
      usage = usageOf(stats, previous.get(summary.Id), hostCpus);
      if (usage.sample) next.set(summary.Id, usage.sample);
    }
  }
  return containerReport(summary, inspect, usage, now);
}

/**
 * One container the engine cannot describe right now (a 500 mid-removal) still belongs in the
 * report from its list entry; a lost socket fails the whole report.
 */
async function tolerant<T, F>(call: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof DockerEngineError && error.status !== undefined) return fallback;
    throw error;
  }
}

function hostOf(info: EngineInfo, engine: EngineConnection): DockerReport['host'] {
  const version = engine.version;
  const podman = (version.Components ?? []).find((c) => /podman/i.test(c.Name ?? ''));
  const host: DockerReport['host'] = {
    hostname: clip(info.Name || hostname(), 255),
    runtime: engine.runtime,
    // The socket is local, so this machine's uptime is the engine host's.
    uptimeSeconds: Math.floor(uptime()),
  };
  const runtimeVersion = podman?.Version ?? version.Version;
  if (runtimeVersion) host.runtimeVersion = clip(runtimeVersion, 64);
  if (info.ServerVersion) host.dockerVersion = clip(info.ServerVersion, 64);
  if (info.OperatingSystem) host.os = clip(info.OperatingSystem, 128);
  const kernel = info.KernelVersion ?? version.KernelVersion;
  if (kernel) host.kernelVersion = clip(kernel, 128);
  const architecture = info.Architecture ?? version.Arch;
  if (architecture) host.architecture = clip(architecture, 64);
  if (Number.isInteger(info.NCPU) && (info.NCPU as number) >= 0) host.totalCpu = info.NCPU;
  if (info.MemTotal !== undefined && info.MemTotal >= 0) host.totalMemoryBytes = info.MemTotal;
  return host;
}
