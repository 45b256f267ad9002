import { listDir, readText } from './files.ts';

export interface DiskIoCounters {
  device: string;
  readBytes: number;
  writeBytes: number;
  readOps: number;
  writeOps: number;
}

/** /proc/diskstats counts in 512-byte sectors whatever the device's own sector size. */
const sectorBytes = 512;

/** Devices that are not disks of their own: loop files, RAM disks, device-mapper views, optical. */
const virtualDisk = /^(loop|ram|zram|dm-|sr|fd|nbd)\d*/;

/** A partition by its name alone, for when /sys/block cannot be read. */
const partitionName = /^(?:(?:sd|hd|vd|xvd)[a-z]+\d+|(?:nvme\d+n\d+|mmcblk\d+|nbd\d+)p\d+)$/;

/** `major minor name reads merged sectorsRead msRead writes merged sectorsWritten …` per line. */
export function parseDiskstats(text: string): DiskIoCounters[] {
  const disks: DiskIoCounters[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const device = fields[2];
    if (!device || fields.length < 10) continue;
    const [readOps, , sectorsRead, , writeOps, , sectorsWritten] = fields.slice(3, 10).map(Number);
    if ([readOps, sectorsRead, writeOps, sectorsWritten].some((n) => !Number.isFinite(n))) continue;
    disks.push({
      device,
      readOps: readOps ?? 0,
      writeOps: writeOps ?? 0,
      readBytes: (sectorsRead ?? 0) * sectorBytes,
      writeBytes: (sectorsWritten ?? 0) * sectorBytes,
    });
  }
  return disks;
}

/**
 * I/O counters for whole disks: /sys/block lists whole disks only (partitions live below
 * them), so partitions do not count their I/O twice; virtual devices are left out.
 */
export async function readDiskIo(procRoot: string, sysRoot: string): Promise<DiskIoCounters[]> {
  const text = await readText(procRoot, 'diskstats');
  if (text === null) return [];
  const wholeDisks = new Set(await listDir(sysRoot, 'block'));
  const isWholeDisk = (name: string) =>
    wholeDisks.size > 0 ? wholeDisks.has(name) : !partitionName.test(name);
  return parseDiskstats(text).filter((d) => isWholeDisk(d.device) && !virtualDisk.test(d.device));
}
