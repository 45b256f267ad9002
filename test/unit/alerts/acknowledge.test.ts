import { describe, expect, it } from 'vitest';
import { acknowledge, unacknowledge } from '../../../server/alerts/engine/acknowledge.ts';
import { describe as describeAlert } from '../../../server/alerts/engine/describe.ts';
import { emptyState } from '../../../server/alerts/engine/state.ts';
import { Harness, makeVm, minute, nodeAt, sent, T0, testConfig } from './helpers.ts';

const cpu = 'pve-a/node/pve1:cpu';

describe('acknowledge and unacknowledge', () => {
  it('records who acknowledged and when, without changing the given state', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(90)], T0);
    const before = engine.state;
    const result = acknowledge(before, cpu, 'alice', T0 + minute);
    expect(result.alert?.acknowledged).toEqual({ by: 'alice', at: T0 + minute });
    expect(result.state.alerts[cpu]?.acknowledged).toEqual({ by: 'alice', at: T0 + minute });
    expect(before.alerts[cpu]?.acknowledged).toBeNull();
    const undone = unacknowledge(result.state, cpu);
    expect(undone.alert?.acknowledged).toBeNull();
  });

  it('returns null for an unknown alert and leaves the state as it was', () => {
    const state = emptyState();
    const result = acknowledge(state, 'nope:cpu', 'alice', T0);
    expect(result.alert).toBeNull();
    expect(result.state).toBe(state);
  });

  it('never notifies an acknowledged alert, and does once it is unacknowledged', () => {
    const engine = new Harness(testConfig({ timeThresholds: { default: 30 } }));
    engine.evaluate([nodeAt(90)], T0);
    engine.acknowledge(cpu, T0 + 1000);
    const fired = engine.evaluate([nodeAt(90)], T0 + 30_000);
    expect(fired.transitions.map((t) => t.type)).toEqual(['fired']);
    expect(fired.notifications).toEqual([]);
    expect(engine.evaluate([nodeAt(99)], T0 + 40_000).notifications).toEqual([]);
    engine.state = unacknowledge(engine.state, cpu).state;
    expect(sent(engine.tick(T0 + 50_000))).toEqual([`alert: ${cpu}`]);
  });
});

describe('describe', () => {
  it('says what crossed which threshold on what, in the user units', () => {
    const engine = new Harness();
    const io = makeVm(100, {
      name: 'web-01',
      cpu: 0.93,
      network: { inBytesPerSecond: 150 * 1024 * 1024, outBytesPerSecond: 0 },
    });
    engine.config = testConfig({
      defaults: {
        guest: { cpu: { trigger: 90, clear: 85 }, networkIn: { trigger: 100 * 1024 * 1024 } },
      },
    });
    engine.evaluate([io], T0);
    const cpuAlert = engine.alert('guest:pve-a:100:cpu');
    const netAlert = engine.alert('guest:pve-a:100:networkIn');
    expect(cpuAlert && describeAlert(cpuAlert)).toBe('CPU on web-01 is 93% (threshold 90%)');
    expect(cpuAlert?.message).toBe('CPU on web-01 is 93% (threshold 90%)');
    expect(netAlert?.message).toBe('Network in on web-01 is 150 MiB/s (threshold 100 MiB/s)');
  });
});
