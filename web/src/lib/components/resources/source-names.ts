import type { Resource } from '../../stores/resources.svelte.ts';
import { isNode, isPbs, isPmg } from './kinds.ts';

/**
 * A readable name per source id (a connection's UUID, or "demo-pve"): the PVE cluster's name
 * (or its node's, when standalone), or the Backup Server's or Mail Gateway's own name.
 */
export function sourceNames(list: readonly Resource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of list) {
    if (names.has(r.source)) continue;
    if (isNode(r)) names.set(r.source, r.cluster ?? r.name);
    else if (isPbs(r) || isPmg(r)) names.set(r.source, r.name);
  }
  return names;
}
