import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostReportSchema } from '../../../server/agents/reports.ts';
import { createAgentDistribution } from '../../../server/http/agent-distribution.ts';
import { bundleAgent } from '../../../server/pulse-agent/bundle.ts';
import { HostCollector } from '../../../server/pulse-agent/host/collect.ts';
import { type AgentProcess, runShell, spawnAgent } from '../../fixtures/agent-process.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

let app: RunningApp;
const agents: AgentProcess[] = [];
const temporary: string[] = [];

beforeAll(async () => {
  app = await startApp();
});
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.stop()));
});
afterAll(async () => {
  await app.stop();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-agent-test-'));
  temporary.push(dir);
  return dir;
};

async function mintToken(scopes: string[]): Promise<string> {
  const response = await app.fetch('/api/security/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `agent ${scopes.join(' ')}`, scopes }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

function startAgent(args: string[], env: Record<string, string> = {}): AgentProcess {
  const agent = spawnAgent(['--url', app.url, '--interval', '1s', ...args], { env });
  agents.push(agent);
  return agent;
}

interface HostResource {
  id: string;
  name: string;
  uptimeSeconds: number | null;
  memory: { totalBytes: number; usedBytes: number } | null;
  hostname: string;
  cpuCount: number | null;
  agentId: string;
  filesystems: { mountpoint: string; totalBytes: number }[];
  interfaces: { name: string }[];
}

const hostsQuery = /* GraphQL */ `
  query {
    resources(filter: { types: [HOST] }) {
      id
      name
      uptimeSeconds
      memory { totalBytes usedBytes }
      ... on Host { hostname cpuCount agentId filesystems { mountpoint totalBytes } interfaces { name } }
    }
  }
`;

async function hosts(): Promise<HostResource[]> {
  const result = await graphql<{ resources: HostResource[] }>(app.url, hostsQuery);
  expect(result.errors).toBeUndefined();
  return result.data?.resources ?? [];
}

describe('pulse-agent against a running Pulse', () => {
  it('reports this machine from its real /proc and /sys as a host resource', async () => {
    const token = await mintToken(['agent:report']);
    const agent = startAgent(['--token', token, '--agent-id', 'host-test-agent', '--tag', 'ci']);

    const host = await vi.waitFor(
      async () => {
        const found = (await hosts()).find((h) => h.agentId === 'host-test-agent');
        if (!found) throw new Error(`no host yet; agent says:\n${agent.stderr()}`);
        return found;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(host.hostname).toBe(hostname());
    expect(host.cpuCount).toBe(cpus().length);
    expect(host.memory?.totalBytes).toBeGreaterThan(totalmem() * 0.99);
    expect(host.memory?.totalBytes).toBeLessThanOrEqual(totalmem() * 1.01);
    expect(host.memory?.usedBytes).toBeGreaterThan(0);
    expect(host.uptimeSeconds).toBeGreaterThan(0);
    expect(host.filesystems.length).toBeGreaterThanOrEqual(1);
    expect(host.filesystems.every((fs) => fs.totalBytes > 0)).toBe(true);
    expect(host.interfaces.map((i) => i.name)).not.toContain('lo');

    expect(await agent.stop()).toBe(0);
    expect(agent.stderr()).toMatch(/INFO {2}SIGTERM: stopping/);
    expect(agent.stderr()).not.toContain(token);
  });

  it('reads the token from PULSE_TOKEN_FILE', async () => {
    const tokenFile = join(tempDir(), 'token');
    writeFileSync(tokenFile, `${await mintToken(['agent:report'])}\n`, { mode: 0o600 });
    const agent = startAgent(['--agent-id', 'token-file-agent'], { PULSE_TOKEN_FILE: tokenFile });
    await vi.waitFor(
      async () => {
        if (!(await hosts()).some((h) => h.agentId === 'token-file-agent')) {
          throw new Error(`no host yet; agent says:\n${agent.stderr()}`);
        }
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(await agent.stop()).toBe(0);
  });

  it('says the token is wrong, and keeps running', async () => {
    const agent = startAgent(['--token', 'f'.repeat(64)]);
    await vi.waitFor(() => expect(agent.stderr()).toMatch(/ERROR .*token/), {
      timeout: 15_000,
      interval: 100,
    });
    expect(agent.stderr()).toMatch(/did not accept the token \(401\)/);
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
  });

  it('says the token lacks the scope when it cannot report', async () => {
    const token = await mintToken(['monitoring:read']);
    const agent = startAgent(['--token', token]);
    await vi.waitFor(() => expect(agent.stderr()).toMatch(/token lacks the scope/), {
      timeout: 15_000,
      interval: 100,
    });
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
  });

  it('names the URL it cannot reach and keeps trying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const agent = spawnAgent([
      '--url',
      `http://127.0.0.1:${port}`,
      '--token',
      'x',
      '--interval',
      '1s',
    ]);
    agents.push(agent);
    await vi.waitFor(
      () => expect(agent.stderr()).toContain(`cannot reach Pulse at http://127.0.0.1:${port}`),
      { timeout: 15_000, interval: 100 },
    );
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
  });

  it('refuses a bad flag with one line and exit 2', async () => {
    const agent = spawnAgent(['--url', app.url, '--token', 'x', '--interval', 'often']);
    expect(await agent.exited).toBe(2);
    expect(agent.stderr().trim().split('\n')).toEqual([
      'pulse-agent: --interval "often" is not a duration; use e.g. 30s, 1m or 2m30s (see pulse-agent --help)',
    ]);
  });

  it('collects a report of this machine that fits the wire schema', async () => {
    const report = await new HostCollector({ firstCpuSampleGapMs: 50 }).collect({
      id: 'schema-check',
      version: 'test',
    });
    expect(hostReportSchema.safeParse(report).error).toBeUndefined();
  });
});

describe('agent distribution', () => {
  let bundlePath: string;
  beforeAll(async () => {
    // Builds the bundle the server serves, as `npm run build` does.
    await bundleAgent();
  }, 60_000);

  it('serves the agent as one file whose SHA-256 is in X-Checksum-Sha256 and which runs', async () => {
    const response = await fetch(`${app.url}/download/pulse-agent`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="pulse-agent.mjs"',
    );
    expect(response.headers.get('x-ratelimit-limit')).toBe('60');
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(
      response.headers.get('x-checksum-sha256'),
    );

    // Run from a directory with no node_modules: the bundle carries what it needs.
    bundlePath = join(tempDir(), 'pulse-agent.mjs');
    writeFileSync(bundlePath, body);
    const help = spawnSync(process.execPath, [bundlePath, '--help'], { cwd: tmpdir() });
    expect(help.status).toBe(0);
    expect(help.stdout.toString()).toContain('pulse-agent --url URL --token TOKEN');
    const bad = spawnSync(process.execPath, [bundlePath, '--nope'], { cwd: tmpdir() });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toBe(
      "pulse-agent: unknown option '--nope' (see pulse-agent --help)\n",
    );
  });

  it('the downloaded bundle reports this host too', async () => {
    const token = await mintToken(['agent:report']);
    const agent = spawnAgent(
      ['--url', app.url, '--token', token, '--interval', '1s', '--agent-id', 'bundled-agent'],
      { entry: bundlePath },
    );
    agents.push(agent);
    await vi.waitFor(
      async () => {
        if (!(await hosts()).some((h) => h.agentId === 'bundled-agent')) {
          throw new Error(`no host yet; agent says:\n${agent.stderr()}`);
        }
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(await agent.stop()).toBe(0);
  });

  it('serves install.sh, which passes sh -n and installs a checked agent, its token and a unit', async () => {
    const response = await fetch(`${app.url}/install.sh`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/x-shellscript; charset=utf-8');
    const script = await response.text();
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    const installer = join(tempDir(), 'install.sh');
    writeFileSync(installer, script);
    expect(spawnSync('sh', ['-n', installer]).status).toBe(0);

    const root = tempDir();
    const run = await runShell(
      [
        installer,
        '--url',
        `${app.url}/`,
        '--token',
        'the-token',
        '--enable-docker',
        '--interval',
        '15s',
      ],
      { PULSE_AGENT_ROOT: root, PULSE_AGENT_NODE: process.execPath },
    );
    expect(run.stderr).toContain('checked pulse-agent');
    expect(run.status).toBe(0);

    const installed = readFileSync(join(root, 'usr/local/lib/pulse-agent/pulse-agent.mjs'));
    const download = await fetch(`${app.url}/download/pulse-agent`);
    expect(createHash('sha256').update(installed).digest('hex')).toBe(
      download.headers.get('x-checksum-sha256'),
    );
    await download.body?.cancel();
    const tokenFile = join(root, 'var/lib/pulse-agent/token');
    expect(readFileSync(tokenFile, 'utf8')).toBe('the-token\n');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const unit = readFileSync(join(root, 'etc/systemd/system/pulse-agent.service'), 'utf8');
    expect(unit).toContain('Environment=PULSE_TOKEN_FILE=/var/lib/pulse-agent/token');
    expect(unit).toContain(
      `ExecStart=${process.execPath} /usr/local/lib/pulse-agent/pulse-agent.mjs --url ${app.url} --enable-docker --interval 15s`,
    );
    expect(unit).toContain('WantedBy=multi-user.target');
    expect(unit).not.toContain('the-token');
  });

  it('install.sh refuses a download whose checksum does not match', async () => {
    // A proxy that passes the agent through with another checksum, as a damaged download.
    const proxy: Server = createServer((req, res) => {
      void fetch(`${app.url}${req.url}`).then(async (upstream) => {
        const body = Buffer.from(await upstream.arrayBuffer());
        res.writeHead(upstream.status, {
          'x-checksum-sha256': req.url === '/download/pulse-agent' ? '0'.repeat(64) : '',
        });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const installer = join(tempDir(), 'install.sh');
      writeFileSync(installer, await (await fetch(`${app.url}/install.sh`)).text());
      const root = tempDir();
      const run = await runShell([installer, '--url', proxyUrl, '--token', 't'], {
        PULSE_AGENT_ROOT: root,
        PULSE_AGENT_NODE: process.execPath,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /the download is damaged: its SHA-256 is [0-9a-f]{64}, Pulse says 0{64}; nothing was installed/,
      );
      expect(() => statSync(join(root, 'usr/local/lib/pulse-agent/pulse-agent.mjs'))).toThrow();
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('install.sh says clearly when Node.js is too old', async () => {
    const dir = tempDir();
    const oldNode = join(dir, 'node');
    writeFileSync(oldNode, '#!/bin/sh\ncase "$1" in -p) echo 18 ;; *) echo v18.20.4 ;; esac\n', {
      mode: 0o755,
    });
    const installer = join(dir, 'install.sh');
    writeFileSync(installer, await (await fetch(`${app.url}/install.sh`)).text());
    const run = await runShell([installer, '--url', app.url, '--token', 't'], {
      PULSE_AGENT_ROOT: dir,
      PULSE_AGENT_NODE: oldNode,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is Node.js v18.20.4; pulse-agent needs 24 or newer');
  });

  it('answers 503 with an error when the bundle is not built', async () => {
    const serve = createAgentDistribution({
      bundle: join(tempDir(), 'missing.mjs'),
      installer: join(tempDir(), 'missing.sh'),
    });
    const server = createServer(
      (req, res) => void serve(req, res, new URL(req.url ?? '/', 'http://x').pathname),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await fetch(`${url}/download/pulse-agent`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error:
          'the pulse-agent bundle is not built on this server; run `npm run build` (npm start does it)',
      });
      expect((await fetch(`${url}/download/pulse-agent`, { method: 'POST' })).status).toBe(405);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('limits the public downloads to 60 requests a minute per address', async () => {
    const limited = await startApp();
    try {
      for (let i = 0; i < 60; i += 1) {
        const response = await fetch(`${limited.url}/install.sh`, { method: 'HEAD' });
        expect(response.status).toBe(200);
      }
      const over = await fetch(`${limited.url}/install.sh`);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.stop();
    }
  });
});
