import { describe, expect, it } from 'vitest';
import {
  Harness,
  makeNode,
  makeVm,
  nodeAt,
  second,
  sent,
  T0,
  testConfig,
  types,
} from './helpers.ts';

const hotVm = (node = 'pve1') =>
  makeVm(100, {
    cpu: 0.95,
    parentId: `pve-a/node/${node}`,
    details: { ...makeVm(100).details, node },
  });

describe('per-resource overrides', () => {
  it('raises no alerts for a disabled resource, and resolves the ones it had', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(95)], T0);
    engine.config = testConfig({ overrides: { 'pve-a/node/pve1': { disabled: true } } });
    expect(types(engine.evaluate([nodeAt(95)], T0 + 10 * second))).toEqual([
      'resolved pve-a/node/pve1:cpu',
    ]);
    expect(types(engine.evaluate([nodeAt(99)], T0 + 20 * second))).toEqual([]);
  });

  it('records monitor-only alerts but never notifies them, not even on resolve', () => {
    const engine = new Harness(
      testConfig({ overrides: { 'guest:pve-a:100': { monitorOnly: true } } }),
    );
    const fired = engine.evaluate([hotVm()], T0);
    expect(types(fired)).toEqual(['fired guest:pve-a:100:cpu']);
    expect(fired.transitions[0]?.alert.monitorOnly).toBe(true);
    expect(fired.notifications).toEqual([]);
    expect(engine.tick(T0 + 60 * 60 * second).notifications).toEqual([]);
    const resolved = engine.evaluate([makeVm(100)], T0 + 2 * 60 * 60 * second);
    expect(types(resolved)).toEqual(['resolved guest:pve-a:100:cpu']);
    expect(resolved.notifications).toEqual([]);
  });

  it('applies per-resource thresholds over the type defaults', () => {
    const config = testConfig({
      overrides: { 'pve-a/node/pve1': { thresholds: { cpu: { trigger: 95 } } } },
    });
    const engine = new Harness(config);
    const result = engine.evaluate([nodeAt(90), nodeAt(90, 'pve2')], T0);
    expect(types(result)).toEqual(['fired pve-a/node/pve2:cpu']);
    expect(types(engine.evaluate([nodeAt(96), nodeAt(90, 'pve2')], T0 + 10 * second))).toEqual([
      'fired pve-a/node/pve1:cpu',
    ]);
    expect(engine.alert('pve-a/node/pve1:cpu')?.threshold).toBe(95);
  });

  it('keeps a guest override and its alert when the guest migrates to another node', () => {
    const cluster = { ...makeNode('pve1').details, cluster: 'prod' };
    const nodes = [makeNode('pve1', { details: cluster }), makeNode('pve2', { details: cluster })];
    const config = testConfig({
      overrides: { 'guest:prod:100': { thresholds: { cpu: { trigger: 90 } } } },
    });
    const engine = new Harness(config);
    const fired = engine.evaluate([...nodes, hotVm('pve1')], T0);
    expect(types(fired)).toEqual(['fired guest:prod:100:cpu']);
    expect(fired.transitions[0]?.alert.threshold).toBe(90);
    const moved = engine.evaluate([...nodes, hotVm('pve2')], T0 + 10 * second);
    expect(types(moved)).toEqual([]);
    expect(engine.alert('guest:prod:100:cpu')?.node).toBe('pve2');
    expect(engine.alert('guest:prod:100:cpu')?.threshold).toBe(90);
  });

  it('notifies a normal alert next to a monitor-only one', () => {
    const engine = new Harness(
      testConfig({ overrides: { 'guest:pve-a:100': { monitorOnly: true } } }),
    );
    const result = engine.evaluate([hotVm(), nodeAt(95)], T0);
    expect(sent(result)).toEqual(['alert: pve-a/node/pve1:cpu']);
  });
});
