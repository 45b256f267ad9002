import type { Resource } from './model.ts';

export interface ResourceUpdate {
  resource: Resource;
  /** Dotted paths of what changed, e.g. `status`, `memory.usedBytes`, `details.loadAverage`. */
  changedFields: string[];
}

export interface SnapshotDiff {
  added: Resource[];
  updated: ResourceUpdate[];
  removed: string[];
}

/**
 * Fields that change on every poll without the resource changing: they are kept in the
 * store but do not make a resource "updated", or every poll would resend everything.
 */
const volatileFields = new Set(['lastSeenAt']);

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/**
 * Lists the paths that differ between two values. Objects are walked key by key; arrays
 * and scalars are compared whole, and a path that appears or disappears counts as changed.
 */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const paths: string[] = [];
    for (const key of [...keys].sort()) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.push(...changedPaths(before[key], after[key], path));
    }
    return paths;
  }
  return sameValue(before, after) ? [] : [prefix];
}

/** Compares one resource's old and new state, ignoring the volatile fields. */
export function diffResource(before: Resource, after: Resource): string[] {
  return changedPaths(before, after).filter((path) => !volatileFields.has(path));
}

/** Diffs a source's previous snapshot against its new one. */
export function diffSnapshots(
  previous: ReadonlyMap<string, Resource>,
  next: readonly Resource[],
): SnapshotDiff {
  const added: Resource[] = [];
  const updated: ResourceUpdate[] = [];
  const seen = new Set<string>();
  for (const resource of next) {
    seen.add(resource.id);
    const before = previous.get(resource.id);
    if (!before) {
      added.push(resource);
      continue;
    }
    const changedFields = diffResource(before, resource);
    if (changedFields.length > 0) updated.push({ resource, changedFields });
  }
  const removed = [...previous.keys()].filter((id) => !seen.has(id));
  return { added, updated, removed };
}

export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return diff.added.length === 0 && diff.updated.length === 0 && diff.removed.length === 0;
}
