// Figures for the metrics history, on the shape of the large estate (2,000 guests):
// ingest throughput on one core, bytes on disk per raw sample, and p50/p99 latency of a 24h
// and a 7d single-series query and of a 1h sparkline batch for 2,000 guests.
// Targets: 100,000 samples/s, < 24 B per raw sample, 7d series < 10 ms, batch < 200 ms.
// Run: node test/bench/metrics.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricName } from '../../server/metrics/metric-names.ts';
import { MetricsStore } from '../../server/metrics/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'pulse-metrics-bench-'));
const store = new MetricsStore(join(dir, 'metrics.db'));
const guests = 2_000;
const metrics: MetricName[] = [
  'cpu',
  'memory',
  'netInBytesPerSecond',
  'netOutBytesPerSecond',
  'diskReadBytesPerSecond',
];
const pollMs = 10_000;
const day = 86_400_000;
const end = Date.UTC(2026, 10, 20);

// A bounded random walk per series, like real load.
let seed = 7655;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const level = new Float64Array(guests * metrics.length).fill(0.3);
function poll(at: number, count = guests): number {
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

// 1. Ingest: one simulated hour of the whole estate (360 polls × 10,000 samples).
const hourStart = end - 3_600_000;
let samples = 0;
let t0 = performance.now();
for (let at = hourStart; at < end; at += pollMs) samples += poll(at);
store.flush();
const ingestSeconds = (performance.now() - t0) / 1000;
const perSecond = samples / ingestSeconds;

// 2. Bytes per raw sample: the file after that hour, over its samples.
store.flush();
const bytes = statSync(join(dir, 'metrics.db')).size + safeSize(join(dir, 'metrics.db-wal'));
const stats = store.stats();
const bytesPerSample = stats.bytesOnDisk / stats.rows.raw;

// 3. Queries: give 20 series a full day of raw samples and a week of minute buckets.
for (let at = end - day; at < hourStart; at += pollMs) poll(at, 4);
for (let at = end - 7 * day; at < end - day; at += 60_000) poll(at, 4);
store.flush();
// Rolled up in small steps, as the server does between event-loop turns; capped at 30 s so
// the benchmark ends, reporting the slowest step (what the event loop would feel).
t0 = performance.now();
let steps = 0;
let slowestStep = 0;
let backlogLeft = true;
while (performance.now() - t0 < 30_000) {
  const stepStart = performance.now();
  backlogLeft = store.rollupStep(end);
  slowestStep = Math.max(slowestStep, performance.now() - stepStart);
  steps += 1;
  if (!backlogLeft) break;
}
const rollupSeconds = (performance.now() - t0) / 1000;
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
const ids = Array.from({ length: guests }, (_, g) => `vm/${g}`);
const batch = time(() => store.batch(ids, 'cpu', 3_600_000, end), 30);

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `metrics store (${guests} guests × ${metrics.length} metrics, one sample per 10 s poll)`,
);
console.log(
  `  ingest: ${fmt(perSecond)} samples/s on one core (target 100,000) — ${fmt(samples)} samples in ${fmt(ingestSeconds)} s`,
);
console.log(
  `  disk: ${fmt(bytesPerSample)} bytes per raw sample (target < 24); file + WAL ${fmt(bytes / 1024 ** 2)} MiB`,
);
console.log(
  `  rollup backlog (a day of raw, a week of minutes): ${steps} steps in ${fmt(rollupSeconds)} s, ` +
    `slowest step ${fmt(slowestStep)} ms${backlogLeft ? ' (not finished within the 30 s cap)' : ''}`,
);
console.log(`  24h series: p50 ${fmt(q24.p50)} ms, p99 ${fmt(q24.p99)} ms`);
console.log(
  `  7d series:  p50 ${fmt(q7.p50)} ms, p99 ${fmt(q7.p99)} ms (target < 10 ms)` +
    (backlogLeft ? ' — minute tier only partly rolled up, so this understates the cost' : ''),
);
console.log(
  `  1h sparkline batch, ${guests} guests: p50 ${fmt(batch.p50)} ms, p99 ${fmt(batch.p99)} ms (target < 200 ms)`,
);

store.close();
rmSync(dir, { recursive: true, force: true });

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
