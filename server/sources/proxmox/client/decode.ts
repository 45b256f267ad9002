/**
 * Lenient readers for the three APIs. Perl sends booleans as 0/1 and some numbers as strings,
 * and omits unknown values; PBS sends real booleans. Every reader returns null for "absent or
 * unusable" so a mapper can tell unknown from zero.
 */

export type Json = Record<string, unknown>;

/** The body was JSON but not the shape the endpoint documents; the transport names the path. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Json | null {
  return isObject(value) ? value : null;
}

export function expectObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw new ShapeError(`expected ${what} to be an object`);
  return value;
}

/** A list endpoint must answer an array; entries that are not objects are dropped. */
export function expectList(value: unknown, what: string): Json[] {
  if (!Array.isArray(value)) throw new ShapeError(`expected ${what} to be a list`);
  return value.filter(isObject);
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const parsed = Number(text);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function int(value: unknown): number | null {
  const n = num(value);
  return n === null ? null : Math.trunc(n);
}

export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 0 ? false : value === 1 ? true : null;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === '1' || text === 'true' || text === 'yes' || text === 'on') return true;
    if (text === '0' || text === 'false' || text === 'no' || text === 'off') return false;
  }
  return null;
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Splits `a;b`, `a,b` or an array into a clean list; absent gives []. */
export function strList(value: unknown, separator: RegExp = /[;,\s]+/): string[] {
  if (Array.isArray(value)) {
    return value.map(str).filter((v): v is string => v !== null && v !== '');
  }
  const text = str(value);
  if (text === null) return [];
  return text.split(separator).filter((part) => part !== '');
}

export function numList(value: unknown): (number | null)[] {
  return Array.isArray(value) ? value.map(num) : [];
}

export type LoadAverage = [number | null, number | null, number | null];

/** Perl sends `["0.52","0.61","0.66"]`, PBS real numbers. */
export function loadAverage(value: unknown): LoadAverage | null {
  if (!Array.isArray(value)) return null;
  return [num(value[0]), num(value[1]), num(value[2])];
}

/** Decodes an object-valued field, or null when absent or not an object. */
export function nested<T>(value: unknown, decode: (o: Json) => T): T | null {
  const o = obj(value);
  return o === null ? null : decode(o);
}

/** Decodes every object entry of a map-valued field (`blockstat`, `nics`, `counts`). */
export function record<T>(value: unknown, decode: (o: Json) => T): Record<string, T> {
  const out: Record<string, T> = {};
  const o = obj(value);
  if (o === null) return out;
  for (const [key, entry] of Object.entries(o)) {
    if (isObject(entry)) out[key] = decode(entry);
  }
  return out;
}

export interface MemoryUsage {
  /** Bytes. */
  total: number | null;
  used: number | null;
  free: number | null;
  /** Bytes available to new work (newer PVE only). */
  available: number | null;
}

export interface DiskUsage {
  /** Bytes. */
  total: number | null;
  used: number | null;
  avail: number | null;
  free: number | null;
}

export function memoryUsage(o: Json): MemoryUsage {
  return { total: num(o.total), used: num(o.used), free: num(o.free), available: num(o.available) };
}

export function diskUsage(o: Json): DiskUsage {
  return { total: num(o.total), used: num(o.used), avail: num(o.avail), free: num(o.free) };
}

export interface KernelInfo {
  sysname: string | null;
  release: string | null;
  version: string | null;
  machine: string | null;
}

export function kernelInfo(o: Json): KernelInfo {
  return {
    sysname: str(o.sysname),
    release: str(o.release),
    version: str(o.version),
    machine: str(o.machine),
  };
}

export interface BootInfo {
  mode: string | null;
  secureBoot: boolean | null;
}

export function bootInfo(o: Json): BootInfo {
  return { mode: str(o.mode), secureBoot: bool(o.secureboot) };
}

export interface ProductVersion {
  version: string | null;
  release: string | null;
  repoid: string | null;
}

export function productVersion(data: unknown): ProductVersion {
  const o = expectObject(data, 'version');
  return { version: str(o.version), release: str(o.release), repoid: str(o.repoid) };
}
