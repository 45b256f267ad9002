import type { AlertConfig } from '../thresholds.ts';
import { escalate } from './escalation.ts';
import { pruneFlapping } from './flapping.ts';
import { notify } from './notify.ts';
import { observe } from './observe.ts';
import { reconcile } from './reconcile.ts';
import type { EngineResult, EngineState, EvaluateInput } from './state.ts';

/**
 * One evaluation of everything against the config, at `now` (epoch ms). Pure: the given state
 * is not changed, the returned one is new. Call it when resources or records change.
 */
export function evaluate(input: EvaluateInput, state: EngineState, now: number): EngineResult {
  const next = structuredClone(state);
  const transitions = reconcile(next, observe(input, now), input.config, now);
  return settle(next, input.config, now, transitions);
}

/**
 * The time-driven half, for the caller to run every few seconds: escalation steps, grouping
 * windows closing, quiet hours ending, cooldowns and flapping suppression running out.
 * Pending alerts move only on evaluate, since only new data can confirm them.
 */
export function tick(state: EngineState, config: AlertConfig, now: number): EngineResult {
  return settle(structuredClone(state), config, now, []);
}

function settle(
  state: EngineState,
  config: AlertConfig,
  now: number,
  transitions: EngineResult['transitions'],
): EngineResult {
  transitions.push(...escalate(state, config, now));
  const notifications = notify(state, config, now);
  pruneFlapping(state, config, now);
  return { state, transitions, notifications };
}
