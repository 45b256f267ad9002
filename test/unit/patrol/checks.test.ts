import { describe, expect, it } from 'vitest';
import type { Point } from '../../../server/metrics/store.ts';
import type { Finding } from '../../../server/patrol/finding.ts';
import type { PatrolInputs, PatrolRecords } from '../../../server/patrol/inputs.ts';
import { runDeterministicPatrol } from '../../../server/patrol/patrol.ts';
import type { Resource, ResourceOf } from '../../../server/resources/model.ts';
import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  TaskRecord,
} from '../../../server/resources/records.ts';
import { makeNode, makeVm } from '../../fixtures/resources.ts';

const hour = 3_600_000;
const day = 24 * hour;
const GB = 1e9;
const now = Date.UTC(2026, 10, 20, 12);

function storage(name: string, used: number, overrides: Partial<ResourceOf<'storage'>> = {}) {
  const resource: ResourceOf<'storage'> = {
    id: `pve-a/storage/pve1/${name}`,
    type: 'storage',
    parentId: 'pve-a/node/pve1',
    name,
    status: 'online',
    source: 'pve-a',
    cpu: null,
    memory: null,
    disk: { usedBytes: used * 1000 * GB, totalBytes: 1000 * GB },
    network: null,
    diskIo: null,
    uptimeSeconds: null,
    tags: [],
    lastSeenAt: now,
    details: {
      node: 'pve1',
      storageType: 'lvmthin',
      content: ['images'],
      shared: false,
      enabled: true,
      active: true,
    },
    ...overrides,
  };
  return resource;
}

function disk(health: string | null, wearoutPercent: number | null): ResourceOf<'physicalDisk'> {
  return {
    id: 'pve-a/disk/pve1/sda',
    type: 'physicalDisk',
    parentId: 'pve-a/node/pve1',
    name: '/dev/sda',
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
      node: 'pve1',
      devPath: '/dev/sda',
      model: 'Samsung SSD 870',
      serial: 'S6PNNX0T',
      diskType: 'ssd',
      sizeBytes: 1000 * GB,
      health,
      wearoutPercent,
      usedBy: 'ZFS',
    },
  };
}

/** Points every 3 hours over `spanMs`, ending at `now` with `end`, changing `perDay`. */
function trend(end: number, perDay: number, spanMs = 7 * day): Point[] {
  const points: Point[] = [];
  for (let t = now - spanMs; t <= now; t += 3 * hour) {
    const v = end - (perDay * (now - t)) / day;
    points.push({ t, min: v, max: v, avg: v });
  }
  return points;
}

function backup(vmid: number, createdAt: number, extra: Partial<BackupRecord> = {}): BackupRecord {
  return {
    id: `b-${vmid}-${createdAt}`,
    source: 'pbs-a',
    origin: 'pbs',
    guestId: null,
    vmid,
    guestType: 'vm',
    node: null,
    storage: 'store1',
    volid: `vm/${vmid}/${createdAt}`,
    createdAt,
    sizeBytes: GB,
    notes: null,
    protected: false,
    encrypted: false,
    verification: 'ok',
    format: null,
    owner: null,
    ...extra,
  };
}

function task(type: string, target: string, startedAt: number, status: TaskRecord['status']) {
  const record: TaskRecord = {
    id: `t-${type}-${target}-${startedAt}`,
    source: 'pve-a',
    node: 'pve1',
    type,
    target,
    user: 'root@pam',
    startedAt,
    endedAt: startedAt + 60_000,
    status,
    message: status === 'error' ? 'job errors' : null,
  };
  return record;
}

function job(kind: JobRecord['kind'], state: JobRecord['lastRunState']): JobRecord {
  return {
    id: `${kind}-1`,
    source: 'pbs-a',
    kind,
    enabled: true,
    schedule: 'daily',
    storage: 'store1',
    lastRunAt: now - hour,
    lastRunState: state,
    lastRunMessage: state === 'error' ? 'verification failed on 2 snapshots' : null,
    nextRunAt: now + day,
    comment: null,
  };
}

function snapshot(vmid: number, name: string, createdAt: number): GuestSnapshotRecord {
  return {
    id: `s-${vmid}-${name}`,
    source: 'pve-a',
    guestId: `pve-a/qemu/${vmid}`,
    vmid,
    node: 'pve1',
    name,
    description: null,
    createdAt,
    includesRam: false,
    parent: null,
  };
}

function patrol(
  resources: Resource[],
  records: Partial<PatrolRecords> = {},
  history: Partial<PatrolInputs['history']> = {},
): Finding[] {
  return runDeterministicPatrol(
    {
      resources,
      records: { backups: [], snapshots: [], tasks: [], jobs: [], ...records },
      history: { usage: new Map(), memory: new Map(), ...history },
    },
    now,
  );
}

/** A guest with a fresh backup, so only the check under test speaks. */
const backedUp = (vmid: number) => backup(vmid, now - hour);
const only = (findings: Finding[], check: Finding['check']) =>
  findings.filter((f) => f.check === check);

describe('capacity', () => {
  it('projects time to full from history and grades by days left', () => {
    const lvm = storage('local-lvm', 0.8);
    const [finding] = patrol([lvm], {}, { usage: new Map([[lvm.id, trend(0.8, 0.02)]]) });
    expect(finding).toMatchObject({
      id: `capacity:${lvm.id}`,
      check: 'capacity',
      category: 'capacity',
      severity: 'watch',
      resourceId: lvm.id,
      resourceName: 'local-lvm',
      resourceType: 'storage',
      node: 'pve1',
      title: 'Storage local-lvm will be full in 10 days',
    });
    expect(finding?.evidence.values).toMatchObject({
      used: 0.8,
      growthPerDay: 0.02,
      daysToFull: 10,
    });
    expect(finding?.evidence.summary).toContain('full in about 10.0 days');

    const fast = storage('local-lvm', 0.93);
    const [urgent] = patrol([fast], {}, { usage: new Map([[fast.id, trend(0.93, 0.021)]]) });
    // Under a week left: warning; under three days: critical.
    expect(urgent?.severity).toBe('warning');
    expect(urgent?.evidence.values.daysToFull).toBeCloseTo(3.3, 1);
    const faster = storage('local-lvm', 0.93);
    const [critical] = patrol([faster], {}, { usage: new Map([[faster.id, trend(0.93, 0.03)]]) });
    expect(critical?.severity).toBe('critical');
  });

  it('grades by usage alone when the history is flat or missing', () => {
    const flat = storage('tank', 0.91);
    const [finding] = patrol([flat], {}, { usage: new Map([[flat.id, trend(0.91, 0)]]) });
    expect(finding).toMatchObject({ severity: 'warning', title: 'Storage tank is 91.0% full' });
    expect(finding?.evidence.values).toMatchObject({ daysToFull: null, growthPerDay: null });
    expect(patrol([storage('tank', 0.96)])[0]?.severity).toBe('critical');
    expect(patrol([storage('tank', 0.5)])).toEqual([]);
  });

  it('ignores growth too slow to fill within 30 days', () => {
    const slow = storage('local', 0.5);
    expect(patrol([slow], {}, { usage: new Map([[slow.id, trend(0.5, 0.01)]]) })).toEqual([]);
  });

  it('reports a shared storage once, not once per node', () => {
    const shared = (node: string) =>
      storage('ceph-vm', 0.97, {
        id: `pve-a/storage/${node}/ceph-vm`,
        details: { ...storage('x', 0).details, node, shared: true },
      });
    expect(patrol([shared('pve1'), shared('pve2'), shared('pve3')])).toHaveLength(1);
  });
});

describe('memory and swap', () => {
  const pressed = (avg: number, min = avg): Point[] =>
    Array.from({ length: 24 }, (_, i) => ({ t: now - (23 - i) * hour, min, max: avg, avg }));

  it('reports memory that stayed high for the window, not a short peak', () => {
    const node = makeNode('pve1', { memory: { usedBytes: 31 * GB, totalBytes: 32 * GB } });
    const [finding] = patrol([node], {}, { memory: new Map([[node.id, pressed(0.96)]]) });
    expect(finding).toMatchObject({ check: 'memory-pressure', severity: 'critical', node: 'pve1' });
    expect(finding?.evidence.values).toMatchObject({ averageUsed: 0.96, windowHours: 6 });
    // High on average but dipping well below: not sustained.
    expect(patrol([node], {}, { memory: new Map([[node.id, pressed(0.92, 0.6)]]) })).toEqual([]);
    expect(patrol([node])).toEqual([]);
  });

  it('reports swap in use on a node', () => {
    const node = makeNode('pve2', {
      details: { ...makeNode('x').details, swap: { usedBytes: 6 * GB, totalBytes: 8 * GB } },
    });
    const [finding] = patrol([node]);
    expect(finding).toMatchObject({ check: 'swap', severity: 'warning' });
    expect(finding?.evidence.values.swapUsed).toBe(0.75);
  });
});

describe('restarts', () => {
  it('reports a guest started or rebooted again and again', () => {
    const vm = makeVm(101, { details: { ...makeVm(101).details, lastBackupAt: now - hour } });
    const reboots = [1, 2, 3, 4].map((h) => task('qmreboot', '101', now - h * hour, 'ok'));
    const old = task('qmreboot', '101', now - 3 * day, 'ok');
    const [finding] = only(patrol([vm], { tasks: [...reboots, old] }), 'restarts');
    expect(finding).toMatchObject({ severity: 'warning', resourceId: vm.id });
    expect(finding?.evidence.values).toMatchObject({ restarts: 4, failed: 0, windowHours: 24 });
    expect(only(patrol([vm], { tasks: reboots.slice(0, 2) }), 'restarts')).toEqual([]);
  });
});

describe('backups', () => {
  it('reports a guest with no backup', () => {
    const findings = patrol([makeVm(101)]);
    expect(findings.map((f) => f.id)).toEqual(['backup-missing:pve-a/qemu/101']);
  });

  it('reports a stale backup, critical after the second threshold', () => {
    const [stale] = patrol([makeVm(101)], { backups: [backup(101, now - 8 * day)] });
    expect(stale).toMatchObject({ check: 'backup-stale', severity: 'warning' });
    expect(stale?.evidence.values).toMatchObject({ ageDays: 8, thresholdHours: 168 });
    const [older] = patrol([makeVm(101)], { backups: [backup(101, now - 15 * day)] });
    expect(older?.severity).toBe('critical');
  });

  it('reports a failed last backup task or a failed verification', () => {
    const tasks = [
      task('vzdump', '101', now - 2 * day, 'ok'),
      task('vzdump', '101', now - hour, 'error'),
    ];
    const [failed] = patrol([makeVm(101)], { backups: [backedUp(101)], tasks });
    expect(failed).toMatchObject({ check: 'backup-failed', resourceId: 'pve-a/qemu/101' });
    expect(failed?.evidence.values).toMatchObject({
      lastTaskStatus: 'error',
      lastTaskMessage: 'job errors',
    });

    // A whole-job run (no target) that failed: only guests left without a backup since count.
    const jobRun = { ...task('vzdump', '', now - 2 * hour, 'error'), target: null };
    const left = patrol([makeVm(101)], { backups: [backup(101, now - day)], tasks: [jobRun] });
    expect(left[0]).toMatchObject({
      check: 'backup-failed',
      title: 'Backup of vm-101 (VM 101) failed',
    });
    expect(left[0]?.description).toContain('last backup run on node pve1 failed');
    expect(patrol([makeVm(101)], { backups: [backedUp(101)], tasks: [jobRun] })).toEqual([]);

    const bad = backup(101, now - hour, { verification: 'failed' });
    expect(patrol([makeVm(101)], { backups: [bad] })[0]?.evidence.values.lastVerification).toBe(
      'failed',
    );
    expect(patrol([makeVm(101)], { backups: [backedUp(101)] })).toEqual([]);
  });
});

describe('jobs', () => {
  it('reports failed jobs, verify failures as their own check', () => {
    const failedBackup = backup(101, now - day, { verification: 'failed' });
    const findings = patrol([], {
      jobs: [job('verify', 'error'), job('sync', 'error'), job('gc', 'ok')],
      backups: [failedBackup],
    });
    expect(findings.map((f) => f.id)).toEqual([
      'job-failed:pbs-a/job/sync/sync-1',
      'verify-failed:pbs-a/job/verify/verify-1',
    ]);
    const verify = findings.find((f) => f.check === 'verify-failed');
    expect(verify?.evidence.values).toMatchObject({
      failedVerifications: 1,
      lastRunState: 'error',
    });
  });
});

describe('offline nodes', () => {
  it('reports an offline node with the guests placed on it', () => {
    const node = makeNode('pve3', { status: 'offline', lastSeenAt: now - 10 * 60_000 });
    const guest = makeVm(300, {
      status: 'unknown',
      details: { ...makeVm(300).details, node: 'pve3', lastBackupAt: now },
    });
    const [finding] = patrol([node, guest]);
    expect(finding).toMatchObject({ id: 'node-offline:pve-a/node/pve3', severity: 'critical' });
    expect(finding?.evidence.values).toMatchObject({ guests: 1, minutesSinceSeen: 10 });
  });
});

describe('snapshots', () => {
  it('reports many or old snapshots per guest', () => {
    const vm = makeVm(101, { details: { ...makeVm(101).details, lastBackupAt: now } });
    const many = Array.from({ length: 12 }, (_, i) => snapshot(101, `s${i}`, now - i * day));
    const [sprawl] = patrol([vm], { snapshots: [...many, snapshot(101, 'current', now)] });
    expect(sprawl).toMatchObject({ check: 'snapshot-sprawl', severity: 'watch' });
    expect(sprawl?.evidence.values).toMatchObject({ snapshots: 12, oldestDays: 11 });
    const [old] = patrol([vm], { snapshots: [snapshot(101, 'before-upgrade', now - 100 * day)] });
    expect(old).toMatchObject({ severity: 'warning', title: expect.stringContaining('100 days') });
  });
});

describe('SMART', () => {
  it('reports failed health and worn-out flash', () => {
    expect(patrol([disk('FAILED', 80)])[0]).toMatchObject({ check: 'smart', severity: 'critical' });
    expect(patrol([disk('PASSED', 8)])[0]?.evidence.values).toMatchObject({ wearoutPercent: 8 });
    expect(patrol([disk('PASSED', 90)])).toEqual([]);
  });
});

describe('the patrol as a whole', () => {
  it('is deterministic, worst first, with stable ids', () => {
    const resources: Resource[] = [
      makeVm(101),
      storage('tank', 0.97),
      makeNode('pve3', { status: 'offline', lastSeenAt: now }),
    ];
    const first = patrol(resources);
    expect(patrol(resources)).toEqual(first);
    expect(first.map((f) => [f.severity, f.id])).toEqual([
      ['critical', 'capacity:pve-a/storage/pve1/tank'],
      ['critical', 'node-offline:pve-a/node/pve3'],
      ['warning', 'backup-missing:pve-a/qemu/101'],
    ]);
    expect(first.every((f) => f.observedAt === now && f.source === 'deterministic')).toBe(true);
  });

  it('takes threshold overrides', () => {
    const findings = runDeterministicPatrol(
      {
        resources: [storage('tank', 0.5)],
        records: { backups: [], snapshots: [], tasks: [], jobs: [] },
        history: { usage: new Map(), memory: new Map() },
        thresholds: { capacity: { usage: [0.4, 0.45, 0.6] } },
      },
      now,
    );
    expect(findings[0]?.severity).toBe('warning');
  });
});
