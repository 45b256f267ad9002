import type { DockerContainerReport } from '../../agents/reports.ts';
import type { ContainerUsage } from './stats.ts';
import type { ContainerInspect, ContainerSummary, EnginePort } from './wire.ts';

/** States in which the engine keeps the last exit code worth showing. */
const stoppedStates = new Set(['exited', 'dead', 'restarting']);
/** States with a live process, hence an uptime. */
const liveStates = new Set(['running', 'paused']);
const maxPorts = 128;

/** One container of the report, from its list entry, its inspect reply and (if running) stats. */
export function containerReport(
  summary: ContainerSummary,
  inspect: ContainerInspect,
  usage: ContainerUsage | null,
  now: number,
): DockerContainerReport {
  const state = (summary.State ?? inspect.State?.Status ?? 'unknown').toLowerCase();
  const report: DockerContainerReport = {
    id: clip(summary.Id, 128),
    name: clip(nameOf(summary), 256),
    image: clip(summary.Image ?? '', 512),
    state: clip(state, 32),
  };
  if (summary.Created) report.createdAt = summary.Created * 1000;
  if (summary.Status) report.status = clip(summary.Status, 256);
  const health = inspect.State?.Health?.Status;
  if (health && health !== 'none') report.health = clip(health, 32);
  if (inspect.RestartCount !== undefined) report.restartCount = Math.max(0, inspect.RestartCount);
  if (stoppedStates.has(state) && inspect.State?.ExitCode !== undefined) {
    report.exitCode = inspect.State.ExitCode;
  }
  const uptime = uptimeOf(state, inspect.State?.StartedAt, now);
  if (uptime !== undefined) report.uptimeSeconds = uptime;
  const ports = portsOf(summary.Ports ?? []);
  if (ports.length > 0) report.ports = ports;
  const labels = labelsOf(summary.Labels ?? {});
  if (labels) report.labels = labels;
  if (usage) {
    const { sample: _sample, ...numbers } = usage;
    Object.assign(report, numbers);
  }
  return report;
}

/**
 * The container's own name: `Names` also lists the aliases legacy links give it
 * (`/app/db`), which carry a second slash.
 */
function nameOf(summary: ContainerSummary): string {
  const names = summary.Names ?? [];
  const own = names.find((name) => name.lastIndexOf('/') === 0) ?? names[0];
  return own ? own.replace(/^\//, '') : summary.Id.slice(0, 12);
}

function uptimeOf(state: string, startedAt: string | undefined, now: number): number | undefined {
  if (!liveStates.has(state) || !startedAt) return undefined;
  const started = Date.parse(startedAt);
  // A container never started reports Go's zero time, year 1.
  if (!Number.isFinite(started) || started <= 0) return undefined;
  return Math.max(0, Math.floor((now - started) / 1000));
}

function portsOf(ports: EnginePort[]): NonNullable<DockerContainerReport['ports']> {
  const result: NonNullable<DockerContainerReport['ports']> = [];
  for (const port of ports) {
    if (!validPort(port.PrivatePort)) continue;
    const entry: (typeof result)[number] = { privatePort: port.PrivatePort };
    if (validPort(port.PublicPort) && port.PublicPort > 0) entry.publicPort = port.PublicPort;
    if (port.Type) entry.protocol = clip(port.Type, 8);
    if (port.IP) entry.ip = clip(port.IP, 64);
    result.push(entry);
    if (result.length === maxPorts) break;
  }
  return result;
}

function validPort(port: number | undefined): port is number {
  return Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65_535;
}

/** Image labels can carry long descriptions; keep them within the report's limits. */
function labelsOf(labels: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(labels).filter(([key]) => key.length > 0 && key.length <= 256);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([key, value]) => [key, clip(String(value), 1024)]));
}

export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
