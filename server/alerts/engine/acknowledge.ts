import type { Alert } from '../alert.ts';
import type { EngineState } from './state.ts';

export interface AckResult {
  state: EngineState;
  /** The alert as it is now; null when no active or pending alert has that id. */
  alert: Alert | null;
}

/** Acknowledged alerts stay active but are neither notified again nor escalated. */
export function acknowledge(
  state: EngineState,
  alertId: string,
  by: string,
  now: number,
): AckResult {
  return withAlert(state, alertId, (alert) => {
    alert.acknowledged ??= { by, at: now };
  });
}

/** Undoing an acknowledgement makes the alert notifiable again, as if never acknowledged. */
export function unacknowledge(state: EngineState, alertId: string): AckResult {
  return withAlert(state, alertId, (alert) => {
    alert.acknowledged = null;
  });
}

function withAlert(state: EngineState, alertId: string, change: (alert: Alert) => void): AckResult {
  if (!state.alerts[alertId]) return { state, alert: null };
  const next = structuredClone(state);
  const alert = next.alerts[alertId] as Alert;
  change(alert);
  return { state: next, alert: structuredClone(alert) };
}
