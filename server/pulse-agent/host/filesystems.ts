import { statfs } from 'node:fs/promises';
import { readText } from './files.ts';

export interface HostFilesystemReport {
  device: string;
  mountpoint: string;
  type: string;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
}

export interface Mount {
  device: string;
  mountpoint: string;
  type: string;
}

/** Space as statfs reports it; injectable so tests need no real mounts. */
export interface SpaceInfo {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
}
export type StatFs = (path: string) => Promise<SpaceInfo>;

/** Kernel and in-memory filesystems: they hold no data a disk alert is about. */
const pseudoTypes = new Set([
  'autofs',
  'binfmt_misc',
  'bpf',
  'cgroup',
  'cgroup2',
  'configfs',
  'debugfs',
  'devpts',
  'devtmpfs',
  'efivarfs',
  // Bare FUSE is mostly Proxmox's cluster config (/etc/pve); real FUSE stores say fuse.<name>.
  'fuse',
  'fuse.gvfsd-fuse',
  'fuse.lxcfs',
  'fuse.portal',
  'fusectl',
  'hugetlbfs',
  'mqueue',
  'nsfs',
  'overlay',
  'proc',
  'pstore',
  'ramfs',
  'rpc_pipefs',
  'securityfs',
  'selinuxfs',
  'squashfs',
  'sysfs',
  'tmpfs',
  'tracefs',
]);

/** /proc/mounts escapes space, tab, newline and backslash as octal (`\040`). */
const unescapeOctal = (field: string) =>
  field.replace(/\\([0-7]{3})/g, (_m, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );

export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [device, mountpoint, type] = line.trim().split(/\s+/);
    if (!device || !mountpoint || !type) continue;
    mounts.push({ device: unescapeOctal(device), mountpoint: unescapeOctal(mountpoint), type });
  }
  return mounts;
}

/**
 * The mounts worth reporting: real filesystems, each device once (bind mounts and btrfs
 * subvolumes repeat a device with the same space; the shortest mountpoint names it).
 */
export function realMounts(mounts: Mount[]): Mount[] {
  const byDevice = new Map<string, Mount>();
  for (const mount of mounts) {
    if (pseudoTypes.has(mount.type)) continue;
    if (mount.mountpoint.startsWith('/proc/') || mount.mountpoint.startsWith('/sys/')) continue;
    const seen = byDevice.get(mount.device);
    if (!seen || mount.mountpoint.length < seen.mountpoint.length)
      byDevice.set(mount.device, mount);
  }
  return [...byDevice.values()];
}

/**
 * Used is what is taken (total - free); free is what an unprivileged writer may still use
 * (root's reserved blocks excluded), as `df` shows them.
 */
export function spaceOf(info: SpaceInfo): {
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
} {
  const totalBytes = info.blocks * info.bsize;
  return {
    totalBytes,
    usedBytes: Math.max(0, (info.blocks - info.bfree) * info.bsize),
    freeBytes: info.bavail * info.bsize,
  };
}

/** Mounted filesystems with their space; one that cannot be stat'ed (gone, hung NFS) is left out. */
export async function readFilesystems(
  procRoot: string,
  stat: StatFs = statfs,
  timeoutMs = 2_000,
): Promise<HostFilesystemReport[]> {
  const text = (await readText(procRoot, 'self/mounts')) ?? (await readText(procRoot, 'mounts'));
  if (text === null) return [];
  const results = await Promise.all(
    realMounts(parseMounts(text)).map(async (mount) => {
      const info = await withTimeout(stat(mount.mountpoint), timeoutMs);
      if (!info || info.blocks <= 0) return null;
      return { ...mount, ...spaceOf(info) };
    }),
  );
  return results.filter((fs): fs is HostFilesystemReport => fs !== null);
}

/** A hung network mount must not hold the whole report. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.catch(() => null), expired]);
  } finally {
    clearTimeout(timer);
  }
}
