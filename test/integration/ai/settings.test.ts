import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AiSettings } from '../../../server/ai/ai-settings.entity.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { testToken } from '../../fixtures/auth.ts';
import { type LlmServer, startLlmServer } from '../../fixtures/llm-server.ts';

let app: RunningApp;
let llm: LlmServer;
let deadUrl: string;

beforeAll(async () => {
  llm = await startLlmServer({ models: ['claude-test-1', 'gpt-test-1'] });
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/v1`;
  await new Promise((resolve) => probe.close(resolve));
  app = await startApp();
});
afterAll(async () => {
  await app.stop();
  await llm.close();
});

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function token(scopes: string[]): Promise<Record<string, string>> {
  const response = await app.fetch('/api/security/tokens', json('POST', { name: 'ai', scopes }));
  expect(response.status).toBe(201);
  const { token: value } = (await response.json()) as { token: string };
  return { 'x-api-token': value };
}

describe('AI settings', () => {
  it('answers a chat before AI is set up with a 400 and a code clients can act on', async () => {
    const rest = await app.fetch('/api/ai/execute', json('POST', { prompt: 'hello' }));
    expect(rest.status).toBe(400);
    expect(await rest.json()).toEqual({ error: expect.stringContaining('AI settings') });
    const client = createClient({
      url: app.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: testToken },
    });
    const codes = await new Promise<unknown[]>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { aiChat(input: { message: "hello" }) { __typename } }' },
        {
          next: (result) => resolve((result.errors ?? []).map((e) => e.extensions?.code)),
          // Refused before the first event: graphql-ws hands over the GraphQL errors here.
          error: (errors) =>
            Array.isArray(errors)
              ? resolve(errors.map((e: { extensions?: { code?: unknown } }) => e.extensions?.code))
              : reject(errors),
          complete: () => resolve([]),
        },
      );
    });
    await client.dispose();
    expect(codes).toEqual(['AI_NOT_CONFIGURED']);
  });

  it('round-trips over REST with keys sealed at rest and masked in answers', async () => {
    const before = await app.fetch('/api/settings/ai');
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ enabled: false, patrolIntervalMinutes: 0 });

    const put = await app.fetch(
      '/api/settings/ai/update',
      json('PUT', {
        enabled: true,
        anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
        openai: { apiKey: llm.apiKey, baseUrl: llm.openaiUrl },
        openaiCompatible: [
          { name: 'ollama', baseUrl: llm.openaiUrl, apiKey: llm.apiKey },
          { name: 'badkey', baseUrl: llm.openaiUrl, apiKey: 'sk-wrong' },
          { name: 'offline', baseUrl: deadUrl },
        ],
        model: 'anthropic:claude-test-1',
        chatModel: 'openai:gpt-test-1',
        monthlyBudgetUsd: 25,
      }),
    );
    const text = await put.text();
    expect(put.status, text).toBe(200);
    expect(text).not.toContain(llm.apiKey);
    expect(JSON.parse(text)).toMatchObject({
      enabled: true,
      anthropic: { apiKey: '********', hasApiKey: true, baseUrl: llm.url },
      openaiCompatible: [
        { name: 'ollama', apiKey: '********', hasApiKey: true },
        { name: 'badkey', hasApiKey: true },
        { name: 'offline', apiKey: '', hasApiKey: false },
      ],
      configuredProviders: ['anthropic', 'openai', 'ollama', 'badkey', 'offline'],
      monthlyBudgetUsd: 25,
    });

    const row = await app.app.orm.em.fork().findOneOrFail(AiSettings, { id: 'ai' });
    expect(JSON.stringify(row)).not.toContain(llm.apiKey);
    expect(row.sealedAnthropicKey).toMatch(/^v1:/);
    const database = readFileSync(join(app.dataDir, 'pulse.db'));
    expect(database.includes(llm.apiKey)).toBe(false);

    // Sending the mask back keeps the keys; the models still list.
    const again = await app.fetch(
      '/api/settings/ai/update',
      json('POST', { anthropic: { apiKey: '********' }, patrolIntervalMinutes: 60 }),
    );
    expect(again.status).toBe(200);
    const models = await app.fetch('/api/ai/models');
    const listing = (await models.json()) as {
      models: { id: string }[];
      providers: { provider: string; ok: boolean; reason: string | null }[];
    };
    expect(listing.models.map((m) => m.id)).toEqual(
      expect.arrayContaining(['anthropic:claude-test-1', 'openai:gpt-test-1', 'ollama:gpt-test-1']),
    );
    const reasons = Object.fromEntries(listing.providers.map((p) => [p.provider, p.reason]));
    expect(reasons).toEqual({
      anthropic: null,
      openai: null,
      ollama: null,
      badkey: 'bad_key',
      offline: 'unreachable',
    });

    const audit = await app.fetch('/api/audit?event=ai_settings_changed');
    const auditText = await audit.text();
    expect(auditText).toContain('ai_settings_changed');
    expect(auditText).not.toContain(llm.apiKey);
  });

  it('round-trips over GraphQL with typed validation errors', async () => {
    const settings =
      '{ enabled model anthropic { apiKey hasApiKey } patrolIntervalMinutes monthlyBudgetUsd }';
    const result = (success: string) =>
      `{ __typename ... on Error { code message } ... on ${success} { data ${settings} } }`;
    const fields = result('MutationUpdateAiSettingsSuccess');
    const bad = await graphql<{ updateAiSettings: { __typename: string; code: string } }>(
      app.url,
      `mutation { updateAiSettings(input: { model: "nobody:x" }) ${fields} }`,
    );
    expect(bad.data?.updateAiSettings).toMatchObject({ __typename: 'ValidationError' });

    const done = await graphql<{ updateAiSettings: { data: Record<string, unknown> } }>(
      app.url,
      `mutation { updateAiSettings(input: { patrolIntervalMinutes: 30, clearMonthlyBudget: true }) ${fields} }`,
    );
    expect(done.data?.updateAiSettings.data).toMatchObject({
      anthropic: { apiKey: '********', hasApiKey: true },
      patrolIntervalMinutes: 30,
      monthlyBudgetUsd: null,
    });
    const read = await graphql<{ aiSettings: { data: Record<string, unknown> } }>(
      app.url,
      `{ aiSettings ${result('QueryAiSettingsSuccess')} }`,
    );
    expect(read.data?.aiSettings.data).toMatchObject({ model: 'anthropic:claude-test-1' });
    const models = await graphql<{
      aiModels: {
        data: { models: { id: string }[]; providers: { provider: string; reason: string }[] };
      };
    }>(
      app.url,
      '{ aiModels { ... on QueryAiModelsSuccess { data { models { id } providers { provider reason } } } } }',
    );
    expect(models.data?.aiModels.data.models.map((m) => m.id)).toContain('anthropic:claude-test-1');
    expect(models.data?.aiModels.data.providers).toContainEqual({
      provider: 'offline',
      reason: 'unreachable',
    });
  });

  it('lets an ai:chat token list models but not read or change the settings', async () => {
    const chat = await token(['ai:chat']);
    expect((await fetch(`${app.url}/api/ai/models`, { headers: chat })).status).toBe(200);
    expect((await fetch(`${app.url}/api/settings/ai`, { headers: chat })).status).toBe(403);
    const change = await fetch(`${app.url}/api/settings/ai/update`, {
      ...json('PUT', { enabled: false }),
      headers: { ...chat, 'content-type': 'application/json' },
    });
    expect(change.status).toBe(403);
    const viaGraphql = await graphql<{ updateAiSettings: { __typename: string } }>(
      app.url,
      'mutation { updateAiSettings(input: { enabled: false }) { __typename } }',
      {},
      chat,
    );
    expect(viaGraphql.data?.updateAiSettings.__typename).toBe('ForbiddenError');
    const read = await app.fetch('/api/settings/ai');
    expect(await read.json()).toMatchObject({ enabled: true });
  });
});
