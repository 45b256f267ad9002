import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';
import { testToken } from '../fixtures/auth.ts';
import { makeNode, makeVm } from '../fixtures/resources.ts';

let running: RunningApp;
const now = Date.now();

beforeAll(async () => {
  running = await startApp();
  // Six polls ten seconds apart, CPU climbing 0.1 → 0.6.
  for (let i = 0; i < 6; i += 1) {
    const at = now - (5 - i) * 10_000;
    running.app.store.apply('pve-a', [
      makeNode('pve1', { lastSeenAt: at }),
      makeVm(100, { cpu: (i + 1) / 10, lastSeenAt: at }),
      makeVm(101, { cpu: 0.5, lastSeenAt: at }),
    ]);
  }
  await running.app.metricsRecorder.maintain();
});
afterAll(async () => {
  await running.stop();
});

describe('metrics history over GraphQL', () => {
  it('serves a resource series with min, max and average per bucket', async () => {
    const result = await graphql<{
      resource: { history: { min: number; max: number; avg: number }[] };
    }>(
      running.url,
      '{ resource(id: "pve-a/qemu/100") { history(metric: "cpu", range: "5m") { t min max avg } } }',
    );
    const points = result.data?.resource.history ?? [];
    expect(points.length).toBeGreaterThan(0);
    expect(Math.min(...points.map((p) => p.min))).toBeCloseTo(0.1);
    expect(Math.max(...points.map((p) => p.max))).toBeCloseTo(0.6);
  });

  it('serves many resources in one batch, empty for one without history', async () => {
    const result = await graphql<{
      metricsHistory: { resourceId: string; points: { avg: number }[] }[];
    }>(
      running.url,
      `{ metricsHistory(resourceIds: ["pve-a/qemu/100", "pve-a/qemu/101", "nope"], metric: "cpu", range: "15m") {
          resourceId points { avg } } }`,
    );
    const byId = new Map(result.data?.metricsHistory.map((s) => [s.resourceId, s.points]));
    expect(byId.get('pve-a/qemu/101')?.every((p) => p.avg === 0.5)).toBe(true);
    expect(byId.get('nope')).toEqual([]);
  });

  it('rejects an unknown metric or range with a VALIDATION error', async () => {
    const badMetric = await graphql(
      running.url,
      '{ metricsHistory(resourceIds: [], metric: "heat", range: "1h") { resourceId } }',
    );
    expect(badMetric.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    const badRange = await graphql(
      running.url,
      '{ resource(id: "pve-a/qemu/100") { history(metric: "cpu", range: "2w") { avg } } }',
    );
    expect(badRange.errors?.[0]?.message).toMatch(/unknown range "2w"/);
  });
});

describe('metricsSampled over graphql-ws', () => {
  it("delivers each poll's readings of the watched resources and metrics only", async () => {
    const client = createClient({
      url: running.graphqlWsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: testToken },
    });
    const listeners = running.app.bus.subscriberCount('resources.sampled');
    type Sampled = { at: string; samples: { resourceId: string; metric: string; value: number }[] };
    const received: Sampled[] = [];
    const dispose = client.subscribe<{ metricsSampled: Sampled }>(
      {
        query: `subscription { metricsSampled(resourceIds: ["pve-a/qemu/100"], metrics: ["cpu"]) {
          at samples { resourceId metric value } } }`,
      },
      {
        next: (result) => {
          if (result.data) received.push(result.data.metricsSampled);
        },
        error: () => {},
        complete: () => {},
      },
    );
    await vi.waitFor(() =>
      expect(running.app.bus.subscriberCount('resources.sampled')).toBe(listeners + 1),
    );
    const at = Date.now();
    // A poll without the watched guest is skipped; the next one carries its CPU only.
    running.app.store.apply('pve-b', [makeNode('pve9', { lastSeenAt: at }, 'pve-b')]);
    running.app.store.apply('pve-a', [
      makeNode('pve1', { lastSeenAt: at }),
      makeVm(100, { cpu: 0.75, lastSeenAt: at }),
      makeVm(101, { cpu: 0.5, lastSeenAt: at }),
    ]);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.samples).toEqual([
      { resourceId: 'pve-a/qemu/100', metric: 'cpu', value: 0.75 },
    ]);
    expect(Date.parse(received[0]?.at ?? '')).toBe(at);
    dispose();
    await client.dispose();
    running.app.store.apply('pve-b', []);
  });
});

describe('metrics history over REST', () => {
  it('GET /api/metrics-store/history answers points, and 400 for bad input', async () => {
    const ok = await running.fetch(
      `/api/metrics-store/history?resource=pve-a/qemu/100&metric=cpu&range=1h`,
    );
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { points: { timestamp: number; value: number }[] };
    expect(body.points.length).toBeGreaterThan(0);
    expect(body.points[0]).toEqual(
      expect.objectContaining({ timestamp: expect.any(Number), value: expect.any(Number) }),
    );
    for (const query of [
      'resource=pve-a/qemu/100&metric=cpu&range=forever',
      'resource=x&metric=heat',
      'metric=cpu',
    ]) {
      const bad = await running.fetch(`/api/metrics-store/history?${query}`);
      expect(bad.status, query).toBe(400);
      expect(await bad.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('GET /api/charts returns every guest and node with its series, and 400 for a bad range', async () => {
    const response = await running.fetch(`/api/charts?range=1h`);
    const body = (await response.json()) as {
      data: Record<string, { cpu: unknown[]; memory: unknown[] }>;
    };
    expect(Object.keys(body.data).sort()).toEqual([
      'pve-a/node/pve1',
      'pve-a/qemu/100',
      'pve-a/qemu/101',
    ]);
    expect(body.data['pve-a/qemu/100']?.cpu.length).toBeGreaterThan(0);
    expect((await running.fetch(`/api/charts?range=decade`)).status).toBe(400);
  });

  it('GET /api/metrics-store/stats counts series and samples', async () => {
    const stats = (await (await running.fetch(`/api/metrics-store/stats`)).json()) as {
      series: number;
      rows: { raw: number };
    };
    expect(stats.series).toBeGreaterThan(3);
    expect(stats.rows.raw).toBeGreaterThanOrEqual(18);
  });
});
