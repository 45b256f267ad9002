import { describe, expect, it } from 'vitest';
import {
  Harness,
  makeNode,
  makeVm,
  minute,
  nodeAt,
  second,
  sent,
  T0,
  testConfig,
  types,
} from './helpers.ts';

const cpu = 'pve-a/node/pve1:cpu';
const cool = () => makeNode('pve1');

describe('flapping', () => {
  it('mutes an alert that changed state 5 times in 5 minutes, for 15 minutes', () => {
    const engine = new Harness(testConfig({ cooldownMinutes: 0 }));
    const at = (s: number) => T0 + s * second;
    expect(sent(engine.evaluate([nodeAt(90)], at(0)))).toEqual([`alert: ${cpu}`]); // change 1
    expect(sent(engine.evaluate([cool()], at(10)))).toEqual([`resolved: ${cpu}`]); // 2
    expect(sent(engine.evaluate([nodeAt(90)], at(20)))).toEqual([`alert: ${cpu}`]); // 3
    expect(sent(engine.evaluate([cool()], at(30)))).toEqual([`resolved: ${cpu}`]); // 4
    const fifth = engine.evaluate([nodeAt(90)], at(40));
    expect(types(fifth)).toEqual([`fired ${cpu}`]);
    expect(fifth.notifications).toEqual([]);
    expect(engine.evaluate([cool()], at(50)).notifications).toEqual([]);
    expect(engine.evaluate([nodeAt(90)], at(60)).notifications).toEqual([]);
    expect(engine.tick(at(40) + 15 * minute - 1).notifications).toEqual([]);
    expect(sent(engine.tick(at(40) + 15 * minute))).toEqual([`alert: ${cpu}`]);
  });

  it('does not mute when flapping detection is off', () => {
    const engine = new Harness(testConfig({ cooldownMinutes: 0, flapping: { enabled: false } }));
    for (let i = 0; i < 4; i += 1) {
      engine.evaluate([nodeAt(90)], T0 + i * 20 * second);
      engine.evaluate([cool()], T0 + (i * 20 + 10) * second);
    }
    expect(sent(engine.evaluate([nodeAt(90)], T0 + 80 * second))).toEqual([`alert: ${cpu}`]);
  });
});

describe('cooldown', () => {
  it('holds a re-fire within 5 minutes of the last notification, then sends it', () => {
    const engine = new Harness(testConfig({ flapping: { enabled: false } }));
    expect(sent(engine.evaluate([nodeAt(90)], T0))).toEqual([`alert: ${cpu}`]);
    expect(sent(engine.evaluate([cool()], T0 + minute))).toEqual([`resolved: ${cpu}`]);
    expect(engine.evaluate([nodeAt(90)], T0 + 2 * minute).notifications).toEqual([]);
    expect(engine.tick(T0 + 5 * minute - 1).notifications).toEqual([]);
    expect(sent(engine.tick(T0 + 5 * minute))).toEqual([`alert: ${cpu}`]);
  });

  it('notifies again at once when a warning becomes critical, and only once', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(85)], T0);
    const critical = engine.evaluate([nodeAt(95)], T0 + 10 * second);
    expect(sent(critical)).toEqual([`alert: ${cpu}`]);
    expect(critical.notifications[0]?.alerts[0]?.level).toBe('critical');
    expect(engine.evaluate([nodeAt(95)], T0 + 20 * second).notifications).toEqual([]);
  });
});

describe('grouping', () => {
  const grouped = () => new Harness(testConfig({ grouping: { enabled: true, windowSeconds: 30 } }));
  const hotVm = makeVm(100, { cpu: 0.95 });

  it('sends alerts that fire within the window as one notification', () => {
    const engine = grouped();
    expect(engine.evaluate([nodeAt(90)], T0).notifications).toEqual([]);
    expect(engine.evaluate([nodeAt(90), hotVm], T0 + 10 * second).notifications).toEqual([]);
    expect(engine.tick(T0 + 29 * second).notifications).toEqual([]);
    const group = engine.tick(T0 + 30 * second);
    expect(group.notifications).toHaveLength(1);
    expect(sent(group)).toEqual([`alert: ${cpu}, guest:pve-a:100:cpu`]);
    expect(engine.tick(T0 + 60 * second).notifications).toEqual([]);
  });

  it('opens a new window for an alert that fires after the group went out', () => {
    const engine = grouped();
    engine.evaluate([nodeAt(90)], T0);
    engine.tick(T0 + 30 * second);
    engine.evaluate([nodeAt(90), hotVm], T0 + 40 * second);
    expect(engine.tick(T0 + 60 * second).notifications).toEqual([]);
    expect(sent(engine.tick(T0 + 70 * second))).toEqual(['alert: guest:pve-a:100:cpu']);
  });

  it('sends nothing for an alert that resolved inside the window', () => {
    const engine = grouped();
    engine.evaluate([nodeAt(90)], T0);
    engine.evaluate([cool()], T0 + 10 * second);
    expect(engine.tick(T0 + 30 * second).notifications).toEqual([]);
  });
});

describe('escalation', () => {
  const escalating = () =>
    new Harness(
      testConfig({
        escalation: {
          enabled: true,
          steps: [{ afterMinutes: 15 }, { afterMinutes: 30, level: 'critical' }],
        },
      }),
    );

  it('re-notifies after each step, once per step, raising the level when the step says so', () => {
    const engine = escalating();
    expect(sent(engine.evaluate([nodeAt(85)], T0))).toEqual([`alert: ${cpu}`]);
    expect(types(engine.tick(T0 + 15 * minute - 1))).toEqual([]);
    const first = engine.tick(T0 + 15 * minute);
    expect(types(first)).toEqual([`escalated ${cpu}`]);
    expect(sent(first)).toEqual([`escalated: ${cpu}`]);
    expect(first.transitions[0]?.alert.escalation).toBe(1);
    const again = engine.tick(T0 + 16 * minute);
    expect(again.transitions).toEqual([]);
    expect(again.notifications).toEqual([]);
    const second_ = engine.tick(T0 + 30 * minute);
    expect(sent(second_)).toEqual([`escalated: ${cpu}`]);
    expect(engine.alert(cpu)?.level).toBe('critical');
    engine.evaluate([nodeAt(85)], T0 + 31 * minute);
    expect(engine.alert(cpu)?.level).toBe('critical');
  });

  it('does not escalate an acknowledged alert', () => {
    const engine = escalating();
    engine.evaluate([nodeAt(85)], T0);
    engine.acknowledge(cpu, T0 + minute);
    const later = engine.tick(T0 + 45 * minute);
    expect(later.transitions).toEqual([]);
    expect(later.notifications).toEqual([]);
    expect(engine.alert(cpu)?.escalation).toBe(0);
  });

  it('does nothing when escalation is off (the default)', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(85)], T0);
    expect(engine.tick(T0 + 2 * 60 * minute).transitions).toEqual([]);
  });
});
