import { nodeOf, type Resource, type ResourceOf } from '../../resources/model.ts';
import type { FindingDraft, FindingSubject } from '../finding.ts';
import type { PatrolInputs } from '../inputs.ts';
import type { PatrolThresholds } from '../thresholds.ts';

export interface CheckContext {
  inputs: PatrolInputs;
  thresholds: PatrolThresholds;
  now: number;
}

/** A check reads the gathered inputs and returns what it found; it has no other effects. */
export type Check = (context: CheckContext) => FindingDraft[];

export type Guest = ResourceOf<'vm'> | ResourceOf<'container'>;

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

export function isGuest(resource: Resource): resource is Guest {
  return resource.type === 'vm' || resource.type === 'container';
}

export function subjectOf(resource: Resource): FindingSubject {
  return { id: resource.id, name: resource.name, type: resource.type, node: nodeOf(resource) };
}

/** How a guest is named in findings: "web01 (VM 101)". */
export function guestLabel(guest: Guest): string {
  return `${guest.name} (${guest.type === 'vm' ? 'VM' : 'CT'} ${guest.details.vmid})`;
}

export function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export const days = (ms: number) => ms / dayMs;
