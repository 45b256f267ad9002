import { epoch } from '../../format.ts';
import type { HostResource } from '../resources/kinds.ts';

export type HostSortKey =
  | 'name'
  | 'cpu'
  | 'memory'
  | 'disk'
  | 'load'
  | 'uptime'
  | 'os'
  | 'agent'
  | 'report';

export interface HostSort {
  key: HostSortKey;
  descending: boolean;
}

export interface Fullest {
  /** Null when only the host's overall disk figure is known. */
  mountpoint: string | null;
  usedBytes: number;
  totalBytes: number;
  fraction: number;
}

/** The filesystem closest to full: the one that will page someone first. */
export function fullestFilesystem(host: HostResource): Fullest | null {
  let fullest: Fullest | null = null;
  for (const fs of host.filesystems) {
    if (fs.totalBytes <= 0) continue;
    const fraction = fs.usedBytes / fs.totalBytes;
    if (!fullest || fraction > fullest.fraction) {
      fullest = {
        mountpoint: fs.mountpoint,
        usedBytes: fs.usedBytes,
        totalBytes: fs.totalBytes,
        fraction,
      };
    }
  }
  if (fullest || !host.disk) return fullest;
  return { mountpoint: null, ...host.disk };
}

/** "Debian GNU/Linux 12", without repeating a version the name already holds. */
export function osText(host: Pick<HostResource, 'osName' | 'osVersion' | 'platform'>): string {
  const { osName, osVersion } = host;
  const text = [osName, osVersion && !osName?.includes(osVersion) ? osVersion : null]
    .filter(Boolean)
    .join(' ');
  return text || host.platform || '';
}

/** Load per core above 1 means work is queueing for CPU time. */
export const loadHigh = (host: HostResource) =>
  host.cpuCores != null && (host.loadAverage[0] ?? 0) > host.cpuCores;

const sortValue: Record<HostSortKey, (h: HostResource) => string | number> = {
  name: (h) => h.name.toLowerCase(),
  cpu: (h) => h.cpu ?? -1,
  memory: (h) => h.memory?.fraction ?? -1,
  disk: (h) => fullestFilesystem(h)?.fraction ?? -1,
  load: (h) => h.loadAverage[0] ?? -1,
  uptime: (h) => h.uptimeSeconds ?? -1,
  os: (h) => osText(h).toLowerCase(),
  agent: (h) => h.agentVersion ?? '',
  report: (h) => epoch(h.lastSeenAt) ?? 0,
};

/** Metrics read best busiest-first, the last report newest-first; words alphabetically. */
export const descendingFirst: ReadonlySet<HostSortKey> = new Set([
  'cpu',
  'memory',
  'disk',
  'load',
  'uptime',
  'report',
]);

function matches(host: HostResource, search: string): boolean {
  if (!search) return true;
  const fields = [
    host.name,
    host.hostname,
    host.id,
    osText(host),
    host.reportIp ?? '',
    ...host.tags,
    ...host.interfaces.flatMap((i) => i.addresses),
  ];
  return fields.some((field) => field.toLowerCase().includes(search));
}

export function hostRows(
  hosts: readonly HostResource[],
  search: string,
  sort: HostSort,
): HostResource[] {
  const needle = search.trim().toLowerCase();
  const value = sortValue[sort.key];
  return hosts
    .filter((h) => matches(h, needle))
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order =
        x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name, undefined, { numeric: true });
      return sort.descending ? -order : order;
    });
}
