import type { Alert, AlertKind } from '../alert.ts';
import type { QuietCategory, QuietHours } from '../thresholds.ts';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter is costly and the time zones are few: keep one per zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Weekday (0 = Sunday) and minutes since midnight in the zone. */
export function localTime(now: number, timeZone: string): { day: number; minutes: number } {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    day: weekdays.indexOf(part('weekday')),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** An overnight window (22:00–08:00) belongs to the day it starts on; start = end is all day. */
export function inQuietHours(quiet: QuietHours, now: number): boolean {
  if (!quiet.enabled) return false;
  const { day, minutes } = localTime(now, quiet.timezone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return quiet.days.includes(day);
  if (start < end) return quiet.days.includes(day) && minutes >= start && minutes < end;
  if (minutes >= start) return quiet.days.includes(day);
  return minutes < end && quiet.days.includes((day + 6) % 7);
}

const offlineKinds = new Set<AlertKind>(['node-offline', 'powered-off', 'instance-unreachable']);
const performanceKinds = new Set<AlertKind>([
  'cpu',
  'memory',
  'diskRead',
  'diskWrite',
  'networkIn',
  'networkOut',
  'temperature',
  'pmg-queue',
]);

/** Pulse's quiet-hours categories; disks, backups, snapshots, jobs and Ceph are storage. */
export function categoryOf(kind: AlertKind): QuietCategory {
  if (offlineKinds.has(kind)) return 'offline';
  if (performanceKinds.has(kind)) return 'performance';
  return 'storage';
}

/** Non-critical alerts wait out quiet hours; critical ones only when their category says so. */
export function heldByQuietHours(alert: Alert, quiet: QuietHours, now: number): boolean {
  if (!inQuietHours(quiet, now)) return false;
  return alert.level !== 'critical' || quiet.suppress.includes(categoryOf(alert.kind));
}
