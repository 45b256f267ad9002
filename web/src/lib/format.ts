/** Display helpers. Every one returns an en dash for a missing value, never "NaN". */

const DASH = '–';

export function percent(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return DASH;
  return `${Math.round(fraction * 100)}%`;
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  const digits = size >= 100 || unit === 0 ? 0 : 1;
  return `${size.toFixed(digits)} ${units[unit]}`;
}

/** "12d 4h", "3h 12m", "45s": the two most significant units are enough at a glance. */
/** "3.1 GiB of 8.0 GiB"; undefined when unknown, so the caller shows nothing. */
export function usedOf(
  usage: { usedBytes: number; totalBytes: number } | null | undefined,
): string | undefined {
  return usage ? `${bytes(usage.usedBytes)} of ${bytes(usage.totalBytes)}` : undefined;
}

export function uptime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return DASH;
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${s}s`;
}

export function ago(epochMs: number | null, now: number): string {
  if (epochMs == null) return 'never';
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  // Up to two days, hours read better ("30h ago" for last night's backup); then days.
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

/** Epoch milliseconds of an ISO timestamp, or null. */
export function epoch(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** "in 5m", "in 3h", "in 2d"; a time already past is "due now". */
export function until(epochMs: number | null, now: number): string {
  if (epochMs == null) return DASH;
  const minutes = Math.round((epochMs - now) / 60_000);
  if (minutes <= 0) return 'due now';
  if (minutes < 60) return `in ${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours}h`;
  return `in ${Math.round(hours / 24)}d`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function dateTime(epochMs: number | null): string {
  return epochMs == null ? DASH : dateTimeFormat.format(epochMs);
}

export function date(epochMs: number | null): string {
  return epochMs == null ? DASH : dateFormat.format(epochMs);
}

const countFormat = new Intl.NumberFormat();

export function count(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return countFormat.format(value);
}

export function rate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond == null || !Number.isFinite(bytesPerSecond)) return DASH;
  return `${bytes(bytesPerSecond)}/s`;
}

/** "9.0.10" from PVE's "pve-manager/9.0.10/4a6b2c1d"; anything else as it is. */
export function pveRelease(version: string | null | undefined): string {
  if (!version) return DASH;
  return /pve-manager\/([^/\s]+)/.exec(version)?.[1] ?? version;
}
