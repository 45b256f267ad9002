import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the readers look: the real roots by default, fixture trees in tests. */
export interface HostRoots {
  procRoot: string;
  sysRoot: string;
  etcRoot: string;
}

export const realRoots: HostRoots = { procRoot: '/proc', sysRoot: '/sys', etcRoot: '/etc' };

/**
 * A file's text, or null when it cannot be read: kernels, containers and hardware differ in
 * what they expose, and a missing file only means a missing field.
 */
export async function readText(...parts: string[]): Promise<string | null> {
  try {
    return await readFile(join(...parts), 'utf8');
  } catch {
    return null;
  }
}

/** A file holding one number (sysfs counters), or null. */
export async function readNumber(...parts: string[]): Promise<number | null> {
  const text = await readText(...parts);
  if (text === null) return null;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/** A directory's entries, or an empty list when it does not exist. */
export async function listDir(...parts: string[]): Promise<string[]> {
  try {
    return (await readdir(join(...parts))).sort();
  } catch {
    return [];
  }
}

/** `KEY=value` lines (os-release), quotes removed. */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    values.set(match[1], value);
  }
  return values;
}
