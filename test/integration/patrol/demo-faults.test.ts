// The deterministic patrol on the simulated estate, polled by the real clients and scheduler:
// a node taken offline, a guest's backups failing and a storage filling steadily are each
// reported on the right resource with the numbers behind them. Metrics history is recorded
// on the estate's simulated clock (days pass in milliseconds), into a store of the test's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingsOf } from '../../../server/metrics/metric-names.ts';
import { MetricsStore } from '../../../server/metrics/store.ts';
import type { Finding } from '../../../server/patrol/finding.ts';
import { gatherPatrolInputs, historyFromStore } from '../../../server/patrol/inputs.ts';
import { runDeterministicPatrol } from '../../../server/patrol/patrol.ts';
import type { ResourceOf } from '../../../server/resources/model.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';
import { addLabNode, startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

const hour = 3_600_000;

let lab: TestEstate;
let running: RunningApp;
let metrics: MetricsStore;
let stopRecording: () => void;
let pveId: string;
let pbsId: string;
const metricsDir = mkdtempSync(join(tmpdir(), 'pulse-patrol-metrics-'));

async function pollBoth(): Promise<void> {
  await running.app.scheduler.pollNow(pveId);
  await running.app.scheduler.pollNow(pbsId);
}

function patrol(): Finding[] {
  const inputs = gatherPatrolInputs({
    resources: running.app.store,
    records: running.app.records,
    history: historyFromStore(metrics, () => lab.now()),
  });
  return runDeterministicPatrol(inputs, lab.now());
}

beforeAll(async () => {
  lab = await startTestEstate();
  running = await startApp();
  metrics = new MetricsStore(join(metricsDir, 'metrics.db'));
  // Every poll's readings, stamped with the simulated time the estate served them at.
  stopRecording = running.app.bus.subscribe('resources.sampled', ({ resources }) => {
    for (const resource of resources) {
      for (const [metric, value] of readingsOf(resource))
        metrics.record(resource.id, metric, lab.now(), value);
    }
  });
  pveId = await addLabNode(running, lab.pve);
  pbsId = await addLabNode(running, lab.pbs);
  await pollBoth();
});

afterAll(async () => {
  stopRecording?.();
  metrics?.close();
  await running?.stop();
  await lab?.estate.stop();
  rmSync(metricsDir, { recursive: true, force: true });
});

describe('the deterministic patrol on the demo estate with fault switches', () => {
  it('reports an offline node, a failing backup and a filling storage with their evidence', async () => {
    const guests = running.app.store
      .all()
      .filter(
        (r): r is ResourceOf<'vm'> | ResourceOf<'container'> =>
          (r.type === 'vm' || r.type === 'container') &&
          r.status === 'running' &&
          !r.details.template &&
          r.details.node === 'pve1' &&
          r.details.lastBackupAt !== null,
      );
    const before = patrol();
    // A guest whose backups work today, so the failure is the fault's doing.
    const guest = guests.find(
      (g) => !before.some((f) => f.resourceId === g.id && f.category === 'backup'),
    );
    if (!guest) throw new Error('no backed-up guest on pve1');
    const storageId = `${pveId}/storage/pve2/local-lvm`;
    const storage = running.app.store.get(storageId);
    if (!storage?.disk) throw new Error('local-lvm on pve2 missing');
    const usedAtStart = storage.disk.usedBytes / storage.disk.totalBytes;
    expect(before.find((f) => f.id === `capacity:${storageId}`)).toBeUndefined();
    expect(before.find((f) => f.check === 'node-offline')).toBeUndefined();

    const faultAt = lab.now();
    lab.estate.setFault({ kind: 'backup-failure', vmid: guest.details.vmid });
    lab.estate.setFault({
      kind: 'storage-fill',
      storage: 'local-lvm',
      node: 'pve2',
      fractionPerDay: 0.04,
    });
    // Three simulated days, polled every six hours: the nightly backups run and fail, the
    // storage grows 4% of its size a day.
    for (let step = 0; step < 12; step += 1) {
      lab.advance(6 * hour);
      await pollBoth();
    }
    lab.estate.setFault({ kind: 'node-offline', node: 'pve3' });
    lab.advance(60_000);
    await pollBoth();

    const findings = patrol();
    const byId = new Map(findings.map((f) => [f.id, f]));

    const offline = byId.get(`node-offline:${pveId}/node/pve3`);
    expect(offline).toMatchObject({
      severity: 'critical',
      category: 'reliability',
      resourceType: 'node',
      resourceName: 'pve3',
      node: 'pve3',
    });
    expect(offline?.evidence.values.status).toBe('offline');
    expect(offline?.evidence.values.guests).toBeGreaterThan(0);
    expect(findings.filter((f) => f.check === 'node-offline')).toHaveLength(1);

    const failed = byId.get(`backup-failed:${guest.id}`);
    expect(failed).toMatchObject({ category: 'backup', resourceName: guest.name, node: 'pve1' });
    // The node's nightly job runs failed, and the guest has had no backup since the fault.
    expect(failed?.evidence.values.lastTaskStatus).toBe('error');
    expect(Number(failed?.evidence.values.lastTaskAt)).toBeGreaterThan(faultAt);
    expect(Number(failed?.evidence.values.lastBackupAgeHours)).toBeGreaterThan(
      (lab.now() - faultAt) / hour,
    );

    const filling = byId.get(`capacity:${storageId}`);
    expect(filling).toMatchObject({
      category: 'capacity',
      resourceType: 'storage',
      resourceName: 'local-lvm',
      node: 'pve2',
    });
    const values = filling?.evidence.values ?? {};
    expect(values.growthPerDay).toBeCloseTo(0.04, 2);
    const used = Number(values.used);
    expect(used).toBeCloseTo(usedAtStart + 3 * 0.04, 1);
    expect(values.daysToFull).toBeCloseTo((1 - used) / 0.04, 0);
    expect(Number(values.daysToFull)).toBeLessThan(30);
    expect(filling?.title).toMatch(/will be full in \d+ days/);
    // The same storage on the other nodes is not filling.
    expect(byId.get(`capacity:${pveId}/storage/pve1/local-lvm`)).toBeUndefined();

    // The same estate, patrolled again: the same ids, so a store can dedupe across runs.
    const again = patrol().map((f) => f.id);
    expect(again).toEqual(findings.map((f) => f.id));
  });
});
