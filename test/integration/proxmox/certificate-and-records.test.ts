import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { systemActor } from '../../../server/access/actor.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { testToken } from '../../fixtures/auth.ts';
import { startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

let lab: TestEstate;
let running: RunningApp;

beforeAll(async () => {
  lab = await startTestEstate();
  running = await startApp();
});
afterAll(async () => {
  await running.stop();
  await lab.estate.stop();
});

describe('pinning a certificate on first use', () => {
  const query = `query ($host: String!) {
    nodeCertificateFingerprint(type: PVE, host: $host) {
      __typename
      ... on QueryNodeCertificateFingerprintSuccess { data }
      ... on ValidationError { message field }
    }
  }`;

  it('reads the fingerprint the host presents', async () => {
    const result = await graphql(running.url, query, { host: lab.pve.host });
    expect(result.data).toEqual({
      nodeCertificateFingerprint: {
        __typename: 'QueryNodeCertificateFingerprintSuccess',
        data: lab.estate.pve[0]?.fingerprint,
      },
    });
  });

  it('says so, on the host field, when nothing answers', async () => {
    const result = await graphql<{
      nodeCertificateFingerprint: { __typename: string; field: string };
    }>(running.url, query, { host: '127.0.0.1:1' });
    expect(result.data?.nodeCertificateFingerprint).toMatchObject({
      __typename: 'ValidationError',
      field: 'host',
    });
  });
});

describe('recordsChanged', () => {
  it('tells a subscriber which record lists a poll changed', async () => {
    const client = createClient({
      url: running.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: testToken },
    });
    const changes: { source: string; kinds: string[] }[] = [];
    client.subscribe<{ recordsChanged: { source: string; kinds: string[] } }>(
      { query: 'subscription { recordsChanged { source kinds } }' },
      {
        next: (result) => {
          if (result.data) changes.push(result.data.recordsChanged);
        },
        error: () => {},
        complete: () => {},
      },
    );
    await vi.waitFor(() => expect(running.app.bus.subscriberCount('records.changed')).toBe(1));
    const credentials = lab.pve.credentials;
    if (credentials.kind !== 'token') throw new Error('expected a token');
    const node = await running.app.services.nodes.add(systemActor, {
      type: 'pve',
      name: 'records',
      host: lab.pve.host,
      tokenId: credentials.tokenId,
      tokenValue: credentials.secret,
      fingerprint: lab.pve.fingerprint,
    });
    await running.app.sourceManager.sync();
    await running.app.scheduler.pollNow(node.id);
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0));
    expect(changes[0]?.source).toBe(node.id);
    expect(changes[0]?.kinds).toEqual(expect.arrayContaining(['backups', 'tasks', 'jobs']));
    await client.dispose();
  });
});
