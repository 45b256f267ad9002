// Figure: the cost of one poll cycle of the large estate (20 PVE nodes, ~2,000 guests, plus a
// PBS and a PMG): server CPU milliseconds per cycle, the cycle's wall time against the slowest
// single upstream request in it (parallel polling keeps these close), and resident memory.
// Run: node test/bench/poll.ts [cycles]
import { spawn } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DemoCredentials, DemoEndpoint } from '../../server/demo/index.ts';
import { EventBus } from '../../server/events/bus.ts';
import { createLogger } from '../../server/log/logger.ts';
import type { NodeWithCredentials } from '../../server/nodes/node.service.ts';
import { defaultMonitor } from '../../server/nodes/node-input.ts';
import { RecordStore } from '../../server/resources/records.ts';
import { ResourceStore } from '../../server/resources/store.ts';
import { PbsSource } from '../../server/sources/proxmox/pbs-source.ts';
import { PmgSource } from '../../server/sources/proxmox/pmg-source.ts';
import { PveSource } from '../../server/sources/proxmox/pve/pve-source.ts';
import type { Source } from '../../server/sources/source.ts';

const cycles = Number(process.argv[2] ?? 6);
const child = spawn(
  process.execPath,
  [fileURLToPath(new URL('estate-process.ts', import.meta.url)), 'large'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
const estate = JSON.parse(line) as {
  pve: DemoEndpoint[];
  pbs: DemoEndpoint;
  pmg: DemoEndpoint;
  credentials: DemoCredentials;
};

// Every upstream request's duration, from undici's diagnostics channels.
const started = new WeakMap<object, number>();
let requestTimes: number[] = [];
subscribe('undici:request:create', (message) => {
  started.set((message as { request: object }).request, performance.now());
});
subscribe('undici:request:trailers', (message) => {
  const begin = started.get((message as { request: object }).request);
  if (begin !== undefined) requestTimes.push(performance.now() - begin);
});

const now = new Date();
const base = {
  verifySsl: true,
  monitor: { ...defaultMonitor },
  pollIntervalSeconds: null,
  enabled: true,
  cluster: null,
  createdAt: now,
  updatedAt: now,
};
const { credentials: c } = estate;
const node = (
  id: string,
  type: 'pve' | 'pbs' | 'pmg',
  endpoint: DemoEndpoint | undefined,
  credentials: NodeWithCredentials['credentials'],
): NodeWithCredentials => ({
  ...base,
  id,
  type,
  name: id,
  host: endpoint?.baseUrl ?? '',
  fingerprint: endpoint?.fingerprint ?? null,
  authKind: credentials.kind,
  username: credentials.kind === 'password' ? credentials.username : null,
  tokenId: credentials.kind === 'token' ? credentials.tokenId : null,
  credentials,
});
const log = createLogger('silent');
const sources: Source[] = [
  new PveSource(
    node('pve', 'pve', estate.pve[0], {
      kind: 'token',
      tokenId: c.pve.tokenId,
      secret: c.pve.tokenSecret,
    }),
    {
      intervalMs: 10_000,
      timeoutMs: 60_000,
      log,
      onCluster: () => {},
    },
  ),
  new PbsSource(
    node('pbs', 'pbs', estate.pbs, {
      kind: 'token',
      tokenId: c.pbs.tokenId,
      secret: c.pbs.tokenSecret,
    }),
    60_000,
    60_000,
    log,
  ),
  new PmgSource(
    node('pmg', 'pmg', estate.pmg, {
      kind: 'password',
      username: c.pmg.username,
      password: c.pmg.password,
    }),
    60_000,
    60_000,
    log,
  ),
];
const bus = new EventBus();
const store = new ResourceStore(bus);
const records = new RecordStore(bus);
const signal = new AbortController().signal;

const results: { cpuMs: number; wallMs: number; slowestMs: number; requests: number }[] = [];
for (let cycle = 0; cycle < cycles; cycle += 1) {
  requestTimes = [];
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const snapshots = await Promise.all(sources.map((s) => s.poll(signal)));
  sources.forEach((s, i) => {
    const snapshot = snapshots[i];
    if (!snapshot) return;
    store.apply(s.id, snapshot.resources);
    if (snapshot.records) records.apply(s.id, snapshot.records);
  });
  const used = process.cpuUsage(cpu);
  results.push({
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - wall,
    slowestMs: Math.max(0, ...requestTimes),
    requests: requestTimes.length,
  });
}

const steady = results.slice(1);
const avg = (key: keyof (typeof results)[number]) =>
  steady.reduce((sum, r) => sum + r[key], 0) / steady.length;
const [first] = results;
const guests = store.all().filter((r) => r.type === 'vm' || r.type === 'container').length;
console.log(
  `poll cycle: ${store.all().length} resources (${guests} guests), ${records.list('backups').length} backups`,
);
console.log(
  `  first cycle (cold caches): ${first?.cpuMs.toFixed(0)} ms CPU, ${first?.wallMs.toFixed(0)} ms wall, ` +
    `${first?.requests} requests, slowest ${first?.slowestMs.toFixed(0)} ms`,
);
console.log(
  `  steady cycles (mean of ${steady.length}): ${avg('cpuMs').toFixed(0)} ms CPU per cycle ` +
    `(${((avg('cpuMs') / 10_000) * 100).toFixed(1)}% of one core at the 10 s interval), ` +
    `${avg('requests').toFixed(0)} requests`,
);
console.log(
  `  wall time ${avg('wallMs').toFixed(0)} ms against the slowest single request ${avg('slowestMs').toFixed(0)} ms ` +
    `(${(avg('wallMs') / Math.max(1, avg('slowestMs'))).toFixed(2)}x)`,
);
console.log(
  `  resident memory: ${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MiB (heap ${(process.memoryUsage().heapUsed / 1024 ** 2).toFixed(0)} MiB)`,
);

await Promise.all(sources.map((s) => s.close?.()));
child.kill('SIGTERM');
