import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';

describe('audit events from GraphQL', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running.stop();
  });

  it('record where the change came from, as REST ones do', async () => {
    const result = await graphql<{ updateSystemSettings: { __typename: string } }>(
      running.url,
      'mutation { updateSystemSettings(input: { displayName: "From GraphQL" }) { __typename } }',
    );
    expect(result.data?.updateSystemSettings.__typename).toMatch(/Success/);
    const response = await running.fetch('/api/audit?event=settings_changed');
    const { events } = (await response.json()) as {
      events: { user: string; ip: string; path: string }[];
    };
    expect(events[0]).toMatchObject({ user: 'api-token', ip: '127.0.0.1', path: '/graphql' });
  });
});
