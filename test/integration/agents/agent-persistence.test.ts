import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerReport, hostReport, mintToken, postReport } from '../../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

interface AgentRow {
  id: string;
  kinds: string[];
  hostname: string;
  firstReportAt: string;
  lastReportAt: string;
  status: string;
  config: { commandsEnabled: boolean; intervalSeconds: number | null };
}

const agentsQuery =
  '{ agents { id kinds hostname firstReportAt lastReportAt status config { commandsEnabled intervalSeconds } } }';

async function agents(running: RunningApp): Promise<AgentRow[]> {
  const result = await graphql<{ agents: AgentRow[] }>(running.url, agentsQuery);
  expect(result.errors).toBeUndefined();
  return result.data?.agents ?? [];
}

describe('agents across a restart', () => {
  let dataDir = '';
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the registry, and the resources come back with the next report', async () => {
    const first = await startApp();
    dataDir = first.dataDir;
    const { token: hostToken } = await mintToken(first, ['agent:report', 'docker:report']);
    const dockerToken = hostToken;
    const at = Date.parse('2026-11-23T13:00:00Z');
    expect(
      (await postReport(first, 'host', hostToken, hostReport({ agentId: 'keeper', at }))).status,
    ).toBe(200);
    expect(
      (await postReport(first, 'docker', dockerToken, dockerReport({ agentId: 'keeper' }))).status,
    ).toBe(200);
    const patched = await first.fetch('/api/agents/host/keeper/config', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ commandsEnabled: true }),
    });
    expect(patched.status).toBe(200);
    const before = await agents(first);
    await first.app.stop();

    const second = await startApp({}, { dataDir });
    try {
      // Known, but nothing of it is in the state until it reports again.
      expect(await agents(second)).toEqual(before);
      expect(second.app.store.all().filter((r) => r.source.endsWith(':keeper'))).toEqual([]);

      const again = await postReport(
        second,
        'host',
        hostToken,
        hostReport({ agentId: 'keeper', at: at + 30_000, rx: 20_000_000 }),
      );
      expect(await again.json()).toEqual({
        success: true,
        agentId: 'keeper',
        config: { commandsEnabled: true, intervalSeconds: null },
      });
      const host = second.app.store.get('host-agent:keeper/host');
      // Counters are not kept across a restart: the first report after it has no rates.
      expect(host).toMatchObject({ status: 'online', network: null });
      const [after] = (await agents(second)).filter((a) => a.id === 'keeper');
      expect(after).toMatchObject({
        kinds: ['DOCKER', 'HOST'],
        hostname: 'web-01',
        firstReportAt: before[0]?.firstReportAt,
        status: 'ONLINE',
        config: { commandsEnabled: true },
      });
      expect(Date.parse(after?.lastReportAt ?? '')).toBeGreaterThan(
        Date.parse(before[0]?.lastReportAt ?? ''),
      );
      // Still enrolled with its token: another one cannot report as it after the restart.
      const { token: other } = await mintToken(second, ['agent:report']);
      const refused = hostReport({ agentId: 'keeper', at: at + 60_000 });
      expect((await postReport(second, 'host', other, refused)).status).toBe(409);
    } finally {
      await second.app.stop();
    }
  });
});
