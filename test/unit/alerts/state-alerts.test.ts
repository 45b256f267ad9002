import { describe, expect, it } from 'vitest';
import type { BackupRecord, JobRecord } from '../../../server/resources/records.ts';
import {
  cephWithHealth,
  day,
  diskWithHealth,
  Harness,
  hour,
  makeNode,
  makeVm,
  noRecords,
  pbsWithStatus,
  pmgWithQueue,
  second,
  T0,
  testConfig,
  types,
} from './helpers.ts';

const offlineNode = () => makeNode('pve1', { status: 'offline' });
const stoppedVm = () => makeVm(100, { status: 'stopped', cpu: 0 });

function backup(createdAt: number, extra: Partial<BackupRecord> = {}): BackupRecord {
  return {
    id: `pbs-a/backup/${createdAt}`,
    source: 'pbs-a',
    origin: 'pbs',
    guestId: null,
    vmid: 100,
    guestType: 'vm',
    node: null,
    storage: 'main',
    volid: `vm/100/${createdAt}`,
    createdAt,
    sizeBytes: null,
    notes: null,
    protected: false,
    encrypted: false,
    verification: null,
    format: null,
    owner: null,
    ...extra,
  };
}

describe('state alerts: connectivity and power', () => {
  it('fires node offline (critical) on the third consecutive offline evaluation', () => {
    const engine = new Harness();
    expect(types(engine.evaluate([offlineNode()], T0))).toEqual([
      'pending pve-a/node/pve1:node-offline',
    ]);
    expect(types(engine.evaluate([offlineNode()], T0 + 10 * second))).toEqual([]);
    const third = engine.evaluate([offlineNode()], T0 + 20 * second);
    expect(types(third)).toEqual(['fired pve-a/node/pve1:node-offline']);
    expect(third.transitions[0]?.alert.level).toBe('critical');
    expect(third.transitions[0]?.alert.message).toBe('Node pve1 is offline');
  });

  it('starts counting again when the node comes back in between', () => {
    const engine = new Harness();
    engine.evaluate([offlineNode()], T0);
    engine.evaluate([offlineNode()], T0 + 10 * second);
    engine.evaluate([makeNode('pve1')], T0 + 20 * second);
    engine.evaluate([offlineNode()], T0 + 30 * second);
    expect(types(engine.evaluate([offlineNode()], T0 + 40 * second))).toEqual([]);
    expect(types(engine.evaluate([offlineNode()], T0 + 50 * second))).toEqual([
      'fired pve-a/node/pve1:node-offline',
    ]);
    expect(types(engine.evaluate([makeNode('pve1')], T0 + 60 * second))).toEqual([
      'resolved pve-a/node/pve1:node-offline',
    ]);
  });

  it('fires powered-off for a stopped guest with the configured severity, not for templates', () => {
    const engine = new Harness(
      testConfig({ stateAlerts: { poweredOff: { level: 'critical', confirmations: 1 } } }),
    );
    const template = makeVm(900, {
      status: 'stopped',
      details: { ...makeVm(900).details, template: true },
    });
    const result = engine.evaluate([stoppedVm(), template], T0);
    expect(types(result)).toEqual(['fired guest:pve-a:100:powered-off']);
    expect(result.transitions[0]?.alert.level).toBe('critical');
    expect(result.transitions[0]?.alert.message).toBe('VM vm-100 is powered off');
  });

  it('fires powered-off only after two evaluations by default, and not when turned off', () => {
    const engine = new Harness();
    engine.evaluate([stoppedVm()], T0);
    expect(types(engine.evaluate([stoppedVm()], T0 + 10 * second))).toEqual([
      'fired guest:pve-a:100:powered-off',
    ]);
    const off = new Harness(testConfig({ stateAlerts: { poweredOff: { enabled: false } } }));
    off.evaluate([stoppedVm()], T0);
    expect(types(off.evaluate([stoppedVm()], T0 + 10 * second))).toEqual([]);
  });

  it('fires instance unreachable for an offline backup server', () => {
    const engine = new Harness(testConfig({ stateAlerts: { unreachable: { confirmations: 1 } } }));
    expect(types(engine.evaluate([pbsWithStatus('offline')], T0))).toEqual([
      'fired pbs-a/pbs:instance-unreachable',
    ]);
  });
});

describe('state alerts: backups, snapshots and jobs', () => {
  const backupsOn = testConfig({ stateAlerts: { backupAge: { enabled: true } } });

  it('raises nothing about backups by default', () => {
    const result = new Harness().evaluate([makeVm(100)], T0, noRecords());
    expect(types(result)).toEqual([]);
  });

  it('warns after 7 days without a backup and goes critical after 14', () => {
    const engine = new Harness(backupsOn);
    const records = { ...noRecords(), backups: [backup(T0 - 6 * day)] };
    expect(types(engine.evaluate([makeVm(100)], T0, records))).toEqual([]);
    const warned = engine.evaluate([makeVm(100)], T0 + 2 * day, records);
    expect(types(warned)).toEqual(['fired guest:pve-a:100:backup-age']);
    expect(warned.transitions[0]?.alert.level).toBe('warning');
    expect(warned.transitions[0]?.alert.message).toBe(
      'The last backup of vm-100 is 8 days old (threshold 7 days)',
    );
    engine.evaluate([makeVm(100)], T0 + 9 * day, records);
    expect(engine.alert('guest:pve-a:100:backup-age')?.level).toBe('critical');
    const fresh = { ...noRecords(), backups: [backup(T0 + 9 * day - hour)] };
    expect(types(engine.evaluate([makeVm(100)], T0 + 9 * day, fresh))).toEqual([
      'resolved guest:pve-a:100:backup-age',
    ]);
  });

  it('reports a guest with no backup at all', () => {
    const result = new Harness(backupsOn).evaluate([makeVm(100)], T0, noRecords());
    expect(types(result)).toEqual(['fired guest:pve-a:100:backup-missing']);
  });

  it('leaves backup alerts alone when an evaluation carries no records', () => {
    const engine = new Harness(backupsOn);
    engine.evaluate([makeVm(100)], T0, noRecords());
    expect(types(engine.evaluate([makeVm(100)], T0 + 10 * second))).toEqual([]);
    expect(engine.alert('guest:pve-a:100:backup-missing')?.state).toBe('firing');
  });

  it('reports a failed backup task and a failed verification', () => {
    const task = {
      id: 'UPID:1',
      source: 'pve-a',
      node: 'pve1',
      type: 'vzdump',
      target: '100',
      user: 'root@pam',
      startedAt: T0 - hour,
      endedAt: T0 - hour + 60_000,
      status: 'error' as const,
      message: 'failed',
    };
    const failedTask = { ...noRecords(), tasks: [task] };
    expect(types(new Harness().evaluate([makeVm(100)], T0, failedTask))).toEqual([
      'fired guest:pve-a:100:backup-failed',
    ]);
    const unverified = { ...noRecords(), backups: [backup(T0 - hour, { verification: 'failed' })] };
    expect(types(new Harness().evaluate([makeVm(100)], T0, unverified))).toEqual([
      'fired guest:pve-a:100:backup-failed',
    ]);
  });

  it('reports snapshots older than the configured days', () => {
    const config = testConfig({ stateAlerts: { snapshotAge: { enabled: true, warningDays: 30 } } });
    const snapshot = {
      id: 's1',
      source: 'pve-a',
      guestId: 'pve-a/qemu/100',
      vmid: 100,
      node: 'pve1',
      name: 'before-upgrade',
      description: null,
      createdAt: T0 - 31 * day,
      includesRam: false,
      parent: null,
    };
    const result = new Harness(config).evaluate([makeVm(100)], T0, {
      ...noRecords(),
      snapshots: [snapshot],
    });
    expect(types(result)).toEqual(['fired guest:pve-a:100:snapshot-age']);
    expect(result.transitions[0]?.alert.message).toBe(
      'The oldest snapshot of vm-100 is 31 days old (threshold 30 days)',
    );
  });

  it('reports a failed job on the datastore it works on, keyed by the job', () => {
    const job: JobRecord = {
      id: 'sync-1',
      source: 'pbs-a',
      kind: 'sync',
      enabled: true,
      schedule: 'daily',
      storage: 'main',
      lastRunAt: T0 - hour,
      lastRunState: 'error',
      lastRunMessage: 'remote gone',
      nextRunAt: null,
      comment: null,
    };
    const result = new Harness().evaluate([pbsWithStatus('online')], T0, {
      ...noRecords(),
      jobs: [job],
    });
    expect(types(result)).toEqual(['fired job:pbs-a:sync-1:job-failed']);
    expect(result.transitions[0]?.alert.resourceId).toBe('pbs-a/pbs');
  });
});

describe('state alerts: mail, disks and Ceph', () => {
  it('warns when the PMG queue passes 500 and goes critical at 1000', () => {
    const engine = new Harness();
    expect(types(engine.evaluate([pmgWithQueue(499)], T0))).toEqual([]);
    const warned = engine.evaluate([pmgWithQueue(600)], T0 + 10 * second);
    expect(types(warned)).toEqual(['fired pmg-a/pmg:pmg-queue']);
    expect(warned.transitions[0]?.alert.message).toBe(
      'The mail queue on mail-gw holds 600 messages (threshold 500 messages)',
    );
    expect(types(engine.evaluate([pmgWithQueue(1200)], T0 + 20 * second))).toEqual([
      'updated pmg-a/pmg:pmg-queue',
    ]);
    expect(engine.alert('pmg-a/pmg:pmg-queue')?.level).toBe('critical');
  });

  it('fires a critical alert for a disk whose SMART health failed', () => {
    const engine = new Harness();
    expect(types(engine.evaluate([diskWithHealth('PASSED')], T0))).toEqual([]);
    const failed = engine.evaluate([diskWithHealth('FAILED')], T0 + 10 * second);
    expect(types(failed)).toEqual(['fired pve-a/disk/pve1/sda:smart-failure']);
    expect(failed.transitions[0]?.alert.level).toBe('critical');
  });

  it('alerts while Ceph is not HEALTH_OK, critical for HEALTH_ERR', () => {
    const engine = new Harness();
    expect(types(engine.evaluate([cephWithHealth('HEALTH_OK')], T0))).toEqual([]);
    engine.evaluate([cephWithHealth('HEALTH_WARN')], T0 + 10 * second);
    expect(engine.alert('pve-a/ceph:ceph-health')?.level).toBe('warning');
    engine.evaluate([cephWithHealth('HEALTH_ERR')], T0 + 20 * second);
    expect(engine.alert('pve-a/ceph:ceph-health')?.level).toBe('critical');
    expect(types(engine.evaluate([cephWithHealth('HEALTH_OK')], T0 + 30 * second))).toEqual([
      'resolved pve-a/ceph:ceph-health',
    ]);
  });
});
