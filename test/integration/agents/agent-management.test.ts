import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWithToken, hostReport, mintToken, postReport } from '../../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { makeNode } from '../../fixtures/resources.ts';

let running: RunningApp;
let agentToken: string;
let manageToken: string;

beforeAll(async () => {
  running = await startApp();
  agentToken = (await mintToken(running, ['agent:report'])).token;
  manageToken = (await mintToken(running, ['agent:manage'])).token;
});
afterAll(() => running?.stop());

const call = (method: string, path: string, token: string, body?: unknown) =>
  callWithToken(running, method, path, token, body);

const sourceResources = (source: string) =>
  running.app.store.all().filter((r) => r.source === source);

describe('agent management', () => {
  it('looks an agent up by id or host name, as its installer does', async () => {
    const report = hostReport({ agentId: 'mgmt-1', hostname: 'mgmt-host.example.lan' });
    expect((await postReport(running, 'host', agentToken, report)).status).toBe(200);

    const byId = await call('GET', '/api/agents/host/lookup?id=mgmt-1', agentToken);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toMatchObject({
      success: true,
      host: {
        id: 'mgmt-1',
        hostname: 'mgmt-host.example.lan',
        status: 'online',
        connected: true,
        agentVersion: '5.1.0',
        kinds: ['host'],
      },
    });
    const byName = await call('GET', '/api/agents/agent/lookup?hostname=MGMT-HOST', agentToken);
    expect(await byName.json()).toMatchObject({ host: { id: 'mgmt-1' } });
    expect((await call('GET', '/api/agents/host/lookup?hostname=nope', agentToken)).status).toBe(
      404,
    );
    const neither = await call('GET', '/api/agents/host/lookup', agentToken);
    expect(neither.status).toBe(400);
  });

  it('serves the remote config to the agent and changes it for managers', async () => {
    const read = await call('GET', '/api/agents/host/mgmt-1/config', agentToken);
    expect(await read.json()).toEqual({
      agentId: 'mgmt-1',
      config: { commandsEnabled: false, intervalSeconds: null },
    });
    const { token: configReader } = await mintToken(running, ['agent:config:read']);
    expect((await call('GET', '/api/agents/agent/mgmt-1/config', configReader)).status).toBe(200);
    const { token: dockerToken } = await mintToken(running, ['docker:report']);
    expect((await call('GET', '/api/agents/host/mgmt-1/config', dockerToken)).status).toBe(403);
    expect((await call('PATCH', '/api/agents/host/mgmt-1/config', agentToken, {})).status).toBe(
      403,
    );

    const patched = await call('PATCH', '/api/agents/host/mgmt-1/config', manageToken, {
      commandsEnabled: true,
      intervalSeconds: 60,
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({
      success: true,
      agentId: 'mgmt-1',
      config: { commandsEnabled: true, intervalSeconds: 60 },
    });
    const tooOften = await call('PATCH', '/api/agents/host/mgmt-1/config', manageToken, {
      intervalSeconds: 1,
    });
    expect(tooOften.status).toBe(400);
    expect(((await tooOften.json()) as { error: string }).error).toMatch(/^intervalSeconds: /);
    const unknownField = await call('PATCH', '/api/agents/host/mgmt-1/config', manageToken, {
      commands: true,
    });
    expect(((await unknownField.json()) as { error: string }).error).toMatch(
      /unknown field commands/,
    );
    expect((await call('PATCH', '/api/agents/host/nope/config', manageToken, {})).status).toBe(404);

    // The agent picks the change up from its next report's answer.
    const next = await postReport(
      running,
      'host',
      agentToken,
      hostReport({ agentId: 'mgmt-1', hostname: 'mgmt-host.example.lan' }),
    );
    expect(await next.json()).toMatchObject({
      config: { commandsEnabled: true, intervalSeconds: 60 },
    });

    const viaGraphql = await graphql<{
      updateAgentConfig: {
        __typename: string;
        data?: { config: unknown; intervalSeconds: number };
      };
    }>(
      running.url,
      `mutation { updateAgentConfig(id: "mgmt-1", input: { commandsEnabled: false, intervalSeconds: null }) {
         __typename ... on MutationUpdateAgentConfigSuccess { data { intervalSeconds config { commandsEnabled intervalSeconds } } } } }`,
    );
    expect(viaGraphql.data?.updateAgentConfig).toEqual({
      __typename: 'MutationUpdateAgentConfigSuccess',
      data: { intervalSeconds: 30, config: { commandsEnabled: false, intervalSeconds: null } },
    });
    const missing = await graphql<{ updateAgentConfig: { __typename: string } }>(
      running.url,
      'mutation { updateAgentConfig(id: "nope", input: {}) { __typename } }',
    );
    expect(missing.data?.updateAgentConfig.__typename).toBe('NotFoundError');
  });

  it('links a host agent on a PVE node to it, and an unlink sticks', async () => {
    running.app.store.apply('pve-a', [makeNode('pve7')]);
    const report = hostReport({ agentId: 'on-node', hostname: 'pve7.lan' });
    expect((await postReport(running, 'host', agentToken, report)).status).toBe(200);
    const linked = await call('GET', '/api/agents/host/lookup?id=on-node', agentToken);
    expect(await linked.json()).toMatchObject({ host: { linkedNodeId: 'pve-a/node/pve7' } });

    expect(
      (await call('POST', '/api/agents/host/unlink', agentToken, { agentId: 'on-node' })).status,
    ).toBe(403);
    const unlinked = await call('POST', '/api/agents/host/unlink', manageToken, {
      hostId: 'on-node',
    });
    expect(await unlinked.json()).toEqual({ success: true, agentId: 'on-node' });
    await postReport(running, 'host', agentToken, report);
    const after = await call('GET', '/api/agents/host/lookup?id=on-node', agentToken);
    expect(await after.json()).toMatchObject({ host: { linkedNodeId: null } });
    const unknown = await call('POST', '/api/agents/agent/unlink', manageToken, {
      agentId: 'nope',
    });
    expect(unknown.status).toBe(404);
  });

  it('lets an agent unregister itself, and only itself, taking its resources along', async () => {
    const { token: otherAgent } = await mintToken(running, ['agent:report']);
    const refused = await call('POST', '/api/agents/host/uninstall', otherAgent, {
      agentId: 'mgmt-1',
    });
    expect(refused.status).toBe(403);
    expect(sourceResources('host-agent:mgmt-1')).toHaveLength(1);

    const done = await call('POST', '/api/agents/host/uninstall', agentToken, {
      hostname: 'mgmt-host.example.lan',
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ success: true, agentId: 'mgmt-1' });
    expect(sourceResources('host-agent:mgmt-1')).toEqual([]);
    expect((await call('GET', '/api/agents/host/lookup?id=mgmt-1', agentToken)).status).toBe(404);
    const again = await call('POST', '/api/agents/host/uninstall', agentToken, {
      agentId: 'mgmt-1',
    });
    expect(again.status).toBe(404);
    const noBody = await call('POST', '/api/agents/host/uninstall', agentToken, {});
    expect(noBody.status).toBe(400);
  });

  it('deletes agents for managers over REST and GraphQL', async () => {
    for (const id of ['gone-1', 'gone-2']) {
      expect(
        (await postReport(running, 'host', agentToken, hostReport({ agentId: id }))).status,
      ).toBe(200);
    }
    expect((await call('DELETE', '/api/agents/host/gone-1', agentToken)).status).toBe(403);
    const deleted = await call('DELETE', '/api/agents/agent/gone-1', manageToken);
    expect(deleted.status).toBe(200);
    expect(sourceResources('host-agent:gone-1')).toEqual([]);
    expect((await call('DELETE', '/api/agents/host/nope', manageToken)).status).toBe(404);

    const viaGraphql = await graphql<{ deleteAgent: { __typename: string; data?: boolean } }>(
      running.url,
      'mutation { deleteAgent(id: "gone-2") { __typename ... on MutationDeleteAgentSuccess { data } } }',
    );
    expect(viaGraphql.data?.deleteAgent).toEqual({
      __typename: 'MutationDeleteAgentSuccess',
      data: true,
    });
    expect(sourceResources('host-agent:gone-2')).toEqual([]);
    const list = await graphql<{ agents: { id: string; status: string }[] }>(
      running.url,
      '{ agents { id status } }',
    );
    expect(list.data?.agents.find((a) => a.id === 'gone-2')).toEqual({
      id: 'gone-2',
      status: 'REMOVED',
    });
    const viewer = await graphql<{ deleteAgent: { __typename: string } }>(
      running.url,
      'mutation { deleteAgent(id: "on-node") { __typename } }',
      {},
      { 'x-api-token': agentToken },
    );
    expect(viewer.data?.deleteAgent.__typename).toBe('ForbiddenError');
  });
});
