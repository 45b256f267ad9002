import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { makeNode, makeVm } from '../../fixtures/resources.ts';

let running: RunningApp;
const guest = 'pve-a/qemu/101';
const path = `/api/guests/metadata/${encodeURIComponent(guest)}`;

const put = (body: unknown) =>
  running.fetch(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  running = await startApp();
  running.app.store.apply('pve-a', [makeNode('pve1'), makeVm(101, { name: 'pbs-docker' })]);
});
afterAll(() => running?.stop());

describe('guest metadata', () => {
  it('starts empty for a known guest and 404s for an unknown one', async () => {
    const fresh = await running.fetch(path);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toMatchObject({ id: guest, notes: [], tags: [], customUrl: '' });
    const unknown = await running.fetch('/api/guests/metadata/pve-a%2Fqemu%2F999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.stringContaining('no guest') });
  });

  it('keeps notes, tags and a link, lists them keyed by guest, and reads them over GraphQL', async () => {
    const saved = await put({
      notes: ['Runs the PBS in Docker', '  ', 'Runs the PBS in Docker'],
      tags: ['backup'],
      customUrl: 'https://pbs.lan:8007',
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      notes: ['Runs the PBS in Docker'],
      tags: ['backup'],
      customUrl: 'https://pbs.lan:8007/',
      lastKnownName: 'pbs-docker',
      lastKnownType: 'vm',
      updatedBy: 'api-token',
    });
    // A partial change keeps the other fields.
    await put({ description: 'backup box' });
    const list = (await (await running.fetch('/api/guests/metadata')).json()) as Record<
      string,
      { notes: string[]; description: string }
    >;
    expect(list[guest]).toMatchObject({
      notes: ['Runs the PBS in Docker'],
      description: 'backup box',
    });

    const viaGraphql = await graphql<{ guestMetadata: { data: unknown } }>(
      running.url,
      `query ($id: ID!) { guestMetadata(id: $id) {
        ... on QueryGuestMetadataSuccess { data { notes tags } } } }`,
      { id: guest },
    );
    expect(viaGraphql.data?.guestMetadata.data).toEqual({
      notes: ['Runs the PBS in Docker'],
      tags: ['backup'],
    });
  });

  it('refuses a script link and malformed notes with a 400 naming the field', async () => {
    const script = await put({ customUrl: 'javascript:alert(1)' });
    expect(script.status).toBe(400);
    expect(await script.json()).toEqual({ error: expect.stringContaining('customUrl') });
    const notes = await put({ notes: 'not a list' });
    expect(notes.status).toBe(400);
    const typed = await graphql<{ updateGuestMetadata: { __typename: string; field: string } }>(
      running.url,
      `mutation ($id: ID!) { updateGuestMetadata(id: $id, input: { customUrl: "ftp://x" }) {
        __typename ... on ValidationError { field } } }`,
      { id: guest },
    );
    expect(typed.data?.updateGuestMetadata).toEqual({
      __typename: 'ValidationError',
      field: 'customUrl',
    });
  });

  it('deletes, and a second delete is a 404', async () => {
    expect((await running.fetch(path, { method: 'DELETE' })).status).toBe(204);
    expect((await running.fetch(path, { method: 'DELETE' })).status).toBe(404);
    expect(await (await running.fetch(path)).json()).toMatchObject({ notes: [] });
  });
});
