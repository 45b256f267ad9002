import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../../../server/alerts/engine/state.ts';
import type { Resource } from '../../../server/resources/model.ts';
import { Harness, makeNode, makeVm, minute, nodeAt, second, T0, testConfig } from './helpers.ts';

type Step = { at: number; resources?: Resource[] };

const offline = makeNode('pve2', { status: 'offline' });
const steps: Step[] = [
  { at: T0, resources: [nodeAt(90), offline] },
  { at: T0 + 10 * second, resources: [nodeAt(90), offline, makeVm(100, { cpu: 0.99 })] },
  { at: T0 + 20 * second },
  { at: T0 + 30 * second, resources: [nodeAt(95), offline, makeVm(100, { cpu: 0.99 })] },
  { at: T0 + 40 * second },
  { at: T0 + 50 * second, resources: [makeNode('pve1'), offline] },
  { at: T0 + 60 * second, resources: [nodeAt(90), offline] },
  { at: T0 + 20 * minute },
  { at: T0 + 40 * minute, resources: [nodeAt(90)] },
];

function run(roundTrip: boolean): EngineResult[] {
  const config = testConfig({
    grouping: { enabled: true, windowSeconds: 30 },
    timeThresholds: { default: 20 },
    escalation: { enabled: true, steps: [{ afterMinutes: 15 }] },
  });
  const engine = new Harness(config);
  const results: EngineResult[] = [];
  for (const step of steps) {
    if (roundTrip) engine.state = JSON.parse(JSON.stringify(engine.state));
    results.push(step.resources ? engine.evaluate(step.resources, step.at) : engine.tick(step.at));
  }
  return results;
}

describe('engine state persistence', () => {
  it('behaves the same when the state goes through JSON between every call', () => {
    const direct = run(false);
    const stored = run(true);
    expect(stored).toEqual(direct);
    // The scenario must exercise something, or the comparison proves nothing.
    const events = direct.flatMap((r) => r.transitions.map((t) => t.type));
    expect(events).toEqual(expect.arrayContaining(['pending', 'fired', 'resolved', 'escalated']));
    expect(direct.flatMap((r) => r.notifications).length).toBeGreaterThan(1);
  });

  it('keeps the state plain JSON: no undefined, Map or Date inside', () => {
    const engine = new Harness();
    engine.evaluate([nodeAt(90), makeNode('pve2', { status: 'offline' })], T0);
    expect(JSON.parse(JSON.stringify(engine.state))).toEqual(engine.state);
    expect(JSON.stringify(engine.state)).not.toContain('undefined');
  });
});
