import type { Alert, AlertNotification } from '../alert.ts';
import type { AlertConfig } from '../thresholds.ts';
import { isFlapping } from './flapping.ts';
import { heldByQuietHours } from './quiet-hours.ts';
import type { EngineState } from './state.ts';

/**
 * Decides what to send now, and records it in `state` (mutated). Nothing is queued outside
 * the state: an alert that may not be notified yet (quiet hours, cooldown, grouping window)
 * is simply still due on the next evaluate or tick, and goes out once nothing holds it back.
 */
export function notify(state: EngineState, config: AlertConfig, now: number): AlertNotification[] {
  const notifications: AlertNotification[] = [];
  const resolved = releaseResolved(state, config, now);
  if (resolved.length > 0) notifications.push({ event: 'resolved', alerts: resolved, at: now });

  const firing = Object.values(state.alerts)
    .filter((alert) => alert.state === 'firing' && mayNotify(alert, state, config, now))
    .sort((a, b) => (a.firedAt ?? 0) - (b.firedAt ?? 0) || a.id.localeCompare(b.id));
  // An escalation step that raised the level is told as an escalation, not a new alert.
  const escalated = firing.filter(
    (alert) =>
      alert.lastNotifiedAt !== null &&
      alert.escalation > (state.notified[alert.id]?.escalation ?? 0),
  );
  const fresh = firing.filter(
    (alert) =>
      !escalated.includes(alert) &&
      needsAlert(alert, state) &&
      cooledDown(alert, state, config, now),
  );
  if (escalated.length > 0) {
    notifications.push({ event: 'escalated', alerts: markSent(escalated, state, now), at: now });
  }
  notifications.push(...releaseGroup(fresh, state, config, now));
  pruneNotified(state, config, now);
  return notifications;
}

function mayNotify(alert: Alert, state: EngineState, config: AlertConfig, now: number): boolean {
  if (alert.monitorOnly || alert.acknowledged) return false;
  if (isFlapping(state, alert.id, now)) return false;
  return !heldByQuietHours(alert, config.quietHours, now);
}

/** Never told about this firing, or told while it was only a warning and now it is critical. */
function needsAlert(alert: Alert, state: EngineState): boolean {
  if (alert.lastNotifiedAt === null) return true;
  return alert.level === 'critical' && state.notified[alert.id]?.level === 'warning';
}

/** A re-fire soon after the last notification waits; becoming critical never does. */
function cooledDown(alert: Alert, state: EngineState, config: AlertConfig, now: number): boolean {
  const last = state.notified[alert.id];
  if (!last || alert.lastNotifiedAt !== null) return true;
  return now - last.at >= config.cooldownMinutes * 60_000;
}

/**
 * The first alert ready to notify opens a window; when it closes, everything ready by then
 * goes out as one notification.
 */
function releaseGroup(
  ready: Alert[],
  state: EngineState,
  config: AlertConfig,
  now: number,
): AlertNotification[] {
  if (ready.length === 0) {
    state.groupOpenedAt = null;
    return [];
  }
  const { enabled, windowSeconds } = config.grouping;
  if (!enabled) {
    return ready.map((alert) => ({
      event: 'alert',
      alerts: markSent([alert], state, now),
      at: now,
    }));
  }
  state.groupOpenedAt ??= now;
  if (now - state.groupOpenedAt < windowSeconds * 1000) return [];
  state.groupOpenedAt = null;
  return [{ event: 'alert', alerts: markSent(ready, state, now), at: now }];
}

/** Resolved notifications for alerts that were notified; flapping ones are dropped. */
function releaseResolved(state: EngineState, config: AlertConfig, now: number): Alert[] {
  const send: Alert[] = [];
  const keep: Alert[] = [];
  for (const alert of state.resolvedOutbox) {
    if (isFlapping(state, alert.id, now)) continue;
    if (heldByQuietHours(alert, config.quietHours, now)) keep.push(alert);
    else send.push(alert);
  }
  state.resolvedOutbox = keep;
  return send;
}

function markSent(alerts: Alert[], state: EngineState, now: number): Alert[] {
  return alerts.map((alert) => {
    alert.lastNotifiedAt = now;
    state.notified[alert.id] = { at: now, level: alert.level, escalation: alert.escalation };
    return structuredClone(alert);
  });
}

/** What was sent matters while the alert is active, and after it for the cooldown. */
function pruneNotified(state: EngineState, config: AlertConfig, now: number): void {
  for (const [id, last] of Object.entries(state.notified)) {
    const active = state.alerts[id] !== undefined;
    if (!active && now - last.at >= config.cooldownMinutes * 60_000) delete state.notified[id];
  }
}
