import { describe, expect, it } from 'vitest';
import { makeHost } from '../../fixtures/agent-resources.ts';
import { Harness, makeVm, nodeAt, second, storageAt, T0, testConfig, types } from './helpers.ts';

const cpu = 'pve-a/node/pve1:cpu';

describe('metric alerts: hysteresis', () => {
  it('fires at the trigger, stays firing between clear and trigger, resolves at the clear', () => {
    const engine = new Harness(); // node CPU 80/75
    expect(types(engine.evaluate([nodeAt(79.9)], T0))).toEqual([]);
    expect(types(engine.evaluate([nodeAt(80)], T0 + 10 * second))).toEqual([`fired ${cpu}`]);
    expect(types(engine.evaluate([nodeAt(77)], T0 + 20 * second))).toEqual([]);
    expect(engine.alert(cpu)?.state).toBe('firing');
    expect(engine.alert(cpu)?.value).toBeCloseTo(77);
    expect(types(engine.evaluate([nodeAt(75)], T0 + 30 * second))).toEqual([`resolved ${cpu}`]);
    expect(engine.alert(cpu)).toBeUndefined();
  });

  it('raises the level to critical at trigger + 10 and reports the change', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(85)], T0);
    expect(engine.alert(cpu)?.level).toBe('warning');
    const result = engine.evaluate([nodeAt(91)], T0 + 10 * second);
    expect(types(result)).toEqual([`updated ${cpu}`]);
    expect(engine.alert(cpu)?.level).toBe('critical');
  });

  it('uses clear = trigger - 5 when the clear threshold is not given', () => {
    const engine = new Harness(
      testConfig({ defaults: { node: { cpu: { trigger: 50, clear: null } } } }),
    );
    engine.evaluate([nodeAt(60)], T0);
    engine.evaluate([nodeAt(46)], T0 + 10 * second);
    expect(engine.alert(cpu)?.state).toBe('firing');
    expect(types(engine.evaluate([nodeAt(45)], T0 + 20 * second))).toEqual([`resolved ${cpu}`]);
  });

  it('a trigger of 0 turns the metric off and resolves its alert', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(95)], T0);
    engine.config = testConfig({ defaults: { node: { cpu: { trigger: 0 } } } });
    expect(types(engine.evaluate([nodeAt(95)], T0 + 10 * second))).toEqual([`resolved ${cpu}`]);
  });
});

describe('metric alerts: time thresholds', () => {
  const delayed = () => new Harness(testConfig({ timeThresholds: { default: 30 } }));

  it('stays pending until the value has held for the time threshold', () => {
    const engine = delayed();
    expect(types(engine.evaluate([nodeAt(90)], T0))).toEqual([`pending ${cpu}`]);
    expect(engine.alert(cpu)?.state).toBe('pending');
    expect(types(engine.evaluate([nodeAt(90)], T0 + 29 * second))).toEqual([]);
    const fired = engine.evaluate([nodeAt(90)], T0 + 30 * second);
    expect(types(fired)).toEqual([`fired ${cpu}`]);
    expect(fired.transitions[0]?.alert.startedAt).toBe(T0);
    expect(fired.transitions[0]?.alert.firedAt).toBe(T0 + 30 * second);
  });

  it('drops the pending alert when the value dips below the trigger, and starts over', () => {
    const engine = delayed();
    engine.evaluate([nodeAt(90)], T0);
    const dip = engine.evaluate([nodeAt(78)], T0 + 20 * second);
    expect(types(dip)).toEqual([`resolved ${cpu}`]);
    expect(dip.transitions[0]?.alert.firedAt).toBeNull();
    engine.evaluate([nodeAt(90)], T0 + 25 * second);
    expect(types(engine.evaluate([nodeAt(90)], T0 + 40 * second))).toEqual([]);
    expect(types(engine.evaluate([nodeAt(90)], T0 + 55 * second))).toEqual([`fired ${cpu}`]);
  });

  it('takes a per-type and a per-metric time threshold over the default', () => {
    const config = testConfig({
      timeThresholds: { default: 60, byType: { node: 10 }, byMetric: { node: { memory: 0 } } },
    });
    const engine = new Harness(config);
    const hot = nodeAt(90, 'pve1', { memory: { usedBytes: 95, totalBytes: 100 } });
    expect(types(engine.evaluate([hot], T0))).toEqual([
      `pending ${cpu}`,
      'fired pve-a/node/pve1:memory',
    ]);
    expect(types(engine.evaluate([hot], T0 + 10 * second))).toEqual([`fired ${cpu}`]);
  });

  it('does not promote a pending alert on tick, only on new data', () => {
    const engine = delayed();
    engine.evaluate([nodeAt(90)], T0);
    expect(types(engine.tick(T0 + 60 * second))).toEqual([]);
    expect(engine.alert(cpu)?.state).toBe('pending');
  });
});

describe('metric alerts: per-type defaults', () => {
  it('alerts on storage usage at 85% and guests on memory at 85%', () => {
    const engine = new Harness();
    const vm = makeVm(100, { memory: { usedBytes: 86, totalBytes: 100 } });
    const result = engine.evaluate([storageAt(84), vm], T0);
    expect(types(result)).toEqual(['fired guest:pve-a:100:memory']);
    expect(types(engine.evaluate([storageAt(85), vm], T0 + 10 * second))).toEqual([
      'fired pve-a/storage/pve1/local-lvm:usage',
    ]);
  });

  it('leaves guest I/O rates off by default and alerts on them once set', () => {
    const busy = makeVm(100, { diskIo: { readBytesPerSecond: 500e6, writeBytesPerSecond: 0 } });
    expect(types(new Harness().evaluate([busy], T0))).toEqual([]);
    const config = testConfig({ defaults: { guest: { diskRead: { trigger: 100e6 } } } });
    expect(types(new Harness(config).evaluate([busy], T0))).toEqual([
      'fired guest:pve-a:100:diskRead',
    ]);
  });
});

describe('metric alerts: resources going away', () => {
  it('resolves every alert of a resource that vanished', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(95), makeVm(100, { cpu: 0.99 })], T0);
    expect(Object.keys(engine.state.alerts)).toHaveLength(2);
    const result = engine.evaluate([nodeAt(95)], T0 + 10 * second);
    expect(types(result)).toEqual(['resolved guest:pve-a:100:cpu']);
    expect(result.transitions[0]?.alert.resolvedAt).toBe(T0 + 10 * second);
  });

  it('resolves the metric alerts of a node that went offline (its offline alert takes over)', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(95)], T0);
    const offline = nodeAt(95, 'pve1', { status: 'offline' });
    expect(types(engine.evaluate([offline], T0 + 10 * second))).toEqual([
      'pending pve-a/node/pve1:node-offline',
      `resolved ${cpu}`,
    ]);
  });

  it('raises nothing when alerting is disabled and clears what was active', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(95)], T0);
    engine.config = testConfig({ enabled: false });
    expect(types(engine.evaluate([nodeAt(95)], T0 + 10 * second))).toEqual([`resolved ${cpu}`]);
    expect(types(engine.evaluate([nodeAt(99)], T0 + 20 * second))).toEqual([]);
  });
});

describe('metric alerts: temperatures from host agents', () => {
  const sensors = (celsius: number) => [
    { sensor: 'nvme0 Composite', celsius: 45 },
    { sensor: 'coretemp Package id 0', celsius },
  ];

  it("fires on a host's CPU package sensor, not its hottest other sensor", () => {
    const engine = new Harness();
    const hot = makeHost('nas', {}, { temperatures: sensors(86) });
    expect(types(engine.evaluate([hot], T0))).toEqual([expect.stringMatching(/:temperature$/)]);
    const [alert] = Object.values(engine.state.alerts);
    expect(alert).toMatchObject({ kind: 'temperature', value: 86, level: 'warning' });
    const coolCpu = makeHost('nas', {}, { temperatures: sensors(60) });
    expect(types(engine.evaluate([coolCpu], T0 + 10 * second))).toEqual([
      expect.stringMatching(/^resolved .*:temperature$/),
    ]);
  });

  it('gives a PVE node the temperature of the host agent linked to it', () => {
    const engine = new Harness();
    const node = nodeAt(10);
    const agent = makeHost('pve1', {}, { temperatures: sensors(84), linkedNodeId: node.id });
    const fired = types(engine.evaluate([node, agent], T0));
    expect(fired).toContain(`fired ${node.id}:temperature`);
    // Unlinked, the node has no temperature and its alert resolves.
    const unlinked = makeHost('pve1', {}, { temperatures: sensors(84), linkedNodeId: null });
    expect(types(engine.evaluate([node, unlinked], T0 + 10 * second))).toContain(
      `resolved ${node.id}:temperature`,
    );
  });
});
