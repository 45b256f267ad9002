// Figure: how long the state store takes to diff and publish one snapshot of a large estate
// (20 nodes, 2,000 guests), against the 10 s PVE poll interval it must fit in many times over.
// Run: node test/bench/state-apply.ts
import { EventBus } from '../../server/events/bus.ts';
import type { Resource } from '../../server/resources/model.ts';
import { ResourceStore } from '../../server/resources/store.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

const nodes = 20;
const guests = 2_000;
const rounds = 50;
const pollIntervalMs = 10_000;

function snapshot(round: number): Resource[] {
  const resources: Resource[] = [];
  for (let n = 0; n < nodes; n += 1) resources.push(makeNode(`pve${n}`, { cpu: (round % 7) / 10 }));
  for (let g = 0; g < guests; g += 1) {
    // A third get a new reading and last round's third settles back: two thirds change.
    const cpu = g % 3 === round % 3 ? ((g + round) % 100) / 100 : 0.1;
    resources.push(
      makeVm(100 + g, { cpu, parentId: `pve-a/node/pve${g % nodes}`, lastSeenAt: round }),
    );
  }
  return resources;
}

const bus = new EventBus();
const store = new ResourceStore(bus);
let updates = 0;
bus.subscribe('resources.changed', (change) => {
  updates += change.updated.length;
});

store.apply('pve-a', snapshot(0));
const snapshots = Array.from({ length: rounds }, (_, i) => snapshot(i + 1));
const started = performance.now();
for (const next of snapshots) store.apply('pve-a', next);
const perApplyMs = (performance.now() - started) / rounds;

const resources = nodes + guests;
console.log(`state apply: ${resources} resources, ${updates / rounds} updated per apply`);
console.log(
  `  ${perApplyMs.toFixed(2)} ms per apply (diff + one event), ` +
    `${((perApplyMs / pollIntervalMs) * 100).toFixed(3)}% of the ${pollIntervalMs / 1000} s poll interval`,
);
console.log(
  `  heap used, with the ${rounds} snapshots held in memory: ${(process.memoryUsage().heapUsed / 1024 ** 2).toFixed(1)} MiB`,
);
