import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hostReportSchema } from '../../../server/agents/reports.ts';
import { HostCollector } from '../../../server/pulse-agent/host/collect.ts';
import {
  CpuSampler,
  cpuPercentBetween,
  parseProcStat,
} from '../../../server/pulse-agent/host/cpu.ts';
import { readDiskIo } from '../../../server/pulse-agent/host/disk-io.ts';
import type { HostRoots } from '../../../server/pulse-agent/host/files.ts';
import { readFilesystems, type SpaceInfo } from '../../../server/pulse-agent/host/filesystems.ts';
import { readMemory } from '../../../server/pulse-agent/host/memory.ts';
import { readNetwork } from '../../../server/pulse-agent/host/network.ts';
import { readSystemInfo } from '../../../server/pulse-agent/host/system.ts';
import { readTemperatures } from '../../../server/pulse-agent/host/temperatures.ts';

const sample = fileURLToPath(new URL('../../fixtures/proc-sample', import.meta.url));
const roots: HostRoots = {
  procRoot: join(sample, 'proc'),
  sysRoot: join(sample, 'sys'),
  etcRoot: join(sample, 'etc'),
};
const KiB = 1024;

/** statfs answers by mountpoint, as the sample machine's disks would. */
const space: Record<string, SpaceInfo> = {
  '/': { bsize: 4096, blocks: 24_000_000, bfree: 15_000_000, bavail: 13_800_000 },
  '/boot/efi': { bsize: 4096, blocks: 130_812, bfree: 129_000, bavail: 129_000 },
  '/tank': { bsize: 131_072, blocks: 30_000_000, bfree: 12_000_000, bavail: 12_000_000 },
  '/mnt/media library': { bsize: 4096, blocks: 488_378_646, bfree: 48_837_864, bavail: 24_418_932 },
};
const fakeStatfs = async (path: string): Promise<SpaceInfo> => {
  if (path === '/tank/backups') return { bsize: 4096, blocks: 0, bfree: 0, bavail: 0 };
  const info = space[path];
  if (!info) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return info;
};

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const emptyDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-agent-empty-'));
  temporary.push(dir);
  return dir;
};

describe('host readers on a sample Proxmox host', () => {
  it('reads memory from /proc/meminfo: used is total minus MemAvailable', async () => {
    expect(await readMemory(roots.procRoot)).toEqual({
      totalBytes: 16_318_480 * KiB,
      usedBytes: (16_318_480 - 9_784_220) * KiB,
      freeBytes: 1_235_672 * KiB,
      cacheBytes: 7_822_052 * KiB,
      swapTotalBytes: 4_194_300 * KiB,
      swapUsedBytes: (4_194_300 - 3_145_724) * KiB,
    });
  });

  it('reads identity, OS, kernel, CPU, uptime and load', async () => {
    expect(await readSystemInfo(roots)).toEqual({
      hostname: 'pve-lab-01',
      machineId: '8f3b2a61c0d94e5fa1b27c6d9e0f4a12',
      osName: 'Debian GNU/Linux',
      osVersion: '12',
      kernelVersion: '6.8.12-4-pve',
      cpuModel: 'Intel(R) Core(TM) i5-8500T CPU @ 2.10GHz',
      cpuCount: 4,
      uptimeSeconds: 354_867.21,
      loadAverage: [0.52, 0.58, 0.59],
    });
  });

  it('lists real filesystems once each, skipping pseudo filesystems and unstat-able mounts', async () => {
    const filesystems = await readFilesystems(roots.procRoot, fakeStatfs);
    expect(filesystems.map((fs) => [fs.device, fs.mountpoint, fs.type])).toEqual([
      ['/dev/mapper/pve-root', '/', 'ext4'],
      ['/dev/nvme0n1p2', '/boot/efi', 'vfat'],
      ['tank', '/tank', 'zfs'],
      // The escaped space is decoded; the bind mount below it is the same device.
      ['/dev/sdb1', '/mnt/media library', 'ext4'],
    ]);
    expect(filesystems[0]).toMatchObject({
      totalBytes: 24_000_000 * 4096,
      usedBytes: 9_000_000 * 4096,
      freeBytes: 13_800_000 * 4096,
    });
  });

  it('counts I/O of whole disks only, in bytes', async () => {
    const disks = await readDiskIo(roots.procRoot, roots.sysRoot);
    expect(disks.map((d) => d.device)).toEqual(['nvme0n1', 'sda', 'sdb']);
    expect(disks[0]).toEqual({
      device: 'nvme0n1',
      readOps: 120_573,
      writeOps: 983_421,
      readBytes: 9_871_234 * 512,
      writeBytes: 45_678_912 * 512,
    });
  });

  it('falls back to partition names when /sys/block is not readable', async () => {
    const disks = await readDiskIo(roots.procRoot, emptyDir());
    expect(disks.map((d) => d.device)).toEqual(['nvme0n1', 'sda', 'sdb']);
  });

  it('lists interfaces with counters, MAC, addresses and speed, without lo and veth', async () => {
    const network = await readNetwork(roots.sysRoot, () => ({
      vmbr0: ['192.168.10.21/24', 'fe80::be24:11ff:fe5e:8a01/64'],
      lo: ['127.0.0.1/8'],
    }));
    expect(network).toEqual([
      {
        name: 'eno1',
        mac: 'bc:24:11:5e:8a:01',
        rxBytes: 98_123_456_789,
        txBytes: 12_345_678_901,
        speedMbps: 1000,
      },
      {
        name: 'vmbr0',
        mac: 'bc:24:11:5e:8a:01',
        addresses: ['192.168.10.21/24', 'fe80::be24:11ff:fe5e:8a01/64'],
        rxBytes: 97_123_456_789,
        txBytes: 12_145_678_901,
      },
      // A link that is down reports speed -1: no speed.
      { name: 'wlp2s0', mac: 'a4:c3:f0:85:12:9e', rxBytes: 4_567_890, txBytes: 1_234_567 },
    ]);
  });

  it('reads hwmon temperatures by chip and label, dropping impossible readings', async () => {
    expect(await readTemperatures(roots.sysRoot)).toEqual({
      'coretemp package id 0': 48,
      'coretemp core 0': 45,
      'coretemp core 1': 47.5,
      'nvme composite': 38.9,
      'acpitz temp1': 27.8,
      'nvme composite (hwmon3)': 41,
    });
  });
});

describe('CPU use', () => {
  it('is busy time over total time between two /proc/stat samples', () => {
    const earlier = parseProcStat('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 1 1 1\n');
    const later = parseProcStat('cpu  250 0 150 1000 100 0 0 0 50 0\n');
    expect(earlier).toEqual({ busy: 200, total: 1000 });
    // user+nice+system+irq+softirq+steal, guest left out: 200 busy of 500 jiffies.
    expect(later).toEqual({ busy: 400, total: 1500 });
    expect(cpuPercentBetween(earlier as never, later as never)).toBe(40);
    expect(cpuPercentBetween(later as never, later as never)).toBeNull();
    expect(parseProcStat('intr 1 2 3\n')).toBeNull();
  });

  it('samples twice for the first report, then measures since the previous report', async () => {
    const procRoot = emptyDir();
    writeFileSync(join(procRoot, 'stat'), 'cpu  100 0 100 800 0 0 0 0 0 0\n');
    const sampler = new CpuSampler(procRoot, 5);
    // The first call's two samples are the same file: no time passed, no figure.
    expect(await sampler.percent()).toBeNull();
    writeFileSync(join(procRoot, 'stat'), 'cpu  175 0 125 900 0 0 0 0 0 0\n');
    expect(await sampler.percent()).toBe(50);
  });
});

describe('HostCollector', () => {
  it('builds a report that fits hostReportSchema from the sample host', async () => {
    const collector = new HostCollector({
      roots,
      statfs: fakeStatfs,
      addresses: () => ({ vmbr0: ['192.168.10.21/24'] }),
      tags: ['lab', 'proxmox'],
      reportIp: () => '192.168.10.21',
      firstCpuSampleGapMs: 1,
    });
    const report = await collector.collect({
      id: 'agent-1',
      version: '0.1.0',
      intervalSeconds: 30,
    });
    expect(hostReportSchema.parse(report)).toEqual(report);
    expect(report.agent).toEqual({
      id: 'agent-1',
      version: '0.1.0',
      intervalSeconds: 30,
      hostname: 'pve-lab-01',
    });
    expect(report.host).toMatchObject({
      hostname: 'pve-lab-01',
      machineId: '8f3b2a61c0d94e5fa1b27c6d9e0f4a12',
      platform: 'linux',
      osName: 'Debian GNU/Linux',
      cpuCount: 4,
      uptimeSeconds: 354_867.21,
      reportIp: '192.168.10.21',
    });
    // One static /proc/stat gives no elapsed time: 0 rather than a made-up figure.
    expect(report.metrics.cpuUsagePercent).toBe(0);
    expect(report.metrics.memory.totalBytes).toBe(16_318_480 * KiB);
    expect(report.disks).toHaveLength(4);
    expect(report.disks[0]).toMatchObject({ mountpoint: '/', filesystem: 'ext4' });
    expect(report.diskIO).toHaveLength(3);
    expect(report.network.map((n) => n.name)).toEqual(['eno1', 'vmbr0', 'wlp2s0']);
    expect(report.sensors?.temperatureCelsius?.['coretemp package id 0']).toBe(48);
    expect(report.tags).toEqual(['lab', 'proxmox']);
  });

  it('degrades to the fields it can fill when the files are missing', async () => {
    const nowhere = emptyDir();
    const collector = new HostCollector({
      roots: { procRoot: nowhere, sysRoot: nowhere, etcRoot: nowhere },
      addresses: () => ({}),
      firstCpuSampleGapMs: 1,
    });
    const report = await collector.collect({ id: 'agent-1', version: '0.1.0' });
    expect(hostReportSchema.safeParse(report).success).toBe(true);
    expect(report.host).not.toHaveProperty('machineId');
    expect(report.host).not.toHaveProperty('osName');
    expect(report.host).not.toHaveProperty('cpuModel');
    expect(report.host).not.toHaveProperty('loadAverage');
    expect(report.host.hostname.length).toBeGreaterThan(0);
    expect(report.metrics.memory.totalBytes).toBeGreaterThan(0);
    expect(report).toMatchObject({ disks: [], diskIO: [], network: [] });
    expect(report).not.toHaveProperty('sensors');
  });
});
