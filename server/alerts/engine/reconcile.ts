import type { Alert, AlertLevel } from '../alert.ts';
import type { AlertConfig } from '../thresholds.ts';
import { describe } from './describe.ts';
import { noteChange } from './flapping.ts';
import type { Observation } from './observation.ts';
import type { Observed } from './observe.ts';
import type { AlertTransition, EngineState } from './state.ts';

/**
 * Brings the alerts in `state` (mutated) in line with what was observed:
 * new condition → pending (or fired at once when nothing to wait for);
 * pending that held long enough and often enough → fired; pending whose value dipped below
 * the trigger → dropped; firing above the clear threshold → kept; anything else → resolved.
 */
export function reconcile(
  state: EngineState,
  observed: Observed,
  config: AlertConfig,
  now: number,
): AlertTransition[] {
  const transitions: AlertTransition[] = [];
  const seen = new Set<string>();
  for (const observation of observed.observations) {
    seen.add(observation.id);
    const alert = state.alerts[observation.id];
    if (alert?.state === 'firing')
      keepOrResolve(state, alert, observation, config, now, transitions);
    else advance(state, alert, observation, config, now, transitions);
  }
  for (const alert of Object.values(state.alerts)) {
    if (seen.has(alert.id) || observed.unobserved.has(alert.kind)) continue;
    resolve(state, alert, config, now, transitions);
  }
  return transitions;
}

function keepOrResolve(
  state: EngineState,
  alert: Alert,
  observation: Observation,
  config: AlertConfig,
  now: number,
  transitions: AlertTransition[],
): void {
  if (!observation.keeps) {
    resolve(state, alert, config, now, transitions);
    return;
  }
  const before = alert.level;
  refresh(alert, observation, config, now);
  if (alert.level !== before) transitions.push({ type: 'updated', alert: structuredClone(alert) });
}

function advance(
  state: EngineState,
  existing: Alert | undefined,
  observation: Observation,
  config: AlertConfig,
  now: number,
  transitions: AlertTransition[],
): void {
  if (!observation.holds) {
    if (existing) resolve(state, existing, config, now, transitions);
    return;
  }
  const alert = existing ?? newAlert(observation, now);
  refresh(alert, observation, config, now);
  state.alerts[alert.id] = alert;
  const count = (state.confirmations[alert.id] ?? 0) + 1;
  state.confirmations[alert.id] = count;
  const held = now - alert.startedAt >= observation.holdSeconds * 1000;
  if (held && count >= observation.confirmations) {
    alert.state = 'firing';
    alert.firedAt = now;
    delete state.confirmations[alert.id];
    noteChange(state, alert.id, config, now);
    transitions.push({ type: 'fired', alert: structuredClone(alert) });
  } else if (!existing) {
    transitions.push({ type: 'pending', alert: structuredClone(alert) });
  }
}

function resolve(
  state: EngineState,
  alert: Alert,
  config: AlertConfig,
  now: number,
  transitions: AlertTransition[],
): void {
  const wasFiring = alert.state === 'firing';
  alert.state = 'resolved';
  alert.resolvedAt = now;
  delete state.alerts[alert.id];
  delete state.confirmations[alert.id];
  if (wasFiring) {
    noteChange(state, alert.id, config, now);
    if (alert.lastNotifiedAt !== null && !alert.monitorOnly) state.resolvedOutbox.push(alert);
  }
  transitions.push({ type: 'resolved', alert: structuredClone(alert) });
}

function newAlert(observation: Observation, now: number): Alert {
  return {
    id: observation.id,
    kind: observation.kind,
    level: observation.level,
    state: 'pending',
    ...observation.subject,
    message: '',
    value: null,
    threshold: null,
    clearThreshold: null,
    unit: null,
    startedAt: now,
    firedAt: null,
    lastSeenAt: now,
    resolvedAt: null,
    acknowledged: null,
    monitorOnly: false,
    escalation: 0,
    lastNotifiedAt: null,
  };
}

function refresh(alert: Alert, observation: Observation, config: AlertConfig, now: number): void {
  Object.assign(alert, observation.subject);
  alert.level = higher(observation.level, escalatedLevel(config, alert.escalation));
  alert.value = observation.value;
  alert.threshold = observation.threshold;
  alert.clearThreshold = observation.clearThreshold;
  alert.unit = observation.unit;
  alert.monitorOnly = observation.monitorOnly;
  alert.lastSeenAt = now;
  alert.message = describe(alert);
}

/** The level the escalation steps taken so far raised the alert to. */
export function escalatedLevel(config: AlertConfig, stepsTaken: number): AlertLevel {
  const raised = config.escalation.steps.slice(0, stepsTaken).some((s) => s.level === 'critical');
  return raised ? 'critical' : 'warning';
}

function higher(a: AlertLevel, b: AlertLevel): AlertLevel {
  return a === 'critical' || b === 'critical' ? 'critical' : 'warning';
}
