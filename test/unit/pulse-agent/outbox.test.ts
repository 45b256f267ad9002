import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AgentLoop } from '../../../server/pulse-agent/agent.ts';
import { createLog } from '../../../server/pulse-agent/log.ts';
import { Outbox } from '../../../server/pulse-agent/outbox.ts';
import { Transport } from '../../../server/pulse-agent/transport.ts';

interface Received {
  path: string;
  token: string | undefined;
  body: { n?: number };
  at: number;
}

type Answer = (received: Received, res: ServerResponse) => void;

/** A stand-in for Pulse's report routes that records what arrives and answers as told. */
async function fakePulse(answer: Answer, port = 0) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        path: req.url ?? '',
        token: req.headers['x-api-token'] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { n?: number },
        at: Date.now(),
      };
      received.push(entry);
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  servers.push(server);
  return { received, url: `http://127.0.0.1:${bound}`, port: bound, server };
}

const json = (res: ServerResponse, status: number, body: object) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const accept: Answer = (_r, res) => json(res, 200, { success: true, agentId: 'a', config: {} });

const servers: Server[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function logLines() {
  const lines: string[] = [];
  return { lines, log: createLog('debug', (line) => lines.push(line)) };
}

const fast = { baseMs: 20, capMs: 100, authFloorMs: 300 };

function outboxFor(url: string, options: { capacity?: number; token?: string } = {}) {
  const { lines, log } = logLines();
  const transport = new Transport({ url, token: options.token ?? 'secret-token' });
  const outbox = new Outbox({
    kind: 'host',
    sender: transport,
    log,
    retry: fast,
    ...(options.capacity ? { capacity: options.capacity } : {}),
  });
  cleanups.push(async () => {
    await outbox.stop(0);
    transport.close();
  });
  return { outbox, lines };
}

/** A loopback port with nobody listening (yet). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the outbox', () => {
  it('posts to /api/agents/<kind>/report with X-API-Token', async () => {
    const pulse = await fakePulse(accept);
    const { outbox } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    await vi.waitFor(() => expect(pulse.received).toHaveLength(1));
    expect(pulse.received[0]).toMatchObject({
      path: '/api/agents/host/report',
      token: 'secret-token',
      body: { n: 1 },
    });
    await vi.waitFor(() => expect(outbox.waiting).toBe(0));
  });

  it('says once that Pulse took the first report', async () => {
    const pulse = await fakePulse(accept);
    const { outbox, lines } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    outbox.push(JSON.stringify({ n: 2 }));
    await vi.waitFor(() => expect(pulse.received).toHaveLength(2));
    await vi.waitFor(() => expect(outbox.waiting).toBe(0));
    expect(
      lines.filter((l) => l.includes('INFO  Pulse accepted the first host report')),
    ).toHaveLength(1);
  });

  it('keeps the last reports while Pulse is unreachable and sends them oldest first', async () => {
    const port = await freePort();
    const { outbox, lines } = outboxFor(`http://127.0.0.1:${port}`, { capacity: 3 });
    for (const n of [1, 2, 3, 4, 5]) outbox.push(JSON.stringify({ n }));
    await vi.waitFor(() =>
      expect(lines.some((l) => l.includes(`cannot reach Pulse at http://127.0.0.1:${port}`))).toBe(
        true,
      ),
    );
    expect(lines.some((l) => l.includes('keeping the last 3'))).toBe(true);
    expect(outbox.waiting).toBe(3);

    const pulse = await fakePulse(accept, port);
    await vi.waitFor(() => expect(pulse.received.map((r) => r.body.n)).toEqual([3, 4, 5]));
    await vi.waitFor(() =>
      expect(
        lines.some((l) => l.includes('host reports reach Pulse now (2 older reports were dropped')),
      ).toBe(true),
    );
  });

  it('logs the server error of a 400 and moves on to the next report', async () => {
    const pulse = await fakePulse((received, res) =>
      received.body.n === 1
        ? json(res, 400, {
            error: 'host.hostname: Too small: expected string to have >=1 characters',
          })
        : accept(received, res),
    );
    const { outbox, lines } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    outbox.push(JSON.stringify({ n: 2 }));
    await vi.waitFor(() => expect(pulse.received.map((r) => r.body.n)).toEqual([1, 2]));
    expect(lines.find((l) => l.includes('(400)'))).toMatch(
      /ERROR Pulse refused the host report \(400\): host\.hostname: Too small/,
    );
  });

  it('says the token is wrong on 401 and retries no faster than the auth floor', async () => {
    const pulse = await fakePulse((_r, res) =>
      json(res, 401, { error: 'authentication required' }),
    );
    const { outbox, lines } = outboxFor(pulse.url, { token: 'wrong' });
    outbox.push(JSON.stringify({ n: 1 }));
    await vi.waitFor(() => expect(pulse.received).toHaveLength(2), { timeout: 3_000 });
    const [first, second] = pulse.received as [Received, Received];
    expect(second.at - first.at).toBeGreaterThanOrEqual(fast.authFloorMs - 20);
    expect(lines.find((l) => l.includes('(401)'))).toMatch(
      /did not accept the token \(401\): check --token/,
    );
  });

  it('says the token lacks the scope on 403', async () => {
    const pulse = await fakePulse((_r, res) =>
      json(res, 403, { error: 'missing scope agent:report' }),
    );
    const { outbox, lines } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    await vi.waitFor(() => expect(lines.some((l) => l.includes('(403)'))).toBe(true));
    expect(lines.find((l) => l.includes('(403)'))).toMatch(/token lacks the scope.*agent:report/);
  });

  it("passes Pulse's reason on when it refuses the agent (409), waiting like on 401", async () => {
    const pulse = await fakePulse((_r, res) =>
      json(res, 409, { error: 'agent a1 is enrolled with another API token' }),
    );
    const { outbox, lines } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    await vi.waitFor(() => expect(pulse.received).toHaveLength(2), { timeout: 3_000 });
    const [first, second] = pulse.received as [Received, Received];
    expect(second.at - first.at).toBeGreaterThanOrEqual(fast.authFloorMs - 20);
    expect(lines.find((l) => l.includes('(409)'))).toMatch(
      /Pulse refuses this agent \(409\): agent a1 is enrolled with another API token/,
    );
  });

  it('abandons a request Pulse does not answer when stopped', async () => {
    const pulse = await fakePulse(() => {
      // Never answers.
    });
    const { outbox } = outboxFor(pulse.url);
    outbox.push(JSON.stringify({ n: 1 }));
    await vi.waitFor(() => expect(pulse.received).toHaveLength(1));
    const startedAt = Date.now();
    await outbox.stop(100);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});

describe('HTTPS', () => {
  it('refuses a self-signed Pulse with a hint, and accepts it with --insecure', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
    });
    const received: string[] = [];
    const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      received.push(req.url ?? '');
      req.resume();
      req.on('end', () => accept({ path: '', token: '', body: {}, at: 0 }, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const strict = new Transport({ url, token: 't' });
    const refused = await strict.send('host', '{}', new AbortController().signal);
    strict.close();
    expect(refused).toEqual({
      outcome: 'unreachable',
      message: expect.stringMatching(/TLS certificate is not trusted.*pass --insecure/),
    });

    const insecure = new Transport({ url, token: 't', insecure: true });
    const accepted = await insecure.send('host', '{}', new AbortController().signal);
    expect(accepted).toEqual({ outcome: 'accepted' });
    expect(insecure.localAddress).toBe('127.0.0.1');
    insecure.close();
    expect(received).toEqual(['/api/agents/host/report']);
  });
});

describe('the agent loop', () => {
  it('keeps reporting when another module fails, and takes the interval Pulse asks for', async () => {
    const pulse = await fakePulse((_r, res) =>
      json(res, 200, { success: true, agentId: 'a', config: { intervalSeconds: 2 } }),
    );
    const { lines, log } = logLines();
    const transport = new Transport({ url: pulse.url, token: 't' });
    let dockerCalls = 0;
    const loop = new AgentLoop({
      agentId: 'agent-1',
      intervalSeconds: 1,
      sender: transport,
      log,
      retry: fast,
      sources: [
        {
          kind: 'host',
          label: 'host',
          schema: z.object({ agent: z.object({ id: z.string() }) }),
          collect: async (agent) => ({ agent, n: 1 }),
        },
        {
          kind: 'docker',
          label: 'Docker',
          schema: z.object({}),
          collect: async () => {
            dockerCalls += 1;
            throw new Error('connect ENOENT /var/run/docker.sock');
          },
        },
        {
          kind: 'kubernetes',
          label: 'Kubernetes',
          schema: z.object({ cluster: z.object({ id: z.string().min(1) }) }),
          collect: async () => ({ cluster: { id: '' } }),
        },
      ],
    });
    cleanups.push(async () => {
      await loop.stop(0);
      transport.close();
    });
    loop.start();
    await vi.waitFor(() => expect(pulse.received.length).toBeGreaterThanOrEqual(1));
    expect(pulse.received[0]?.path).toBe('/api/agents/host/report');
    expect(pulse.received[0]?.body).toMatchObject({
      agent: { id: 'agent-1', version: expect.any(String), intervalSeconds: 1 },
    });
    await vi.waitFor(() => expect(loop.intervalSeconds).toBe(2));
    expect(lines.some((l) => l.includes('Pulse asks for a report every 2s (was 1s)'))).toBe(true);
    await vi.waitFor(() => expect(dockerCalls).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    const dockerErrors = lines.filter((l) => l.includes('ERROR Docker: cannot collect a report'));
    expect(dockerErrors).toHaveLength(1);
    expect(dockerErrors[0]).toContain('connect ENOENT /var/run/docker.sock');
    expect(
      lines.some((l) =>
        l.includes("Kubernetes: the report does not fit Pulse's shape at cluster.id"),
      ),
    ).toBe(true);
    expect(pulse.received.every((r) => r.path === '/api/agents/host/report')).toBe(true);
  });
});
