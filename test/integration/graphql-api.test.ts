import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

describe('GraphQL queries and mutations', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    running.app.store.apply('pve-a', [
      makeNode('pve1'),
      makeVm(100, { name: 'web', tags: ['prod'] }),
      makeVm(101, { name: 'db', status: 'stopped' }),
    ]);
  });
  afterAll(async () => {
    await running.stop();
  });

  it('answers health and version', async () => {
    const result = await graphql(
      running.url,
      '{ health { status databaseOk } version { runtime } }',
    );
    expect(result).toEqual({
      data: { health: { status: 'healthy', databaseOk: true }, version: { runtime: 'node' } },
    });
  });

  it('lists resources through the interface with per-type fragments', async () => {
    const result = await graphql<{ resources: Record<string, unknown>[] }>(
      running.url,
      `{ resources {
          __typename id name status memory { usedBytes totalBytes fraction }
          ... on Node { pveVersion loadAverage }
          ... on VirtualMachine { vmid node }
        } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.resources.map((r) => r.__typename)).toEqual([
      'Node',
      'VirtualMachine',
      'VirtualMachine',
    ]);
    expect(result.data?.resources[0]).toMatchObject({ pveVersion: 'pve-manager/8.3.0' });
    expect(result.data?.resources[0]?.memory).toEqual({
      usedBytes: 8 * 1024 ** 3,
      totalBytes: 32 * 1024 ** 3,
      fraction: 0.25,
    });
    expect(result.data?.resources[2]).toMatchObject({ name: 'web', vmid: 100, node: 'pve1' });
  });

  it('filters resources and resolves one by id with its parent', async () => {
    const result = await graphql<{
      resources: { name: string }[];
      resource: { name: string; parent: { name: string } } | null;
      missing: null;
    }>(
      running.url,
      `{ resources(filter: { types: [VM], statuses: [RUNNING], tag: "prod" }) { name }
         resource(id: "pve-a/qemu/101") { name parent { name } }
         missing: resource(id: "nope") { id } }`,
    );
    expect(result.data).toEqual({
      resources: [{ name: 'web' }],
      resource: { name: 'db', parent: { name: 'pve1' } },
      missing: null,
    });
  });

  it('returns a typed ValidationError from a mutation given bad input, saving nothing', async () => {
    const mutation = `mutation ($name: String) {
      updateSystemSettings(input: { displayName: $name }) {
        __typename
        ... on MutationUpdateSystemSettingsSuccess { data { displayName } }
        ... on ValidationError { message field code }
      }
    }`;
    const bad = await graphql(running.url, mutation, { name: 'x'.repeat(65) });
    expect(bad.data).toEqual({
      updateSystemSettings: {
        __typename: 'ValidationError',
        message: 'displayName must be 1 to 64 characters',
        field: 'displayName',
        code: 'VALIDATION',
      },
    });
    const good = await graphql(running.url, mutation, { name: 'Rack 2' });
    expect(good.data).toEqual({
      updateSystemSettings: {
        __typename: 'MutationUpdateSystemSettingsSuccess',
        data: { displayName: 'Rack 2' },
      },
    });
  });

  it('rejects an invalid query with a GraphQL error, not a crash', async () => {
    const result = await graphql(running.url, '{ resources { nope } }');
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });

  it('does not serve GraphiQL in production', async () => {
    const response = await running.fetch(`/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/graphiql/i);
  });
});

describe('GraphQL with credentials configured', () => {
  const token = 'graphql-token-0123456789abcdef';
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ API_TOKENS: token });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('answers UNAUTHENTICATED to an anonymous query and data to a token holder', async () => {
    const anonymous = await graphql(running.url, '{ resources { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const withToken = await graphql(
      running.url,
      '{ resources { id } }',
      {},
      { 'x-api-token': token },
    );
    expect(withToken).toEqual({ data: { resources: [] } });
  });

  it('returns UnauthenticatedError as a typed mutation result', async () => {
    const result = await graphql(
      running.url,
      `mutation { updateSystemSettings(input: { displayName: "x" }) { __typename } }`,
    );
    expect(result.data).toEqual({ updateSystemSettings: { __typename: 'UnauthenticatedError' } });
  });
});
