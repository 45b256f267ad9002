import type { EventBus } from '../events/bus.ts';
import { diffSnapshots, isEmptyDiff, type ResourceUpdate } from './diff.ts';
import type { Resource } from './model.ts';

/** One apply's worth of change, published as `resources.changed`. */
export interface ResourceChange {
  /** The store's version after this change; increases by one per published change. */
  version: number;
  source: string;
  at: number;
  added: Resource[];
  updated: ResourceUpdate[];
  removed: string[];
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/**
 * The current state of everything monitored: one snapshot per source. It is the only writer
 * of live state; every apply is diffed against the source's previous snapshot and, when
 * anything changed, published as exactly one `resources.changed` event.
 */
export class ResourceStore {
  readonly #bus: EventBus;
  readonly #bySource = new Map<string, Map<string, Resource>>();
  readonly #byId = new Map<string, Resource>();
  #version = 0;

  constructor(bus: EventBus) {
    this.#bus = bus;
  }

  get version(): number {
    return this.#version;
  }

  /** Replaces a source's snapshot. Returns the published change, or null when nothing changed. */
  apply(source: string, snapshot: readonly Resource[]): ResourceChange | null {
    this.#validate(source, snapshot);
    const previous = this.#bySource.get(source) ?? new Map<string, Resource>();
    const diff = diffSnapshots(previous, snapshot);
    const next = new Map(snapshot.map((resource) => [resource.id, resource]));
    for (const id of diff.removed) this.#byId.delete(id);
    for (const [id, resource] of next) this.#byId.set(id, resource);
    if (next.size > 0) this.#bySource.set(source, next);
    else this.#bySource.delete(source);
    // Every apply is a sample, changed or not: a flat line is still history.
    if (snapshot.length > 0)
      this.#bus.publish('resources.sampled', { source, resources: snapshot });
    if (isEmptyDiff(diff)) return null;
    return this.#publish(source, diff);
  }

  /** Forgets a source entirely (its node was removed), publishing the removals. */
  removeSource(source: string): ResourceChange | null {
    return this.apply(source, []);
  }

  get(id: string): Resource | undefined {
    return this.#byId.get(id);
  }

  all(): Resource[] {
    return [...this.#byId.values()];
  }

  sources(): string[] {
    return [...this.#bySource.keys()];
  }

  #validate(source: string, snapshot: readonly Resource[]): void {
    const ids = new Set<string>();
    for (const resource of snapshot) {
      if (resource.source !== source) {
        throw new SnapshotError(
          `resource ${resource.id} claims source ${resource.source}, applied as ${source}`,
        );
      }
      if (ids.has(resource.id)) throw new SnapshotError(`duplicate resource id ${resource.id}`);
      ids.add(resource.id);
      const owner = this.#byId.get(resource.id)?.source;
      if (owner !== undefined && owner !== source) {
        throw new SnapshotError(`resource id ${resource.id} already belongs to source ${owner}`);
      }
    }
  }

  #publish(
    source: string,
    diff: Omit<ResourceChange, 'version' | 'source' | 'at'>,
  ): ResourceChange {
    this.#version += 1;
    const change: ResourceChange = { version: this.#version, source, at: Date.now(), ...diff };
    this.#bus.publish('resources.changed', change);
    return change;
  }
}
