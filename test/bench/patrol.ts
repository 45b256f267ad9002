// The deterministic patrol's cost per run on the shape of the large demo estate: 20 nodes,
// 2,000 guests, 6 storages per node, 80 physical disks, 30,000 backups, 10,000 tasks, 4,000
// snapshots, and a week of usage and a day of memory history (60 points) per resource.
// Inputs are gathered once before the run; this times the checks over them.
// Run: node test/bench/patrol.ts
import type { Point } from '../../server/metrics/store.ts';
import type { PatrolRecords } from '../../server/patrol/inputs.ts';
import { fillsUp, hasMemory, type PatrolInputs } from '../../server/patrol/inputs.ts';
import { runDeterministicPatrol } from '../../server/patrol/patrol.ts';
import type { Resource, ResourceOf } from '../../server/resources/model.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const nodes = 20;
const guests = 2_000;
const hour = 3_600_000;
const day = 24 * hour;
const now = Date.UTC(2026, 10, 20, 12);
const GB = 1e9;

const resources: Resource[] = [];
for (let n = 0; n < nodes; n += 1) {
  const name = `pve${n}`;
  resources.push(makeNode(name, { lastSeenAt: now, status: n === 7 ? 'offline' : 'online' }));
  for (const id of ['local', 'local-lvm', 'tank', 'ceph-vm', 'nfs-backup', 'pbs-main']) {
    const shared = id === 'ceph-vm' || id === 'nfs-backup' || id === 'pbs-main';
    const storage: ResourceOf<'storage'> = {
      id: `pve-a/storage/${name}/${id}`,
      type: 'storage',
      parentId: `pve-a/node/${name}`,
      name: id,
      status: 'online',
      source: 'pve-a',
      cpu: null,
      memory: null,
      disk: { usedBytes: (0.4 + ((n * 7) % 50) / 100) * 1000 * GB, totalBytes: 1000 * GB },
      network: null,
      diskIo: null,
      uptimeSeconds: null,
      tags: [],
      lastSeenAt: now,
      details: { node: name, storageType: 'dir', content: [], shared, enabled: true, active: true },
    };
    resources.push(storage);
  }
  for (let d = 0; d < 4; d += 1) {
    resources.push({
      id: `pve-a/disk/${name}/sd${d}`,
      type: 'physicalDisk',
      parentId: `pve-a/node/${name}`,
      name: `/dev/sd${d}`,
      status: 'online',
      source: 'pve-a',
      cpu: null,
      memory: null,
      disk: null,
      network: null,
      diskIo: null,
      uptimeSeconds: null,
      tags: [],
      lastSeenAt: now,
      details: {
        node: name,
        devPath: `/dev/sd${d}`,
        model: 'SSD',
        serial: `S${n}${d}`,
        diskType: 'ssd',
        sizeBytes: 1000 * GB,
        health: n === 3 && d === 1 ? 'FAILED' : 'PASSED',
        wearoutPercent: 50,
        usedBy: 'ZFS',
      },
    });
  }
}
for (let g = 0; g < guests; g += 1) {
  const node = `pve${g % nodes}`;
  const vm = makeVm(100 + g, { cpu: 0.2, lastSeenAt: now });
  resources.push({ ...vm, parentId: `pve-a/node/${node}`, details: { ...vm.details, node } });
}

const records: PatrolRecords = { backups: [], snapshots: [], tasks: [], jobs: [] };
const backups: PatrolRecords['backups'][number][] = [];
for (let i = 0; i < 30_000; i += 1) {
  const vmid = 100 + (i % guests);
  backups.push({
    id: `b${i}`,
    source: 'pbs-a',
    origin: 'pbs',
    guestId: null,
    vmid,
    guestType: 'vm',
    node: null,
    storage: 'store1',
    volid: `vm/${vmid}/${i}`,
    createdAt: now - (i % 15) * day,
    sizeBytes: GB,
    notes: null,
    protected: false,
    encrypted: false,
    verification: i % 101 === 0 ? 'failed' : 'ok',
    format: null,
    owner: null,
  });
}
const tasks: PatrolRecords['tasks'][number][] = [];
for (let i = 0; i < 10_000; i += 1) {
  const vzdump = i % 2 === 0;
  tasks.push({
    id: `t${i}`,
    source: 'pve-a',
    node: `pve${i % nodes}`,
    type: vzdump ? 'vzdump' : 'qmreboot',
    target: String(100 + (i % guests)),
    user: 'root@pam',
    startedAt: now - i * 60_000,
    endedAt: now - i * 60_000 + 30_000,
    status: i % 97 === 0 ? 'error' : 'ok',
    message: null,
  });
}
const snapshots: PatrolRecords['snapshots'][number][] = [];
for (let i = 0; i < 4_000; i += 1) {
  const vmid = 100 + (i % guests);
  snapshots.push({
    id: `s${i}`,
    source: 'pve-a',
    guestId: `pve-a/qemu/${vmid}`,
    vmid,
    node: `pve${i % nodes}`,
    name: `snap${i}`,
    description: null,
    createdAt: now - (i % 120) * day,
    includesRam: false,
    parent: null,
  });
}
const jobs: PatrolRecords['jobs'][number][] = Array.from({ length: 50 }, (_, i) => ({
  id: `job${i}`,
  source: 'pbs-a',
  kind: (['vzdump', 'sync', 'verify', 'prune', 'gc'] as const)[i % 5] ?? 'vzdump',
  enabled: true,
  schedule: 'daily',
  storage: 'store1',
  lastRunAt: now - hour,
  lastRunState: i % 9 === 0 ? 'error' : 'ok',
  lastRunMessage: null,
  nextRunAt: now + day,
  comment: null,
}));
Object.assign(records, { backups, tasks, snapshots, jobs });

/** 60 points (the batch read's sparkline resolution) over `spanMs`, growing `perDay`. */
function series(end: number, perDay: number, spanMs: number): Point[] {
  const step = spanMs / 59;
  return Array.from({ length: 60 }, (_, i) => {
    const t = now - spanMs + i * step;
    const v = end - (perDay * (now - t)) / day + (i % 3) * 0.002;
    return { t, min: v - 0.01, max: v + 0.01, avg: v };
  });
}
const usage = new Map<string, Point[]>();
const memory = new Map<string, Point[]>();
let k = 0;
for (const r of resources) {
  k += 1;
  if (fillsUp(r) && r.disk)
    usage.set(r.id, series(r.disk.usedBytes / r.disk.totalBytes, (k % 4) * 0.01, 7 * day));
  if (hasMemory(r)) memory.set(r.id, series(k % 13 === 0 ? 0.96 : 0.5, 0, day));
}
const inputs: PatrolInputs = { resources, records, history: { usage, memory } };

// A few runs first, so the figures are the steady state and not the JIT warming up.
for (let run = 0; run < 5; run += 1) runDeterministicPatrol(inputs, now);
const times: number[] = [];
let findings: ReturnType<typeof runDeterministicPatrol> = [];
for (let run = 0; run < 50; run += 1) {
  const started = performance.now();
  findings = runDeterministicPatrol(inputs, now);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `deterministic patrol (${nodes} nodes, ${guests} guests, ${resources.length} resources, 30,000 backups, 10,000 tasks, 4,000 snapshots)`,
);
console.log(
  `  per run: p50 ${fmt(at(0.5))} ms, p99 ${fmt(at(0.99))} ms over ${times.length} runs; ${findings.length} findings`,
);
const byCheck = new Map<string, number>();
for (const f of findings) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
console.log(`  ${[...byCheck].map(([check, n]) => `${check} ${n}`).join(', ')}`);
