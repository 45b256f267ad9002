import { mutate, type Outcome } from '../../graphql/answers.ts';
import {
  AcknowledgeFindingMutation,
  DeleteSuppressionMutation,
  DismissFindingMutation,
  NoteFindingMutation,
  ReopenFindingMutation,
  ResolveFindingMutation,
  SnoozeFindingMutation,
  SuppressFindingMutation,
} from '../../graphql/documents/patrol.ts';
import type { DismissReason, Finding } from './patrol-view.ts';

export const acknowledgeFinding = (id: string): Promise<Outcome<Finding>> =>
  mutate(AcknowledgeFindingMutation, { id }, (d) => d.acknowledgeFinding);

export const dismissFinding = (
  id: string,
  reason: DismissReason,
  note: string,
): Promise<Outcome<Finding>> =>
  mutate(
    DismissFindingMutation,
    { id, reason, note: note.trim() || null },
    (d) => d.dismissFinding,
  );

export const resolveFinding = (id: string): Promise<Outcome<Finding>> =>
  mutate(ResolveFindingMutation, { id }, (d) => d.resolveFinding);

/** Takes back an acknowledgement, a snooze or a dismissal. */
export const reopenFinding = (id: string): Promise<Outcome<Finding>> =>
  mutate(ReopenFindingMutation, { id }, (d) => d.reopenFinding);

/** Sets people's note on a finding; blank clears it. */
export const noteFinding = (id: string, note: string): Promise<Outcome<Finding>> =>
  mutate(NoteFindingMutation, { id, note: note.trim() || null }, (d) => d.noteFinding);

export const maxNoteChars = 1_000;

export const snoozeFinding = (id: string, until: Date): Promise<Outcome<Finding>> =>
  mutate(SnoozeFindingMutation, { id, until: until.toISOString() }, (d) => d.snoozeFinding);

export const suppressFinding = (id: string, reason: string): Promise<Outcome<{ id: string }>> =>
  mutate(SuppressFindingMutation, { id, reason: reason.trim() || null }, (d) => d.suppressFinding);

export const deleteSuppression = (id: string): Promise<Outcome<{ id: string }>> =>
  mutate(DeleteSuppressionMutation, { id }, (d) => d.deleteSuppression);

const hourMs = 3_600_000;

export const snoozePresets = [
  { label: '1 hour', ms: hourMs },
  { label: '1 day', ms: 24 * hourMs },
  { label: '1 week', ms: 7 * 24 * hourMs },
] as const;

/** The start of a calendar day (from a date input, `YYYY-MM-DD`) in the browser's time zone. */
export function startOfDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `YYYY-MM-DD` of the day after `now`, the earliest a snooze "until a date" may end. */
export function tomorrow(now: number): string {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}
