import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import { maxReportBytes } from '../../../server/agents/reports.ts';
import { dockerReport, hostReport, mintToken, postReport } from '../../fixtures/agent-reports.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let running: RunningApp;
let hostToken: string;

beforeAll(async () => {
  running = await startApp();
  hostToken = (await mintToken(running, ['agent:report'])).token;
});
afterAll(() => running?.stop());

/** The state and the registry, to show a refused report left nothing behind. */
async function snapshot() {
  const agents = await running.app.services.agents.list(systemActor);
  return {
    version: running.app.store.version,
    resources: running.app.store.all().length,
    agents: agents.map((a) => `${a.id}@${a.lastReportAt.getTime()}`).sort(),
  };
}

async function expectRefused(response: Response, status: number, error: RegExp | string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string };
  expect(body.error).toMatch(error);
}

describe('refused reports', () => {
  it('answers 400 naming the bad field, and keeps nothing of the report', async () => {
    const before = await snapshot();
    const noHostname = hostReport({ agentId: 'bad-1' });
    noHostname.host.hostname = '';
    await expectRefused(
      await postReport(running, 'host', hostToken, noHostname),
      400,
      /^host\.hostname: /,
    );

    const { metrics: _dropped, ...noMetrics } = hostReport({ agentId: 'bad-2' });
    await expectRefused(await postReport(running, 'host', hostToken, noMetrics), 400, /^metrics: /);

    const { token: dockerToken } = await mintToken(running, ['docker:report']);
    const badContainer = dockerReport({ agentId: 'bad-3' });
    const [first] = badContainer.containers;
    if (first) first.cpuPercent = -5;
    await expectRefused(
      await postReport(running, 'docker', dockerToken, badContainer),
      400,
      /^containers\.0\.cpuPercent: /,
    );

    const twice = dockerReport({ agentId: 'bad-4' });
    const [original] = twice.containers;
    if (original) twice.containers.push({ ...original, name: 'copy' });
    await expectRefused(await postReport(running, 'docker', dockerToken, twice), 400, /twice/);

    await expectRefused(
      await postReport(running, 'host', hostToken, '{"agent": '),
      400,
      /malformed JSON/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('takes reports over the general 1 MiB limit, and refuses one over 8 MiB with 413', async () => {
    const { token } = await mintToken(running, ['docker:report']);
    const big = dockerReport({ agentId: 'big-docker' });
    const [template] = big.containers;
    big.containers = Array.from({ length: 2_000 }, (_, i) => ({
      ...(template as (typeof big.containers)[number]),
      id: `${i}`.padStart(64, '0'),
      name: `c${i}`,
      labels: { note: 'x'.repeat(1_000) },
    }));
    const body = JSON.stringify(big);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const taken = await postReport(running, 'docker', token, body);
    expect(taken.status).toBe(200);
    expect(
      running.app.store.all().filter((r) => r.source === 'docker-agent:big-docker'),
    ).toHaveLength(2_001);

    const before = await snapshot();
    const huge = { ...hostReport({ agentId: 'huge' }), padding: 'x'.repeat(maxReportBytes) };
    await expectRefused(
      await postReport(running, 'host', hostToken, huge),
      413,
      /larger than 8 MiB/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('answers 403 to a token without the scope for that kind of report', async () => {
    const before = await snapshot();
    const { token: dockerToken } = await mintToken(running, ['docker:report']);
    const { token: readToken } = await mintToken(running, ['monitoring:read']);
    const { token: manageToken } = await mintToken(running, ['agent:manage']);
    const report = hostReport({ agentId: 'wrong-scope' });
    await expectRefused(
      await postReport(running, 'host', dockerToken, report),
      403,
      /host agent reports/,
    );
    await expectRefused(await postReport(running, 'agent', readToken, report), 403, /not allowed/);
    await expectRefused(await postReport(running, 'host', manageToken, report), 403, /not allowed/);
    await expectRefused(
      await postReport(running, 'docker', hostToken, dockerReport({ agentId: 'wrong-scope' })),
      403,
      /docker agent reports/,
    );
    // A bad body from a caller who may not report is still a 403: access is checked first.
    await expectRefused(await postReport(running, 'kubernetes', hostToken, {}), 403, /kubernetes/);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 401 once the token is revoked, and the agent keeps its last report', async () => {
    const { id, token } = await mintToken(running, ['agent:report']);
    const at = Date.parse('2026-11-23T12:00:00Z');
    expect(
      (await postReport(running, 'host', token, hostReport({ agentId: 'revoked', at }))).status,
    ).toBe(200);
    const revoked = await running.fetch(`/api/security/tokens/${id}`, { method: 'DELETE' });
    expect(revoked.status).toBeLessThan(300);

    const before = await snapshot();
    const resource = running.app.store.get('host-agent:revoked/host');
    const later = hostReport({ agentId: 'revoked', hostname: 'renamed', at: at + 30_000 });
    await expectRefused(await postReport(running, 'host', token, later), 401, /authentication/);
    await expectRefused(
      await postReport(running, 'host', 'not-a-token', later),
      401,
      /authentication/,
    );
    expect(await snapshot()).toEqual(before);
    expect(running.app.store.get('host-agent:revoked/host')).toBe(resource);
  });
});
