import { type Actor, authorize } from '../access/actor.ts';
import type { EventBus } from '../events/bus.ts';
import { filterMap } from '../events/iterators.ts';
import type { Resource } from './model.ts';
import { filterResources, matchesFilter, type ResourceFilter } from './queries.ts';
import type { ResourceChange, ResourceStore } from './store.ts';

/** A change narrowed to what one subscriber asked for. */
export interface ResourceDelta {
  version: number;
  added: Resource[];
  updated: ResourceChange['updated'];
  removed: string[];
}

/** Read access to live state, for GraphQL, REST and the dashboard alike. */
export class ResourceService {
  readonly #store: ResourceStore;
  readonly #bus: EventBus;

  constructor(store: ResourceStore, bus: EventBus) {
    this.#store = store;
    this.#bus = bus;
  }

  list(actor: Actor, filter: ResourceFilter = {}): Resource[] {
    authorize(actor, 'read', 'Resource');
    return filterResources(this.#store.all(), filter);
  }

  get(actor: Actor, id: string): Resource | null {
    authorize(actor, 'read', 'Resource');
    return this.#store.get(id) ?? null;
  }

  version(actor: Actor): number {
    authorize(actor, 'read', 'Resource');
    return this.#store.version;
  }

  /**
   * Deltas for the resources matching the filter. A resource that stops matching (its status
   * left the filter) is reported as removed, one that starts matching as added.
   */
  changes(actor: Actor, filter: ResourceFilter = {}): AsyncIterableIterator<ResourceDelta> {
    authorize(actor, 'read', 'Resource');
    const events = this.#bus.iterate('resources.changed');
    return filterMap(events, (change) => narrow(change, filter));
  }
}

/** The fields a ResourceFilter looks at: only a change to one of them can end a match. */
const filteredFields = new Set(['status', 'tags', 'name', 'parentId', 'source']);

function narrow(change: ResourceChange, filter: ResourceFilter): ResourceDelta | null {
  const added = change.added.filter((r) => matchesFilter(r, filter));
  const removed = [...change.removed];
  const updated: ResourceChange['updated'] = [];
  for (const update of change.updated) {
    if (matchesFilter(update.resource, filter)) updated.push(update);
    // It may have matched before this change; removing an id the client never had is harmless.
    else if (update.changedFields.some((field) => filteredFields.has(field))) {
      removed.push(update.resource.id);
    }
  }
  if (added.length + updated.length + removed.length === 0) return null;
  return { version: change.version, added, updated, removed };
}
