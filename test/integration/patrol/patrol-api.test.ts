// The patrol over real HTTP: a run on demand over REST on a started app with the demo estate
// on (so Pro is unlocked) and a lab estate with a fault switch, its progress followed over
// server-sent events, and the Pro routes answering 402 on an install without a licence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { addLabNode, startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events off a fetch response, one at a time. */
function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(): Promise<SseEvent> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        return { event: field('event'), data: JSON.parse(field('data') || 'null') };
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

const json = { 'content-type': 'application/json' };

describe('the patrol on a demo install (Pro unlocked while the demo runs)', () => {
  let lab: TestEstate;
  let running: RunningApp;
  let pveId: string;

  beforeAll(async () => {
    lab = await startTestEstate();
    running = await startApp({ PULSE_MOCK_MODE: 'true' });
    pveId = await addLabNode(running, lab.pve);
    await running.app.scheduler.pollNow(pveId);
  });

  afterAll(async () => {
    await running?.stop();
    await lab?.estate.stop();
  });

  it('runs on demand, streams its progress, and reports the faulted node', async () => {
    expect(running.app.sourceManager.demoRunning).toBe(true);
    lab.estate.setFault({ kind: 'node-offline', node: 'pve3' });
    lab.advance(60_000);
    await running.app.scheduler.pollNow(pveId);

    const status = await (await running.fetch('/api/ai/patrol/status')).json();
    expect(status).toMatchObject({ licensed: true, running: false, lastRun: null });

    const following = new AbortController();
    const stream = await running.fetch('/api/ai/patrol/stream', { signal: following.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const next = sseReader(stream);
    // The opening event says the stream is subscribed: a run started now is followed whole.
    expect(await next()).toMatchObject({ event: 'status', data: { licensed: true } });

    const response = await running.fetch('/api/ai/patrol/run', { method: 'POST' });
    expect(response.status).toBe(200);
    const run = (await response.json()) as Record<string, unknown>;
    expect(run).toMatchObject({ trigger: 'manual', status: 'completed', error: null });
    expect(run.newCount).toBe(run.findingsCount);
    expect(Number(run.findingsCount)).toBeGreaterThan(0);

    const phases: string[] = [];
    for (;;) {
      const event = await next();
      expect(event.event).toBe('progress');
      expect(event.data.runId).toBe(run.id);
      phases.push(String(event.data.phase));
      if (event.data.phase === 'completed') {
        expect(event.data.run).toMatchObject({ id: run.id, findingsCount: run.findingsCount });
        break;
      }
    }
    expect(phases).toEqual(['started', 'gathering', 'deterministic', 'merging', 'completed']);
    following.abort();

    const id = `node-offline:${pveId}/node/pve3`;
    const findings = (await (
      await running.fetch('/api/ai/patrol/findings?severity=critical')
    ).json()) as Record<string, unknown>[];
    const offline = findings.find((f) => f.id === id);
    expect(offline).toMatchObject({
      resourceId: `${pveId}/node/pve3`,
      resourceName: 'pve3',
      severity: 'critical',
      state: 'active',
      timesRaised: 1,
      evidence: { values: { status: 'offline' } },
    });
    expect(findings.every((f) => f.severity === 'critical')).toBe(true);

    // Acting on it over REST, then a second run: still one finding, seen twice, still hidden.
    const dismissed = await running.fetch('/api/ai/patrol/dismiss', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ finding_id: id, reason: 'will_fix_later', note: 'maintenance' }),
    });
    expect(await dismissed.json()).toMatchObject({ state: 'dismissed' });
    const again = await (await running.fetch('/api/ai/patrol/run', { method: 'POST' })).json();
    expect(again).toMatchObject({ status: 'completed', newCount: 0 });
    const visible = (await (await running.fetch('/api/ai/patrol/findings')).json()) as {
      id: string;
    }[];
    expect(visible.map((f) => f.id)).not.toContain(id);
    const [kept] = (await (await running.fetch('/api/ai/patrol/dismissed')).json()) as Record<
      string,
      unknown
    >[];
    expect(kept).toMatchObject({ id, timesRaised: 2, dismissedReason: 'will_fix_later' });

    const runs = (await (await running.fetch('/api/ai/patrol/runs')).json()) as { id: string }[];
    expect(runs.map((r) => r.id)).toEqual([again.id, run.id]);

    // The same over GraphQL.
    const { data } = await graphql<{ findings: { data: { id: string; state: string }[] } }>(
      running.url,
      `query ($r: String) {
        findings(filter: { includeDismissed: true, resource: $r }) {
          ... on QueryFindingsSuccess { data { id state } }
        }
      }`,
      { r: `${pveId}/node/pve3` },
    );
    expect(data?.findings).toMatchObject({ data: [{ id, state: 'dismissed' }] });

    // A note over REST (Pulse's route), then reopening over GraphQL shows it again, note kept.
    const noted = await running.fetch('/api/ai/patrol/findings/note', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ finding_id: id, note: 'pve3 is out for a RAM upgrade' }),
    });
    expect(await noted.json()).toMatchObject({ id, userNote: 'pve3 is out for a RAM upgrade' });
    const reopened = await graphql<{
      reopenFinding: { data?: { state: string; userNote: string } };
    }>(
      running.url,
      `mutation ($id: String!) {
        reopenFinding(id: $id) { ... on MutationReopenFindingSuccess { data { state userNote } } }
      }`,
      { id },
    );
    expect(reopened.data?.reopenFinding.data).toEqual({
      state: 'active',
      userNote: 'pve3 is out for a RAM upgrade',
    });
    const shown = (await (await running.fetch('/api/ai/patrol/findings')).json()) as {
      id: string;
    }[];
    expect(shown.map((f) => f.id)).toContain(id);
  });
});

describe('the patrol without a licence', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('answers 402 on the Pro routes and serves the free ones', async () => {
    expect(running.app.sourceManager.demoRunning).toBe(false);
    const run = await running.fetch('/api/ai/patrol/run', { method: 'POST' });
    expect(run.status).toBe(402);
    expect(await run.json()).toEqual({
      error: 'Running the patrol on demand requires Pulse Pro (feature ai_autofix)',
    });
    const stream = await running.fetch('/api/ai/patrol/stream');
    expect(stream.status).toBe(402);
    expect((await stream.json()).error).toMatch(/requires Pulse Pro/);
    expect((await running.fetch('/api/ai/patrol/suppressions')).status).toBe(402);

    expect(await (await running.fetch('/api/ai/patrol/status')).json()).toMatchObject({
      licensed: false,
    });
    expect(await (await running.fetch('/api/ai/patrol/findings')).json()).toEqual([]);

    const { data } = await graphql<{ runPatrol: { __typename: string; feature: string } }>(
      running.url,
      'mutation { runPatrol { __typename ... on PaymentRequiredError { feature } } }',
    );
    expect(data?.runPatrol).toEqual({ __typename: 'PaymentRequiredError', feature: 'ai_autofix' });
  });
});
