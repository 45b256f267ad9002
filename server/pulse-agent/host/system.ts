import { type HostRoots, parseEnvFile, readText } from './files.ts';

export interface SystemInfo {
  hostname?: string;
  machineId?: string;
  osName?: string;
  osVersion?: string;
  kernelVersion?: string;
  cpuModel?: string;
  cpuCount?: number;
  uptimeSeconds?: number;
  loadAverage?: number[];
}

/** The 1, 5 and 15 minute load averages: the first three fields of /proc/loadavg. */
export function parseLoadavg(text: string): number[] | null {
  const values = text.trim().split(/\s+/).slice(0, 3).map(Number);
  return values.length === 3 && values.every((n) => Number.isFinite(n) && n >= 0) ? values : null;
}

/** Seconds since boot: the first field of /proc/uptime. */
export function parseUptime(text: string): number | null {
  const value = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The processor count and model from /proc/cpuinfo: one `processor` stanza per online CPU;
 * x86 names the model in `model name`, ARM boards in `Model` or `Hardware`.
 */
export function parseCpuinfo(text: string): { model?: string; count?: number } {
  let count = 0;
  const firstOf = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor') count += 1;
    if (value !== '' && !firstOf.has(key)) firstOf.set(key, value);
  }
  const model =
    firstOf.get('model name') ??
    firstOf.get('Model') ??
    firstOf.get('Hardware') ??
    firstOf.get('cpu');
  return {
    ...(model ? { model: model.replace(/\s+/g, ' ').slice(0, 256) } : {}),
    ...(count > 0 ? { count } : {}),
  };
}

/** NAME and VERSION_ID (or VERSION) from os-release. */
export function parseOsRelease(text: string): { name?: string; version?: string } {
  const values = parseEnvFile(text);
  const name = values.get('NAME') ?? values.get('ID');
  const version = values.get('VERSION_ID') ?? values.get('VERSION');
  return {
    ...(name ? { name: name.slice(0, 128) } : {}),
    ...(version ? { version: version.slice(0, 128) } : {}),
  };
}

const trimmed = (text: string | null) => {
  const value = text?.trim();
  return value ? value : undefined;
};

/** What identifies and describes this machine; each field only when its file is there. */
export async function readSystemInfo(roots: HostRoots): Promise<SystemInfo> {
  const [hostname, machineId, osRelease, usrOsRelease, kernel, cpuinfo, uptime, loadavg] =
    await Promise.all([
      readText(roots.procRoot, 'sys/kernel/hostname'),
      readText(roots.etcRoot, 'machine-id'),
      readText(roots.etcRoot, 'os-release'),
      // Where /etc/os-release is missing, the file it would link to (beside /etc, under usr/).
      readText(roots.etcRoot, '../usr/lib/os-release'),
      readText(roots.procRoot, 'sys/kernel/osrelease'),
      readText(roots.procRoot, 'cpuinfo'),
      readText(roots.procRoot, 'uptime'),
      readText(roots.procRoot, 'loadavg'),
    ]);
  const info: SystemInfo = {};
  const name = trimmed(hostname);
  if (name) info.hostname = name.slice(0, 255);
  const id = trimmed(machineId);
  if (id && /^[0-9a-f]{32}$/i.test(id)) info.machineId = id.toLowerCase();
  const os = parseOsRelease(osRelease ?? usrOsRelease ?? '');
  if (os.name) info.osName = os.name;
  if (os.version) info.osVersion = os.version;
  const kernelVersion = trimmed(kernel);
  if (kernelVersion) info.kernelVersion = kernelVersion.slice(0, 128);
  const cpu = parseCpuinfo(cpuinfo ?? '');
  if (cpu.model) info.cpuModel = cpu.model;
  if (cpu.count) info.cpuCount = cpu.count;
  const seconds = uptime === null ? null : parseUptime(uptime);
  if (seconds !== null) info.uptimeSeconds = seconds;
  const load = loadavg === null ? null : parseLoadavg(loadavg);
  if (load) info.loadAverage = load;
  return info;
}
