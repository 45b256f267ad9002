import type { AlertConfig } from '../thresholds.ts';
import type { EngineState } from './state.ts';

/** Records a fire or resolve; enough of them inside the window mute the alert for a while. */
export function noteChange(state: EngineState, id: string, config: AlertConfig, now: number): void {
  const { enabled, changes, windowSeconds, suppressMinutes } = config.flapping;
  if (!enabled) return;
  const history = state.flapping[id] ?? { changes: [], suppressedUntil: null };
  history.changes = [...history.changes.filter((at) => now - at < windowSeconds * 1000), now];
  if (history.changes.length >= changes) {
    history.suppressedUntil = now + suppressMinutes * 60_000;
    // Counting starts again, so a still-flapping alert is muted again when this lifts.
    history.changes = [];
  }
  state.flapping[id] = history;
}

export function isFlapping(state: EngineState, id: string, now: number): boolean {
  const until = state.flapping[id]?.suppressedUntil ?? null;
  return until !== null && now < until;
}

/** Drops histories that no longer matter, so the state does not grow without end. */
export function pruneFlapping(state: EngineState, config: AlertConfig, now: number): void {
  const windowMs = config.flapping.windowSeconds * 1000;
  for (const [id, history] of Object.entries(state.flapping)) {
    const recent = history.changes.filter((at) => now - at < windowMs);
    const muted = history.suppressedUntil !== null && now < history.suppressedUntil;
    if (recent.length === 0 && !muted) delete state.flapping[id];
    else
      state.flapping[id] = {
        changes: recent,
        suppressedUntil: muted ? history.suppressedUntil : null,
      };
  }
}
