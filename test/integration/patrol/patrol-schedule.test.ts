// The patrol service on its own: the schedule from the interval setting (0 = off), one run at a
// time, and the LLM hook's findings merged by id. The clock is the lab's; the schedule's tick
// is short, and the test waits for the run's events rather than for time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../../../server/errors.ts';
import { EventBus } from '../../../server/events/bus.ts';
import { LicenseService } from '../../../server/license/license.service.ts';
import { createLogger } from '../../../server/log/logger.ts';
import type { PatrolInputs } from '../../../server/patrol/inputs.ts';
import { type PatrolProgress, PatrolService } from '../../../server/patrol/patrol.service.ts';
import {
  admin,
  type FindingsLab,
  finding,
  openFindingsLab,
  viewer,
} from './findings-store.fixture.ts';

const emptyEstate: PatrolInputs = {
  resources: [],
  records: { backups: [], snapshots: [], tasks: [], jobs: [] },
  history: { usage: new Map(), memory: new Map() },
};

let lab: FindingsLab;
let bus: EventBus;
let interval: number;
let patrol: PatrolService;
const events: PatrolProgress[] = [];

beforeEach(async () => {
  lab = await openFindingsLab();
  bus = new EventBus();
  events.length = 0;
  bus.subscribe('patrol.progress', (event) => events.push(event));
  interval = 0;
  patrol = new PatrolService({
    store: lab.store,
    findings: lab.findings,
    license: new LicenseService(() => false, ['ai_autofix']),
    bus,
    log: createLogger('silent'),
    gather: () => emptyEstate,
    intervalMinutes: async () => interval,
    now: lab.now,
    tickMs: 5,
  });
});

afterEach(async () => {
  await patrol.stop();
  await lab.close();
});

const completed = () => events.filter((e) => e.phase === 'completed');

describe('the patrol schedule', () => {
  it('runs when the interval is set and is due again only after the interval', async () => {
    await patrol.start();
    expect(await patrol.status(viewer)).toMatchObject({ intervalMinutes: 0, nextRunAt: null });
    interval = 30;
    await vi.waitFor(() => expect(completed()).toHaveLength(1));
    expect(completed()[0]?.run).toMatchObject({ trigger: 'schedule', status: 'completed' });
    const status = await patrol.status(viewer);
    expect(status.nextRunAt?.getTime()).toBe(lab.now() + 30 * 60_000);

    lab.advance(30 * 60_000);
    await vi.waitFor(() => expect(completed()).toHaveLength(2));
    expect((await patrol.runs(viewer)).map((r) => r.trigger)).toEqual(['schedule', 'schedule']);
  });
});

describe('a run', () => {
  it('never overlaps another, and merges the LLM pass by id', async () => {
    let release: (found: ReturnType<typeof finding>[]) => void = () => {};
    patrol.llmPass = {
      model: async () => 'scripted:model',
      estimate: () => Promise.reject(new Error('not asked')),
      run: ({ findings }) => {
        expect(findings).toEqual([]);
        return new Promise((resolve) => {
          release = (found) =>
            resolve({
              status: 'completed',
              findings: found,
              model: 'scripted:model',
              inputTokens: 10,
              outputTokens: 5,
              added: found.length,
              note: null,
            });
        });
      },
    };
    const first = patrol.run(admin);
    await vi.waitFor(() => expect(events.map((e) => e.phase)).toContain('llm'));
    expect((await patrol.status(viewer)).running).toBe(true);
    await expect(patrol.run(admin)).rejects.toBeInstanceOf(ConflictError);

    const disk = 'pve-a/storage/pve1/local';
    release([finding('capacity', disk), finding('capacity', disk, 'critical')]);
    expect(await first).toMatchObject({
      status: 'completed',
      findingsCount: 1,
      newCount: 1,
      llmStatus: 'completed',
      llmModel: 'scripted:model',
      inputTokens: 10,
    });
    expect(await lab.findings.list(viewer)).toMatchObject([
      { id: `capacity:${disk}`, severity: 'critical' },
    ]);
    expect((await patrol.status(viewer)).running).toBe(false);
  });
});
