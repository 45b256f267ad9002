import type { AlertConfig } from '../thresholds.ts';
import { describe } from './describe.ts';
import { escalatedLevel } from './reconcile.ts';
import type { AlertTransition, EngineState } from './state.ts';

/**
 * Takes the escalation steps that are due for firing alerts nobody has acknowledged. Each step
 * is taken once; steps that fall due together (after a restart) are taken as one.
 */
export function escalate(state: EngineState, config: AlertConfig, now: number): AlertTransition[] {
  const { enabled, steps } = config.escalation;
  if (!enabled) return [];
  const transitions: AlertTransition[] = [];
  for (const alert of Object.values(state.alerts)) {
    if (alert.state !== 'firing' || alert.firedAt === null) continue;
    if (alert.acknowledged || alert.monitorOnly) continue;
    const firedFor = now - alert.firedAt;
    const due = steps.filter((step) => firedFor >= step.afterMinutes * 60_000).length;
    if (due <= alert.escalation) continue;
    alert.escalation = due;
    if (escalatedLevel(config, due) === 'critical') alert.level = 'critical';
    alert.message = describe(alert);
    transitions.push({ type: 'escalated', alert: structuredClone(alert) });
  }
  return transitions;
}
