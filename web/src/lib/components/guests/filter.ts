import type { GuestResource } from '../resources/kinds.ts';

export type GuestKind = 'ALL' | 'VM' | 'CONTAINER';
/** Running, stopped, or anything else worth a look (paused, unknown). */
export type StatusFilter = 'ALL' | 'RUNNING' | 'STOPPED' | 'OTHER';

export interface GuestFilters {
  kind: GuestKind;
  node: string;
  status: StatusFilter;
  tag: string;
}

export const noFilters: GuestFilters = { kind: 'ALL', node: '', status: 'ALL', tag: '' };

function statusMatches(guest: GuestResource, status: StatusFilter): boolean {
  if (status === 'ALL') return true;
  if (status === 'OTHER') return guest.status !== 'RUNNING' && guest.status !== 'STOPPED';
  return guest.status === status;
}

/** The toolbar's filters; the search box is applied by the shared table view. */
export function filterGuests(
  guests: readonly GuestResource[],
  filters: GuestFilters,
): GuestResource[] {
  return guests.filter(
    (g) =>
      (filters.kind === 'ALL' || g.type === filters.kind) &&
      (!filters.node || g.node === filters.node) &&
      (!filters.tag || g.tags.includes(filters.tag)) &&
      statusMatches(g, filters.status),
  );
}

const natural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** The choices each dropdown offers: only values that occur. */
export function filterOptions(guests: readonly GuestResource[]) {
  return {
    nodes: [...new Set(guests.map((g) => g.node))].sort(natural),
    tags: [...new Set(guests.flatMap((g) => g.tags))].sort(natural),
  };
}
