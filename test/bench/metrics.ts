// Figures for the metrics history, on the shape of the large estate (2,000 guests × 5 metrics,
// one sample per 10 s poll): ingest throughput on one core (including the sealing and rollups
// the server does alongside), bytes on disk per stored raw sample, the slowest background
// step, and p50/p99 latency of a 24h and a 7d single-series query and of a 1h sparkline
// batch for 2,000 guests.
// Targets: 100,000 samples/s, < 24 B per raw sample, 7d series < 10 ms, batch < 200 ms.
// Run: node test/bench/metrics.ts [--hours N]   (N simulated hours of the whole estate; 2)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricName } from '../../server/metrics/metric-names.ts';
import { MetricsStore } from '../../server/metrics/store.ts';

const hoursArg = process.argv.indexOf('--hours');
const hours = hoursArg > 0 ? Number(process.argv[hoursArg + 1]) : 2;
const dir = mkdtempSync(join(tmpdir(), 'pulse-metrics-bench-'));
const file = join(dir, 'metrics.db');
const store = new MetricsStore(file);
const guests = 2_000;
const metrics: MetricName[] = [
  'cpu',
  'memory',
  'netInBytesPerSecond',
  'netOutBytesPerSecond',
  'diskReadBytesPerSecond',
];
const pollMs = 10_000;
const minute = 60_000;
const day = 86_400_000;
const end = Date.UTC(2026, 10, 20);
const estateStart = end - hours * 3_600_000;

// A bounded random walk per series, like real load.
let seed = 7655;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const level = new Float64Array(guests * metrics.length).fill(0.3);
function poll(at: number, count: number): number {
  let n = 0;
  for (let g = 0; g < count; g += 1) {
    for (const [m, metric] of metrics.entries()) {
      const i = g * metrics.length + m;
      level[i] = Math.min(1, Math.max(0, (level[i] ?? 0) + (rand() - 0.5) * 0.05));
      const value =
        metric === 'cpu' || metric === 'memory'
          ? (level[i] ?? 0)
          : Math.round((level[i] ?? 0) * 5e6);
      store.record(`vm/${g}`, metric, at, value);
      n += 1;
    }
  }
  return n;
}

// Background work as the recorder does it: flush, then small steps, timing each step.
let slowestFlush = 0;
let stepTimes: number[] = [];
function maintain(at: number): void {
  // A poll's samples are flushed on the recorder's 2 s timer, apart from the steps.
  const flushStart = performance.now();
  store.flush();
  slowestFlush = Math.max(slowestFlush, performance.now() - flushStart);
  for (;;) {
    const started = performance.now();
    const more = store.maintainStep(at);
    stepTimes.push(performance.now() - started);
    if (!more) break;
  }
}

// 1. History for four guests: a week before the estate starts (a sample a minute, then the
// last day every 10 s), so the 7d and 24h queries have something to read.
for (let at = end - 7 * day; at < estateStart; at += at < end - day ? minute : pollMs) {
  poll(at, 4);
  if (at % minute === 0) maintain(at);
}

// 2. Ingest: the whole estate, maintained every simulated minute.
let samples = 0;
stepTimes = [];
const t0 = performance.now();
for (let at = estateStart; at < end; at += pollMs) {
  samples += poll(at, guests);
  if (at % minute === 0) maintain(at);
  else store.flush();
}
maintain(end);
const ingestSeconds = (performance.now() - t0) / 1000;
const perSecond = samples / ingestSeconds;

// 3. Bytes per raw sample: the whole file (blocks, tail, minute and hour buckets) over the
// raw samples it holds.
store.flush();
const bytes = statSync(file).size + safeSize(`${file}-wal`);
const stats = store.stats();
const bytesPerSample = bytes / stats.rows.raw;

const time = (work: () => void, runs: number) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)] ?? 0, p99: times[Math.floor(runs * 0.99)] ?? 0 };
};
const q24 = time(() => store.series(`vm/${Math.floor(rand() * 4)}`, 'cpu', day, end), 200);
const q7 = time(() => store.series(`vm/${Math.floor(rand() * 4)}`, 'cpu', 7 * day, end), 200);
const points7 = store.series('vm/0', 'cpu', 7 * day, end).length;
const ids = Array.from({ length: guests }, (_, g) => `vm/${g}`);
const batch = time(() => store.batch(ids, 'cpu', 3_600_000, end), 30);
const lines = store.batch(ids, 'cpu', 3_600_000, end);

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `metrics store (${guests} guests × ${metrics.length} metrics, one sample per 10 s poll, ${hours} h)`,
);
console.log(
  `  ingest: ${fmt(perSecond)} samples/s on one core (target 100,000) — ${fmt(samples)} samples in ${fmt(ingestSeconds)} s, sealing and rollups included`,
);
stepTimes.sort((a, b) => a - b);
const stepAt = (q: number) => fmt(stepTimes[Math.floor(stepTimes.length * q)] ?? 0);
console.log(
  `  background steps (event-loop blocking): ${fmt(stepTimes.length)}, p50 ${stepAt(0.5)} ms, p99 ${stepAt(0.99)} ms, max ${fmt(stepTimes.at(-1) ?? 0)} ms; slowest flush of one poll ${fmt(slowestFlush)} ms`,
);
console.log(
  `  disk: ${fmt(bytesPerSample)} bytes per raw sample (target < 24), all tiers included; file + WAL ${fmt(bytes / 1024 ** 2)} MiB for ${fmt(stats.rows.raw)} samples`,
);
console.log(`  24h series: p50 ${fmt(q24.p50)} ms, p99 ${fmt(q24.p99)} ms`);
console.log(
  `  7d series:  p50 ${fmt(q7.p50)} ms, p99 ${fmt(q7.p99)} ms (target < 10 ms), ${points7} points`,
);
console.log(
  `  1h sparkline batch, ${guests} guests: p50 ${fmt(batch.p50)} ms, p99 ${fmt(batch.p99)} ms (target < 200 ms), ${lines.get('vm/100')?.length ?? 0} points each`,
);

store.close();
rmSync(dir, { recursive: true, force: true });

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
