// Figure: what pulse-agent costs on the machine it watches: resident memory and CPU time per
// host report, for the bundled agent reporting every second to a receiver that answers like
// Pulse. The CPU figure is also given as a share of one core at the 30 s default interval.
// Run: node test/bench/agent.ts [reports]   (needs `npm run build` for .build/pulse-agent.mjs)
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { spawnAgent } from '../fixtures/agent-process.ts';

const reports = Number(process.argv[2] ?? 20);
const bundle = fileURLToPath(new URL('../../.build/pulse-agent.mjs', import.meta.url));
if (!existsSync(bundle)) throw new Error('run `npm run build` first: .build/pulse-agent.mjs');

const clockTicks = 100;
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
};
const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Number(line?.[1] ?? 0) / 1024;
};

let received = 0;
let bytes = 0;
let onReport: () => void = () => {};
const server = createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
  });
  req.on('end', () => {
    received += 1;
    bytes += size;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ success: true, agentId: 'bench', config: {} }));
    onReport();
  });
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const agent = spawnAgent(['--url', url, '--token', 'bench', '--interval', '1s'], { entry: bundle });
const pid = agent.child.pid as number;
const until = (count: number) =>
  new Promise<void>((resolve) => {
    onReport = () => {
      if (received >= count) resolve();
    };
  });

await until(3); // start-up and the first CPU sample are not steady state
const cpu0 = cpuSeconds(pid);
const from = received;
await until(from + reports);
const perReport = ((cpuSeconds(pid) - cpu0) / reports) * 1000;
const rss = rssMiB(pid);
await agent.stop();
server.close();

console.log(`pulse-agent, host module, ${reports} reports at 1 s intervals`);
console.log(`resident memory: ${rss.toFixed(1)} MiB (Node 24 runtime included)`);
console.log(
  `CPU per report: ${perReport.toFixed(1)} ms = ${(perReport / 300).toFixed(3)} % of one core at the 30 s default`,
);
console.log(`report size: ${Math.round(bytes / received)} bytes`);
