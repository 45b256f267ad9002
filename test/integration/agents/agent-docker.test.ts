import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type DockerContainerReport,
  type DockerReport,
  dockerReportSchema,
} from '../../../server/agents/reports.ts';
import { collectDockerReport } from '../../../server/pulse-agent/docker/collect.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import {
  type DockerEngine,
  type DockerEngineOptions,
  type FakeContainer,
  startDockerEngine,
} from '../../fixtures/docker-engine.ts';
import { memoryUsageAt } from '../../fixtures/docker-engine-shapes.ts';

const agent = { id: 'agent-docker-test', version: '0.1.0', type: 'docker' };
const engines: DockerEngine[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

async function engine(options: DockerEngineOptions = {}): Promise<DockerEngine> {
  const started = await startDockerEngine(options);
  engines.push(started);
  return started;
}

async function collect(from: DockerEngine): Promise<DockerReport> {
  const report = await collectDockerReport({ socketPath: from.socketPath, agent });
  // The server parses with the same schema: what the agent sends must pass it unchanged.
  expect(dockerReportSchema.parse(report)).toEqual(report);
  return report;
}

function container(report: DockerReport, name: string): DockerContainerReport {
  const found = report.containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name} in the report`);
  return found;
}

describe('pulse-agent Docker module against a Docker Engine API', () => {
  it('negotiates the API version the way Docker clients do, then uses versioned paths', async () => {
    const docker = await engine();
    await collect(docker);
    const [ping, version, ...rest] = docker.requests;
    expect(ping).toMatchObject({ method: 'GET', path: '/_ping', apiVersion: null });
    expect(version).toMatchObject({ path: '/version', apiVersion: null });
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((r) => r.apiVersion === '1.47')).toBe(true);
    expect(rest.map((r) => r.path)).toEqual(expect.arrayContaining(['/info', '/containers/json']));
    expect(rest.find((r) => r.path === '/containers/json')?.query.get('all')).toBe('1');
  });

  it('speaks an older engine in its own version and a newer one in ours', async () => {
    const older = await engine({ apiVersion: '1.43' });
    await collect(older);
    expect(older.requests.slice(2).every((r) => r.apiVersion === '1.43')).toBe(true);

    const newer = await engine({ apiVersion: '1.51' });
    await collect(newer);
    expect(newer.requests.slice(2).every((r) => r.apiVersion === '1.47')).toBe(true);
  });

  it('reports the host from /info and /version', async () => {
    const docker = await engine();
    const report = await collect(docker);
    expect(report.agent).toEqual(agent);
    expect(report.host).toMatchObject({
      hostname: 'docker-host-1',
      runtime: 'docker',
      runtimeVersion: '27.3.1',
      dockerVersion: '27.3.1',
      os: 'Ubuntu 24.04.1 LTS',
      kernelVersion: '6.8.0-45-generic',
      architecture: 'x86_64',
      totalCpu: 4,
      totalMemoryBytes: 16_663_138_304,
    });
    expect(report.containers).toHaveLength(4);
  });

  it('reports state, health, restarts, exit codes and ports of every container', async () => {
    const docker = await engine();
    const report = await collect(docker);

    const web = container(report, 'shop-web-1');
    expect(web).toMatchObject({
      id: docker.container('shop-web-1').id,
      image: 'nginx:1.27-alpine',
      state: 'running',
      health: 'healthy',
      restartCount: 0,
      createdAt: docker.container('shop-web-1').created * 1000,
      labels: expect.objectContaining({ 'com.docker.compose.project': 'shop' }),
    });
    expect(web.status).toMatch(/^Up 3 hours \(healthy\)$/);
    expect(web.exitCode).toBeUndefined();
    expect(web.uptimeSeconds).toBeGreaterThanOrEqual(3 * 3_600 - 5);
    expect(web.uptimeSeconds).toBeLessThanOrEqual(3 * 3_600 + 5);
    expect(web.ports).toEqual([
      { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' },
      { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '::' },
      { privatePort: 443, protocol: 'tcp' },
    ]);

    expect(container(report, 'shop-db-1')).toMatchObject({
      state: 'running',
      health: 'unhealthy',
      restartCount: 2,
    });

    const worker = container(report, 'shop-worker-1');
    expect(worker).toMatchObject({ state: 'restarting', restartCount: 7, exitCode: 1 });
    expect(worker.status).toMatch(/^Restarting \(1\)/);
    expect(worker.health).toBeUndefined();

    const migrate = container(report, 'shop-migrate-1');
    expect(migrate).toMatchObject({ state: 'exited', exitCode: 3, restartCount: 0 });
    expect(migrate.status).toMatch(/^Exited \(3\)/);
    expect(migrate.uptimeSeconds).toBeUndefined();
    expect(migrate.cpuPercent).toBeUndefined();
    expect(migrate.memoryUsageBytes).toBeUndefined();
  });

  it('reads one-shot stats of running containers only, and takes CPU % over the report interval', async () => {
    const docker = await engine();
    const first = await collect(docker);

    const statsCalls = docker.requests.filter((r) => r.path.endsWith('/stats'));
    expect(statsCalls.map((r) => r.path).sort()).toEqual(
      [docker.container('shop-db-1').id, docker.container('shop-web-1').id]
        .map((id) => `/containers/${id}/stats`)
        .sort(),
    );
    for (const call of statsCalls) {
      expect(call.query.get('stream')).toBe('false');
      expect(call.query.get('one-shot')).toBe('true');
    }
    // A one-shot read has no previous sample: no percentage rather than a wrong one.
    expect(container(first, 'shop-web-1').cpuPercent).toBeUndefined();

    const second = await collect(docker);
    // (container delta / system delta) × online CPUs × 100, with 10 s of 4 CPUs per read:
    // web used 2.5 s of CPU → 25 %, db 8 s → 80 %.
    expect(container(second, 'shop-web-1').cpuPercent).toBe(25);
    expect(container(second, 'shop-db-1').cpuPercent).toBe(80);

    const web = docker.container('shop-web-1');
    const webUsage = web.usage;
    if (!webUsage) throw new Error('web has a usage script');
    expect(container(second, 'shop-web-1')).toMatchObject({
      // Page cache that could be dropped at once is not the container's: usage − inactive_file.
      memoryUsageBytes: memoryUsageAt(webUsage, 2) - 8_388_608,
      memoryLimitBytes: docker.memTotal,
      networkRxBytes: 2 * 1_500_000,
      networkTxBytes: 2 * 300_000,
      blockIo: { readBytes: 2 * 4_194_304, writeBytes: 2 * 1_048_576 },
    });
    expect(container(second, 'shop-db-1')).toMatchObject({
      memoryUsageBytes:
        memoryUsageAt({ cpuNanosPerRead: 0, memoryBytes: 268_435_456 }, 2) - 67_108_864,
      memoryLimitBytes: 1_073_741_824,
    });
  });

  it('reads cgroup v1 counters: total_inactive_file, capitalised blkio ops without Total', async () => {
    const docker = await engine({
      cgroup: 1,
      containers: [
        {
          name: 'legacy',
          image: 'redis:7',
          state: 'running',
          usage: {
            cpuNanosPerRead: 1_000_000_000,
            memoryBytes: 104_857_600,
            inactiveFileBytes: 4_194_304,
            interfaces: 2,
            rxBytesPerRead: 1_000,
            txBytesPerRead: 500,
          },
        },
      ],
    });
    await collect(docker);
    const report = await collect(docker);
    expect(report.containers[0]).toMatchObject({
      cpuPercent: 10,
      memoryUsageBytes: 104_857_600 + 1_048_576 - 4_194_304,
      networkRxBytes: 2 * 2 * 1_000,
      networkTxBytes: 2 * 2 * 500,
      blockIo: { readBytes: 2 * 4_194_304, writeBytes: 2 * 1_048_576 },
    });
  });

  it('names Podman as the runtime when its compatible API answers', async () => {
    const podman = await engine({ flavor: 'podman', apiVersion: '1.41' });
    const report = await collect(podman);
    expect(report.host).toMatchObject({
      runtime: 'podman',
      runtimeVersion: '5.2.3',
      os: 'fedora',
    });
    expect(podman.requests.slice(2).every((r) => r.apiVersion === '1.41')).toBe(true);
  });

  it('leaves out a container removed between the list and its inspect', async () => {
    const docker = await engine({
      containers: [
        { name: 'stays', image: 'alpine:3.20', state: 'exited', exitCode: 0 },
        { name: 'gone', image: 'alpine:3.20', state: 'running', removedAfterList: true },
      ],
    });
    const report = await collect(docker);
    expect(report.containers.map((c) => c.name)).toEqual(['stays']);
    expect(
      docker.requests.some((r) => r.path === `/containers/${docker.container('gone').id}/json`),
    ).toBe(true);
  });

  it('keeps at most 8 per-container calls in flight', async () => {
    const containers: FakeContainer[] = Array.from({ length: 30 }, (_, i) => ({
      name: `app-${i}`,
      image: 'busybox:1.36',
      state: 'running',
      usage: { cpuNanosPerRead: 100_000_000, memoryBytes: 1_048_576 },
    }));
    const docker = await engine({ containers, latencyMs: 15 });
    const report = await collect(docker);
    expect(report.containers).toHaveLength(30);
    expect(docker.peakInFlight).toBeLessThanOrEqual(8);
    expect(docker.peakInFlight).toBeGreaterThan(1);
  });
});

describe('a Docker report in Pulse', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  interface ContainerResource {
    name: string;
    status: string;
    containerId: string;
    state: string;
    health: string | null;
    restartCount: number;
    exitCode: number | null;
    composeProject: string | null;
    ports: { privatePort: number; publicPort: number | null }[];
  }

  const containersQuery = /* GraphQL */ `
    query {
      resources(filter: { types: [DOCKER_CONTAINER] }) {
        name
        status
        ... on DockerContainer {
          containerId state health restartCount exitCode composeProject
          ports { privatePort publicPort }
        }
      }
    }
  `;

  it('is accepted with a docker:report token and shows its containers', async () => {
    const minted = await app.fetch('/api/security/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'docker agent', scopes: ['docker:report'] }),
    });
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };

    const docker = await engine();
    const report = await collect(docker);
    const posted = await fetch(`${app.url}/api/agents/docker/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ success: true });

    const containers = await vi.waitFor(async () => {
      const result = await graphql<{ resources: ContainerResource[] }>(app.url, containersQuery);
      expect(result.errors).toBeUndefined();
      const found = result.data?.resources ?? [];
      expect(found).toHaveLength(4);
      return found;
    });
    const named = (name: string) => containers.find((c) => c.name === name);
    expect(named('shop-web-1')).toMatchObject({
      containerId: docker.container('shop-web-1').id,
      state: 'running',
      health: 'healthy',
      composeProject: 'shop',
      ports: expect.arrayContaining([{ privatePort: 80, publicPort: 8080 }]),
    });
    expect(named('shop-db-1')).toMatchObject({ health: 'unhealthy', restartCount: 2 });
    expect(named('shop-worker-1')).toMatchObject({ state: 'restarting', restartCount: 7 });
    expect(named('shop-migrate-1')).toMatchObject({ state: 'exited', exitCode: 3 });
  });
});

describe('pulse-agent Docker module errors', () => {
  it('says the socket is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-docker-'));
    try {
      const socketPath = join(dir, 'docker.sock');
      await expect(collectDockerReport({ socketPath, agent })).rejects.toThrow(
        `Docker socket ${socketPath} not found: is Docker (or Podman's API service) running on this host?`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when something else answers on the socket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-docker-'));
    const socketPath = join(dir, 'app.sock');
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await expect(collectDockerReport({ socketPath, agent })).rejects.toThrow(
        `${socketPath} is not a Docker Engine API`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells a user without access to the socket to join the docker group', async () => {
    const docker = await engine();
    // docker.sock is root:docker 0660 in a world-readable /var/run; this user is in neither.
    chmodSync(dirname(docker.socketPath), 0o755);
    chmodSync(docker.socketPath, 0o660);
    const message = await collectAsAnotherUser(docker.socketPath);
    expect(message).toContain(`permission denied on the Docker socket ${docker.socketPath}`);
    expect(message).toContain("add the agent's user to the docker group");
  });
});

const collectModule = fileURLToPath(
  new URL('../../../server/pulse-agent/docker/collect.ts', import.meta.url),
);

/**
 * The collector's error for a user who may not open the socket. Root opens anything, so as root
 * the collector runs in a child process as `nobody`; otherwise the socket is made unreadable.
 */
async function collectAsAnotherUser(socketPath: string): Promise<string> {
  if (process.getuid?.() !== 0) {
    chmodSync(socketPath, 0o000);
    const error = await collectDockerReport({ socketPath, agent }).catch((e: Error) => e);
    return error instanceof Error ? error.message : 'collected without error';
  }
  const script = `
    import { collectDockerReport } from ${JSON.stringify(collectModule)};
    try {
      await collectDockerReport({ socketPath: ${JSON.stringify(socketPath)}, agent: { id: 'x', version: '0' } });
      console.log('collected without error');
    } catch (error) {
      console.log(error.message);
    }`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { uid: 65_534, gid: 65_534, cwd: tmpdir() },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(stdout.trim());
      },
    );
  });
}
