import type { Resource, ResourceOf, ResourceStatus } from '../resources/model.ts';
import type { DockerContainerReport, DockerReport } from './reports.ts';
import { agentLink, epochMs, type MapContext, total } from './sources.ts';

/**
 * A container's status from its engine state. Restarting is a container that keeps dying:
 * degraded, not running. Health stays in the details (a running, unhealthy container runs).
 */
export function containerStatus(state: string): ResourceStatus {
  switch (state.toLowerCase()) {
    case 'running':
      return 'running';
    case 'paused':
      return 'paused';
    case 'restarting':
      return 'degraded';
    case 'created':
    case 'exited':
    case 'dead':
    case 'removing':
      return 'stopped';
    default:
      return 'unknown';
  }
}

/** A Docker report as its engine (`dockerHost`) with every container as a child. */
export function mapDockerReport(report: DockerReport, context: MapContext): Resource[] {
  const { host } = report;
  const hostId = `${context.source}/host`;
  const cpuCount = host.totalCpu && host.totalCpu > 0 ? host.totalCpu : null;
  const machine = {
    id: hostId,
    cpuCount,
    memoryBytes: host.totalMemoryBytes && host.totalMemoryBytes > 0 ? host.totalMemoryBytes : null,
  };
  const containers = report.containers.map((c) => mapContainer(c, machine, context));
  const running = containers.filter((c) => c.details.state.toLowerCase() === 'running');
  const cpuPercent = total(report.containers.map((c) => c.cpuPercent));
  const memoryUsed = total(report.containers.map((c) => c.memoryUsageBytes));
  const engine: ResourceOf<'dockerHost'> = {
    id: hostId,
    type: 'dockerHost',
    parentId: null,
    name: host.name || host.hostname,
    status: 'online',
    source: context.source,
    cpu: cpuPercent !== null && cpuCount ? Math.min(1, cpuPercent / 100 / cpuCount) : null,
    memory: machine.memoryBytes
      ? { usedBytes: memoryUsed ?? 0, totalBytes: machine.memoryBytes }
      : null,
    disk: null,
    network: null,
    diskIo: null,
    uptimeSeconds: host.uptimeSeconds ?? null,
    tags: [],
    lastSeenAt: context.receivedAt,
    details: {
      ...agentLink(report.agent, context),
      hostname: host.hostname,
      runtime: host.runtime || 'docker',
      runtimeVersion: host.runtimeVersion ?? host.dockerVersion ?? null,
      os: host.os ?? null,
      architecture: host.architecture ?? null,
      cpuCount,
      containerCount: containers.length,
      runningCount: running.length,
    },
  };
  return [engine, ...containers];
}

interface Machine {
  id: string;
  cpuCount: number | null;
  memoryBytes: number | null;
}

function mapContainer(
  c: DockerContainerReport,
  machine: Machine,
  context: MapContext,
): ResourceOf<'dockerContainer'> {
  const net = context.rate(`net:${c.id}`, {
    rx: c.networkRxBytes ?? null,
    tx: c.networkTxBytes ?? null,
  });
  const io = context.rate(`io:${c.id}`, {
    read: c.blockIo?.readBytes ?? null,
    write: c.blockIo?.writeBytes ?? null,
  });
  // Without a limit a container may use the whole machine.
  const limit =
    c.memoryLimitBytes && c.memoryLimitBytes > 0 ? c.memoryLimitBytes : machine.memoryBytes;
  return {
    id: `${context.source}/container/${c.id}`,
    type: 'dockerContainer',
    parentId: machine.id,
    name: c.name.replace(/^\//, ''),
    status: containerStatus(c.state),
    source: context.source,
    // The engine counts 100% per core; the model counts a fraction of the machine.
    cpu:
      c.cpuPercent === undefined ? null : Math.min(1, c.cpuPercent / 100 / (machine.cpuCount ?? 1)),
    memory:
      c.memoryUsageBytes !== undefined && limit !== null
        ? { usedBytes: c.memoryUsageBytes, totalBytes: limit }
        : null,
    disk: null,
    network:
      net.rx != null && net.tx != null
        ? { inBytesPerSecond: net.rx, outBytesPerSecond: net.tx }
        : null,
    diskIo:
      io.read != null && io.write != null
        ? { readBytesPerSecond: io.read, writeBytesPerSecond: io.write }
        : null,
    uptimeSeconds: c.uptimeSeconds ?? null,
    tags: [],
    lastSeenAt: context.receivedAt,
    details: {
      containerId: c.id,
      image: c.image,
      state: c.state,
      statusText: c.status ?? null,
      health: c.health || null,
      restartCount: c.restartCount ?? 0,
      exitCode: c.exitCode ?? null,
      createdAt: epochMs(c.createdAt),
      ports: (c.ports ?? []).map((p) => ({
        privatePort: p.privatePort,
        publicPort: p.publicPort ?? null,
        protocol: p.protocol ?? 'tcp',
        ip: p.ip ?? null,
      })),
      composeProject: c.labels?.['com.docker.compose.project'] ?? null,
    },
  };
}
