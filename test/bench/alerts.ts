// The alert engine's cost per evaluation on the shape of the large estate: 20 nodes, 2,000
// guests (a tenth of them over the CPU threshold), 30,000 backups and 10,000 backup tasks.
// The server evaluates after every poll, so this is CPU time taken from the event loop each
// poll. Compared against the 10 s PVE poll interval: it should be a small fraction of it.
// Run: node test/bench/alerts.ts
import type { EngineRecords } from '../../server/alerts/engine/index.ts';
import { emptyState, evaluate } from '../../server/alerts/engine/index.ts';
import { defaultAlertConfig } from '../../server/alerts/thresholds.ts';
import type { Resource } from '../../server/resources/model.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const nodes = 20;
const guests = 2_000;
const now = Date.UTC(2026, 10, 20, 12);
const resources: Resource[] = [];
for (let n = 0; n < nodes; n += 1) resources.push(makeNode(`pve${n}`, { lastSeenAt: now }));
for (let g = 0; g < guests; g += 1) {
  const node = `pve${g % nodes}`;
  const vm = makeVm(100 + g, { cpu: g % 10 === 0 ? 0.95 : 0.2, lastSeenAt: now });
  resources.push({ ...vm, parentId: `pve-a/node/${node}`, details: { ...vm.details, node } });
}
const records: EngineRecords = { backups: [], snapshots: [], tasks: [], jobs: [] };
for (let i = 0; i < 30_000; i += 1) {
  const vmid = 100 + (i % guests);
  records.backups.push({
    id: `b${i}`,
    source: 'pbs-a',
    origin: 'pbs',
    guestId: null,
    vmid,
    guestType: 'vm',
    node: null,
    storage: 'store1',
    volid: `vm/${vmid}/${i}`,
    createdAt: now - (i % 15) * 86_400_000,
    sizeBytes: 1e9,
    notes: null,
    protected: false,
    encrypted: false,
    verification: 'ok',
    format: null,
    owner: null,
  });
}
for (let i = 0; i < 10_000; i += 1) {
  records.tasks.push({
    id: `t${i}`,
    source: 'pve-a',
    node: 'pve0',
    type: 'vzdump',
    target: String(100 + (i % guests)),
    user: 'root@pam',
    startedAt: now - i * 60_000,
    endedAt: now - i * 60_000 + 30_000,
    status: i % 97 === 0 ? 'error' : 'ok',
    message: null,
  });
}
const config = { ...defaultAlertConfig, timeThresholds: { default: 0, byType: {}, byMetric: {} } };

let state = emptyState();
const times: number[] = [];
for (let run = 0; run < 30; run += 1) {
  const started = performance.now();
  const result = evaluate({ resources, records, config }, state, now + run * 10_000);
  times.push(performance.now() - started);
  state = result.state;
}
times.sort((a, b) => a - b);
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(`alert evaluation (${nodes} nodes, ${guests} guests, 30,000 backups, 10,000 tasks)`);
console.log(
  `  per evaluation: p50 ${fmt(times[15] ?? 0)} ms, max ${fmt(times.at(-1) ?? 0)} ms (every poll; the PVE poll interval is 10,000 ms); ${Object.keys(state.alerts).length} alerts active`,
);
