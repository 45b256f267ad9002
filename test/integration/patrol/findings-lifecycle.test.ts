// The findings store on SQLite: dedupe across runs, auto-resolve and regression, and the
// lifecycle people drive (acknowledge, dismiss, resolve, snooze, suppression rules). Time is
// the lab's clock, moved by the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, PaymentRequiredError } from '../../../server/errors.ts';
import {
  admin,
  type FindingsLab,
  finding,
  openFindingsLab,
  operator,
  viewer,
} from './findings-store.fixture.ts';

const hour = 3_600_000;
const disk = 'pve-a/storage/pve1/local';
const other = 'pve-a/storage/pve2/local';

let lab: FindingsLab;

beforeEach(async () => {
  lab = await openFindingsLab();
});

afterEach(async () => {
  await lab.close();
});

const ids = async (filter = {}) => (await lab.findings.list(viewer, filter)).map((f) => f.id);

describe('findings across runs', () => {
  it('keep one finding per problem: first seen stays, last seen and the count advance', async () => {
    const firstAt = lab.now();
    expect(await lab.run([finding('capacity', disk, 'warning', 1)])).toEqual({
      newCount: 1,
      updatedCount: 0,
      resolvedCount: 0,
    });
    lab.advance(hour);
    expect(await lab.run([finding('capacity', disk, 'critical', 2)])).toEqual({
      newCount: 0,
      updatedCount: 1,
      resolvedCount: 0,
    });
    const [only, ...rest] = await lab.findings.list(viewer);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      id: `capacity:${disk}`,
      timesRaised: 2,
      severity: 'critical',
      state: 'active',
      evidence: { summary: 'value 2', values: { value: 2 } },
    });
    expect(only?.detectedAt.getTime()).toBe(firstAt);
    expect(only?.lastSeenAt.getTime()).toBe(firstAt + hour);
  });

  it('resolve a finding a completed run no longer reports, and reopen it when it returns', async () => {
    await lab.run([finding('capacity', disk), finding('smart', other)]);
    lab.advance(hour);
    expect(await lab.run([finding('smart', other)])).toMatchObject({ resolvedCount: 1 });
    expect(await ids()).toEqual([`smart:${other}`]);
    const [resolved] = await lab.findings.list(viewer, { includeResolved: true, resource: disk });
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolveReason: 'no longer detected',
      autoResolved: true,
      regressionCount: 0,
    });
    expect(resolved?.resolvedAt?.getTime()).toBe(lab.now());

    lab.advance(hour);
    expect(await lab.run([finding('capacity', disk), finding('smart', other)])).toMatchObject({
      newCount: 1,
      updatedCount: 1,
    });
    const [back] = await lab.findings.list(viewer, { resource: disk });
    expect(back).toMatchObject({
      state: 'active',
      resolvedAt: null,
      regressionCount: 1,
      timesRaised: 2,
    });
  });
});

describe('the finding lifecycle', () => {
  const id = `capacity:${disk}`;

  beforeEach(async () => {
    await lab.run([finding('capacity', disk), finding('smart', other)]);
  });

  it('acknowledges, recording who and when; the finding stays in the list', async () => {
    lab.advance(60_000);
    const acked = await lab.findings.acknowledge(operator, id);
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'olga' });
    expect(acked.acknowledgedAt?.getTime()).toBe(lab.now());
    expect(await ids()).toContain(id);
    await expect(lab.findings.acknowledge(viewer, id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('hides a dismissed finding while it keeps being detected', async () => {
    await expect(lab.findings.dismiss(operator, id, 'because')).rejects.toThrow(/reason/);
    const dismissed = await lab.findings.dismiss(operator, id, 'expected_behavior', 'scratch disk');
    expect(dismissed).toMatchObject({
      state: 'dismissed',
      dismissedReason: 'expected_behavior',
      dismissedNote: 'scratch disk',
    });
    lab.advance(hour);
    await lab.run([finding('capacity', disk), finding('smart', other)]);
    expect(await ids()).toEqual([`smart:${other}`]);
    expect(await ids({ includeDismissed: true })).toContain(id);
    expect((await lab.findings.dismissed(admin)).map((f) => f.id)).toEqual([id]);
  });

  it('resolves by hand; the next run that still sees it reopens it as a regression', async () => {
    const resolved = await lab.findings.resolve(operator, id);
    expect(resolved).toMatchObject({ state: 'resolved', autoResolved: false });
    expect(await ids()).toEqual([`smart:${other}`]);
    lab.advance(hour);
    await lab.run([finding('capacity', disk), finding('smart', other)]);
    expect(await lab.findings.list(viewer, { resource: disk })).toMatchObject([
      { state: 'active', regressionCount: 1 },
    ]);
  });

  it('hides a snoozed finding until the snooze runs out', async () => {
    await expect(
      lab.findings.snooze(operator, id, new Date(lab.now() - 1).toISOString()),
    ).rejects.toThrow(/future/);
    const until = new Date(lab.now() + 2 * hour);
    expect(await lab.findings.snooze(operator, id, until.toISOString())).toMatchObject({
      state: 'snoozed',
      snoozedUntil: until,
    });
    expect(await ids()).toEqual([`smart:${other}`]);
    expect(await ids({ includeSnoozed: true })).toContain(id);
    lab.advance(2 * hour - 1);
    expect(await ids()).not.toContain(id);
    lab.advance(1);
    expect(await ids()).toContain(id);
    expect((await lab.findings.list(viewer, { resource: disk }))[0]?.state).toBe('active');
  });

  it('reopens an acknowledged, snoozed or dismissed finding: it shows as active again', async () => {
    await lab.findings.acknowledge(operator, id);
    expect(await lab.findings.reopen(operator, id)).toMatchObject({
      state: 'active',
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    await lab.findings.snooze(operator, id, new Date(lab.now() + hour).toISOString());
    expect(await ids()).not.toContain(id);
    expect(await lab.findings.reopen(operator, id)).toMatchObject({ state: 'active' });
    await lab.findings.dismiss(operator, id, 'will_fix_later', 'next week');
    expect(await lab.findings.reopen(operator, id)).toMatchObject({
      state: 'active',
      dismissedReason: null,
      dismissedNote: null,
    });
    expect(await ids()).toContain(id);
    await expect(lab.findings.reopen(viewer, id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("keeps people's note on a finding across runs, and clears it when emptied", async () => {
    const noted = await lab.findings.note(operator, id, '  disk swap planned for Friday ');
    expect(noted.userNote).toBe('disk swap planned for Friday');
    lab.advance(hour);
    await lab.run([finding('capacity', disk), finding('smart', other)]);
    expect((await lab.findings.list(viewer, { resource: disk }))[0]?.userNote).toBe(
      'disk swap planned for Friday',
    );
    await expect(lab.findings.note(operator, id, 'x'.repeat(1_001))).rejects.toThrow(/1000/);
    await expect(lab.findings.note(operator, id, 42)).rejects.toThrow(/string/);
    await expect(lab.findings.note(viewer, id, 'mine')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await lab.findings.note(operator, id, '')).userNote).toBeNull();
  });

  it('hides findings matching a suppression rule, now and in later runs, until it is deleted', async () => {
    await expect(
      lab.findings.createSuppression(operator, { check: 'smart' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(lab.findings.createSuppression(admin, {})).rejects.toThrow(/check/);
    const rule = await lab.findings.createSuppression(admin, {
      resourcePattern: 'pve-a/storage/pve2/*',
      reason: 'lab node',
    });
    expect(await ids()).toEqual([id]);
    expect(await ids({ includeSuppressed: true })).toHaveLength(2);

    // A new problem on the same node, found by a later run, is hidden too.
    lab.advance(hour);
    await lab.run([
      finding('capacity', disk),
      finding('smart', other),
      finding('capacity', 'pve-a/storage/pve2/backup'),
    ]);
    expect(await ids()).toEqual([id]);

    // Suppressing one finding makes a rule for its check on its resource.
    const own = await lab.findings.suppress(admin, id, 'known');
    expect(own).toMatchObject({ check: 'capacity', resourcePattern: disk, createdBy: 'alice' });
    expect(await ids()).toEqual([]);
    expect((await lab.findings.suppressions(viewer)).map((r) => r.id).sort()).toEqual(
      [rule.id, own.id].sort(),
    );

    await lab.findings.deleteSuppression(admin, rule.id);
    expect((await ids()).sort()).toEqual(
      [`capacity:pve-a/storage/pve2/backup`, `smart:${other}`].sort(),
    );
  });

  it('clears every finding (admins only)', async () => {
    await expect(lab.findings.clear(operator)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await lab.findings.clear(admin)).toBe(2);
    expect(await ids({ includeResolved: true })).toEqual([]);
  });
});

describe('without a Pro licence', () => {
  it('refuses the Pro actions with PaymentRequiredError and allows the free ones', async () => {
    const free = await openFindingsLab(false);
    try {
      await free.run([finding('capacity', disk)]);
      const id = `capacity:${disk}`;
      await expect(free.findings.acknowledge(operator, id)).rejects.toBeInstanceOf(
        PaymentRequiredError,
      );
      await expect(
        free.findings.snooze(operator, id, new Date(free.now() + hour).toISOString()),
      ).rejects.toThrow('requires Pulse Pro (feature ai_autofix)');
      await expect(free.findings.suppress(admin, id)).rejects.toBeInstanceOf(PaymentRequiredError);
      expect(await free.findings.resolve(operator, id)).toMatchObject({ state: 'resolved' });
    } finally {
      await free.close();
    }
  });
});
