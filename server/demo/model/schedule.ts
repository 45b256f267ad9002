import { DAY, MINUTE, SECOND } from './clock.ts';

/** A calendar event as PBS/PVE write it: "05:00" (daily) or "sat 05:00" (weekly). */
export interface Schedule {
  hour: number;
  minute: number;
  /** 0 = Sunday; null = every day. */
  weekday: number | null;
  text: string;
}

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function schedule(hour: number, minute: number, weekday: number | null = null): Schedule {
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { hour, minute, weekday, text: weekday === null ? time : `${dayNames[weekday]} ${time}` };
}

export interface Run {
  day: number;
  start: number;
  end: number;
}

/** Runs of a schedule whose start lies in [from, to], oldest first. */
export function runsBetween(
  s: Schedule,
  from: number,
  to: number,
  durationSec: (day: number) => number,
): Run[] {
  const out: Run[] = [];
  for (let day = Math.floor(from / DAY) - 1; day <= Math.floor(to / DAY); day++) {
    if (s.weekday !== null && new Date(day * DAY).getUTCDay() !== s.weekday) continue;
    const start = day * DAY + (s.hour * 60 + s.minute) * MINUTE;
    if (start < from || start > to) continue;
    out.push({ day, start, end: start + Math.round(durationSec(day)) * SECOND });
  }
  return out;
}

/** The last run finished by `at` (looking back up to two weeks). */
export function lastCompleted(
  s: Schedule,
  at: number,
  durationSec: (day: number) => number,
): Run | null {
  const runs = runsBetween(s, at - 15 * DAY, at, durationSec).filter((r) => r.end <= at);
  return runs.at(-1) ?? null;
}

export function nextStart(s: Schedule, at: number): number {
  const runs = runsBetween(s, at + 1, at + 8 * DAY, () => 0);
  return runs[0]?.start ?? at + DAY;
}

/** The first run that starts at or after `at` (no allocation; called per snapshot). */
export function firstRunFrom(s: Schedule, at: number, durationSec: (day: number) => number): Run {
  for (let day = Math.floor(at / DAY); ; day++) {
    if (s.weekday !== null && new Date(day * DAY).getUTCDay() !== s.weekday) continue;
    const start = day * DAY + (s.hour * 60 + s.minute) * MINUTE;
    if (start >= at) return { day, start, end: start + Math.round(durationSec(day)) * SECOND };
  }
}
