import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callWithToken,
  dockerReport,
  hostReport,
  kubernetesReport,
  mintToken,
  postReport,
} from '../../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { makeNode } from '../../fixtures/resources.ts';

let running: RunningApp;
let manageToken: string;

beforeAll(async () => {
  running = await startApp();
  manageToken = (await mintToken(running, ['agent:manage'], 'agent manager')).token;
});
afterAll(() => running?.stop());

const call = (method: string, path: string, token: string, body?: unknown) =>
  callWithToken(running, method, path, token, body);

interface AgentRow {
  id: string;
  hostname: string;
  status: string;
  kinds: string[];
  removedKinds: string[];
  tokenName: string | null;
  reenrollAllowed: boolean;
  linkedNodeId: string | null;
}

async function agent(id: string): Promise<AgentRow | undefined> {
  const answer = await graphql<{ agents: AgentRow[] }>(
    running.url,
    '{ agents { id hostname status kinds removedKinds tokenName reenrollAllowed linkedNodeId } }',
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data?.agents.find((a) => a.id === id);
}

const resourcesOf = (source: string) => running.app.store.all().filter((r) => r.source === source);

async function auditEvents(event: string): Promise<string[]> {
  const answer = await running.fetch(`/api/audit?event=${event}`);
  // Pulse's audit answer carries details as a JSON string.
  const body = (await answer.json()) as { events: { details: string }[] };
  return body.events.map((e) => (JSON.parse(e.details) as { agentId: string }).agentId);
}

describe('agent enrollment', () => {
  it('binds an agent to the token that first reported it', async () => {
    const first = await mintToken(running, ['agent:report'], 'web-01 agent');
    const second = await mintToken(running, ['agent:report'], 'intruder');
    const report = hostReport({ agentId: 'bound-1', hostname: 'web-01' });
    expect((await postReport(running, 'host', first.token, report)).status).toBe(200);

    const stolen = hostReport({ agentId: 'bound-1', hostname: 'somewhere-else' });
    const refused = await postReport(running, 'host', second.token, stolen);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /agent bound-1 is enrolled with another API token.*Settings → Agents/,
    );
    expect(await agent('bound-1')).toMatchObject({
      hostname: 'web-01',
      tokenName: 'web-01 agent',
      status: 'ONLINE',
    });

    // An admin moves it to the new token on purpose; the old one is then refused.
    const allowed = await call('POST', '/api/agents/agent/bound-1/allow-reenroll', manageToken);
    expect(await allowed.json()).toEqual({ success: true, agentId: 'bound-1' });
    expect((await postReport(running, 'host', second.token, stolen)).status).toBe(200);
    expect(await agent('bound-1')).toMatchObject({ tokenName: 'intruder', reenrollAllowed: false });
    expect((await postReport(running, 'host', first.token, report)).status).toBe(409);
    expect(await auditEvents('agent_token_changed')).toContain('bound-1');

    // Rotation: once its token is revoked, the next token takes the agent over by itself.
    const revoked = await running.fetch(`/api/security/tokens/${second.id}`, { method: 'DELETE' });
    expect(revoked.status).toBeLessThan(300);
    expect((await postReport(running, 'host', first.token, report)).status).toBe(200);
    expect(await agent('bound-1')).toMatchObject({ tokenName: 'web-01 agent' });
  });

  it('keeps a removed agent out while it runs, until re-enrollment is allowed', async () => {
    const { token } = await mintToken(running, ['agent:report'], 'removed agent');
    const report = hostReport({ agentId: 'removed-1', hostname: 'old-box' });
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
    expect((await call('DELETE', '/api/agents/host/removed-1', token)).status).toBe(403);

    expect((await call('DELETE', '/api/agents/host/removed-1', manageToken)).status).toBe(200);
    expect(resourcesOf('host-agent:removed-1')).toEqual([]);
    const refused = await postReport(running, 'host', token, report);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /host monitoring of agent removed-1 was removed from Pulse/,
    );
    expect(resourcesOf('host-agent:removed-1')).toEqual([]);
    expect(await agent('removed-1')).toMatchObject({
      status: 'REMOVED',
      kinds: [],
      removedKinds: ['DOCKER', 'HOST', 'KUBERNETES'],
    });
    expect(await auditEvents('agent_removed')).toContain('removed-1');

    const back = await graphql<{ allowAgentReenroll: { __typename: string } }>(
      running.url,
      'mutation { allowAgentReenroll(id: "removed-1") { __typename } }',
    );
    expect(back.data?.allowAgentReenroll.__typename).toBe('MutationAllowAgentReenrollSuccess');
    // Let back, but not heard from since: not online until it reports.
    expect(await agent('removed-1')).toMatchObject({ status: 'OFFLINE', reenrollAllowed: true });
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
    expect(resourcesOf('host-agent:removed-1')).toHaveLength(1);
    expect(await agent('removed-1')).toMatchObject({ status: 'ONLINE', removedKinds: [] });
  });

  it('forgets a removed agent when it is deleted again', async () => {
    const { token } = await mintToken(running, ['agent:report'], 'forgotten');
    const report = hostReport({ agentId: 'forget-1' });
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
    expect((await call('DELETE', '/api/agents/host/forget-1', manageToken)).status).toBe(200);
    expect((await call('DELETE', '/api/agents/host/forget-1', manageToken)).status).toBe(200);
    expect(await agent('forget-1')).toBeUndefined();
    expect((await call('DELETE', '/api/agents/host/forget-1', manageToken)).status).toBe(404);
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
  });

  it('removes a Docker runtime or Kubernetes cluster for their own manage scopes', async () => {
    const reporter = await mintToken(
      running,
      ['agent:report', 'docker:report', 'kubernetes:report'],
      'mixed agent',
    );
    const dockerManager = (await mintToken(running, ['docker:manage'], 'docker manager')).token;
    const kubeManager = (await mintToken(running, ['kubernetes:manage'], 'kube manager')).token;
    const id = 'mixed-1';
    expect(
      (await postReport(running, 'host', reporter.token, hostReport({ agentId: id }))).status,
    ).toBe(200);
    expect(
      (await postReport(running, 'docker', reporter.token, dockerReport({ agentId: id }))).status,
    ).toBe(200);
    expect(
      (await postReport(running, 'kubernetes', reporter.token, kubernetesReport({ agentId: id })))
        .status,
    ).toBe(200);
    const dockerHost = resourcesOf(`docker-agent:${id}`).find((r) => r.type === 'dockerHost');
    expect(dockerHost).toBeDefined();

    // docker:manage reaches Docker only: not the host, not the clusters.
    expect((await call('DELETE', `/api/agents/host/${id}`, dockerManager)).status).toBe(403);
    expect(
      (await call('DELETE', `/api/agents/kubernetes/clusters/${id}`, dockerManager)).status,
    ).toBe(403);
    const removed = await call(
      'DELETE',
      `/api/agents/docker/runtimes/${encodeURIComponent(dockerHost?.id ?? '')}`,
      dockerManager,
    );
    expect(await removed.json()).toEqual({ success: true, agentId: id });
    expect(resourcesOf(`docker-agent:${id}`)).toEqual([]);
    expect(resourcesOf(`host-agent:${id}`)).toHaveLength(1);
    expect(
      (await postReport(running, 'docker', reporter.token, dockerReport({ agentId: id }))).status,
    ).toBe(409);
    expect(
      (await postReport(running, 'host', reporter.token, hostReport({ agentId: id }))).status,
    ).toBe(200);

    const kube = await call('DELETE', `/api/agents/kubernetes/clusters/${id}`, kubeManager);
    expect(kube.status).toBe(200);
    expect(running.app.store.all().filter((r) => r.source.startsWith(`k8s-agent:${id}:`))).toEqual(
      [],
    );
    expect(await agent(id)).toMatchObject({
      status: 'ONLINE',
      kinds: ['HOST'],
      removedKinds: ['DOCKER', 'KUBERNETES'],
    });
    expect((await call('DELETE', `/api/agents/docker/runtimes/${id}`, dockerManager)).status).toBe(
      404,
    );

    const back = await call(
      'POST',
      `/api/agents/docker/runtimes/${id}/allow-reenroll`,
      dockerManager,
    );
    expect(back.status).toBe(200);
    expect(
      (await postReport(running, 'docker', reporter.token, dockerReport({ agentId: id }))).status,
    ).toBe(200);
    expect(await agent(id)).toMatchObject({ removedKinds: ['KUBERNETES'] });
  });

  it('links a host agent to its node when the node is added to Pulse after it', async () => {
    const { token } = await mintToken(running, ['agent:report'], 'early agent');
    const report = hostReport({ agentId: 'early-1', hostname: 'pve8.home.lan' });
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
    expect(await agent('early-1')).toMatchObject({ linkedNodeId: null });

    running.app.store.apply('pve-late', [makeNode('pve8', {}, 'pve-late')]);
    expect((await postReport(running, 'host', token, report)).status).toBe(200);
    expect(await agent('early-1')).toMatchObject({ linkedNodeId: 'pve-late/node/pve8' });
    const host = running.app.store.get('host-agent:early-1/host');
    expect(host?.type === 'host' && host.details.linkedNodeId).toBe('pve-late/node/pve8');
  });

  it('links a host agent to a PVE node, and unlinks it', async () => {
    running.app.store.apply('pve-link', [makeNode('pve9', {}, 'pve-link')]);
    const { token } = await mintToken(running, ['agent:report'], 'link agent');
    expect(
      (await postReport(running, 'host', token, hostReport({ agentId: 'link-1', hostname: 'x' })))
        .status,
    ).toBe(200);
    expect(await agent('link-1')).toMatchObject({ linkedNodeId: null });

    const nodeId = 'pve-link/node/pve9';
    expect(
      (await call('POST', '/api/agents/agent/link', token, { agentId: 'link-1', nodeId })).status,
    ).toBe(403);
    const linked = await call('POST', '/api/agents/host/link', manageToken, {
      hostId: 'link-1',
      nodeId,
    });
    expect(await linked.json()).toEqual({ success: true, agentId: 'link-1' });
    expect(await agent('link-1')).toMatchObject({ linkedNodeId: nodeId });
    // At once, not with the next report: the node's temperature comes from this host.
    const host = running.app.store.get('host-agent:link-1/host');
    expect(host?.type === 'host' && host.details.linkedNodeId).toBe(nodeId);

    const noNode = await call('POST', '/api/agents/agent/link', manageToken, { agentId: 'link-1' });
    expect(noNode.status).toBe(400);
    expect(((await noNode.json()) as { error: string }).error).toBe('nodeId is required');
    const notANode = await call('POST', '/api/agents/agent/link', manageToken, {
      agentId: 'link-1',
      nodeId: 'host-agent:link-1',
    });
    expect(notANode.status).toBe(404);

    const unlinked = await graphql<{ linkAgent: { __typename: string } }>(
      running.url,
      'mutation { linkAgent(id: "link-1", nodeId: null) { __typename } }',
    );
    expect(unlinked.data?.linkAgent.__typename).toBe('MutationLinkAgentSuccess');
    expect(await agent('link-1')).toMatchObject({ linkedNodeId: null });
  });
});
