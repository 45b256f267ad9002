import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../server/access/actor.ts';
import type { ResourceChange } from '../../../server/resources/store.ts';
import { dockerReport, hostReport, mintToken, postReport } from '../../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

let running: RunningApp;
let hostToken: string;
let dockerToken: string;

beforeAll(async () => {
  running = await startApp();
  hostToken = (await mintToken(running, ['agent:report', 'docker:report'])).token;
  dockerToken = hostToken;
});
afterAll(() => running?.stop());

const lastReportAt = async (id: string) =>
  (await running.app.services.agents.get(systemActor, id)).lastReportAt.getTime();

async function agentStatus(id: string): Promise<string | undefined> {
  const result = await graphql<{ agents: { id: string; status: string }[] }>(
    running.url,
    '{ agents { id status } }',
  );
  return result.data?.agents.find((a) => a.id === id)?.status;
}

const statuses = (source: string) =>
  running.app.store
    .all()
    .filter((r) => r.source === source)
    .map((r) => r.status);

describe('agents that stop reporting', () => {
  it('go stale when a report is late, then offline after three missed intervals', async () => {
    expect(
      (await postReport(running, 'host', hostToken, hostReport({ agentId: 'quiet' }))).status,
    ).toBe(200);
    expect(
      (await postReport(running, 'docker', dockerToken, dockerReport({ agentId: 'quiet' }))).status,
    ).toBe(200);
    const hostSeenAt = running.app.store.get('host-agent:quiet/host')?.lastSeenAt;
    const reportedAt = await lastReportAt('quiet');
    const interval = 30_000;
    const liveness = running.app.agentLiveness;

    liveness.sweep(reportedAt + interval * 1.2);
    expect(await agentStatus('quiet')).toBe('ONLINE');

    liveness.sweep(reportedAt + interval * 2);
    expect(await agentStatus('quiet')).toBe('STALE');
    expect(statuses('host-agent:quiet')).toEqual(['online']);

    const changes: ResourceChange[] = [];
    const unsubscribe = running.app.bus.subscribe('resources.changed', (c) => changes.push(c));
    liveness.sweep(reportedAt + interval * 3 + 1_000);
    unsubscribe();
    expect(await agentStatus('quiet')).toBe('OFFLINE');
    // Kept, marked offline, seen last when the agent last reported.
    const host = running.app.store.get('host-agent:quiet/host');
    expect(host).toMatchObject({
      status: 'offline',
      cpu: null,
      network: null,
      lastSeenAt: hostSeenAt,
    });
    expect(host?.memory).not.toBeNull();
    expect(new Set(statuses('docker-agent:quiet'))).toEqual(new Set(['offline']));
    expect(changes.map((c) => c.source).sort()).toEqual(['docker-agent:quiet', 'host-agent:quiet']);

    // Sweeping again changes nothing more.
    const version = running.app.store.version;
    liveness.sweep(reportedAt + interval * 10);
    expect(running.app.store.version).toBe(version);

    // The next report brings it back.
    expect(
      (await postReport(running, 'host', hostToken, hostReport({ agentId: 'quiet' }))).status,
    ).toBe(200);
    expect(statuses('host-agent:quiet')).toEqual(['online']);
    expect(await agentStatus('quiet')).toBe('ONLINE');
  });

  it('expects reports at the configured interval once the agent has it', async () => {
    expect(
      (await postReport(running, 'host', hostToken, hostReport({ agentId: 'fast' }))).status,
    ).toBe(200);
    const patched = await running.fetch('/api/agents/host/fast/config', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ intervalSeconds: 10 }),
    });
    expect(patched.status).toBe(200);
    // The agent learns it from the response to its next report.
    const next = await postReport(running, 'host', hostToken, hostReport({ agentId: 'fast' }));
    expect(await next.json()).toMatchObject({ config: { intervalSeconds: 10 } });
    const reportedAt = await lastReportAt('fast');
    running.app.agentLiveness.sweep(reportedAt + 31_000);
    expect(statuses('host-agent:fast')).toEqual(['offline']);
  });
});
