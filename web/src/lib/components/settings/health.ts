import type { NodeConnectionFieldsFragment } from '../../graphql/generated/graphql.ts';
import type { BadgeTone } from '../ui/tone.ts';

type Health = NodeConnectionFieldsFragment['health'];

/** One word for how polling of a connection is going, from the scheduler's view of it. */
export function healthSummary(
  enabled: boolean,
  health: Health,
): { tone: BadgeTone; label: string } {
  if (!enabled) return { tone: 'off', label: 'Disabled' };
  if (!health) return { tone: 'off', label: 'Starting' };
  // An open breaker means polling is paused after repeated failures, retried later.
  if (health.breaker === 'open') return { tone: 'bad', label: 'Failing, paused' };
  if (health.consecutiveFailures > 0) return { tone: 'bad', label: 'Failing' };
  if (!health.lastSuccessAt) return { tone: 'off', label: 'First poll pending' };
  if (health.stale) return { tone: 'warn', label: 'Stale' };
  return { tone: 'ok', label: 'Polling' };
}

/** "AB:CD:EF…78:9A": enough of a pin to recognise it. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 20
    ? `${fingerprint.slice(0, 8)}…${fingerprint.slice(-8)}`
    : fingerprint;
}
