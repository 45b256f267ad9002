import { type Actor, authorize } from '../access/actor.ts';
import type { Scheduler } from './scheduler.ts';
import type { SourceHealth } from './source.ts';

/** Read access to how collection is going, per source. */
export class SourcesService {
  readonly #scheduler: Scheduler;
  readonly #demoRunning: () => boolean;

  constructor(scheduler: Scheduler, demoRunning: () => boolean) {
    this.#scheduler = scheduler;
    this.#demoRunning = demoRunning;
  }

  /** True while the built-in demo estate is what the dashboard shows. */
  demoActive(actor: Actor): boolean {
    authorize(actor, 'read', 'Resource');
    return this.#demoRunning();
  }

  /**
   * Whether each source is being collected: about nodes and about the monitoring data alike,
   * so either reader may see it (/api/state carries it to monitoring:read tokens).
   */
  health(actor: Actor): SourceHealth[] {
    if (!actor.ability.can('read', 'Node')) authorize(actor, 'read', 'Resource');
    return this.#scheduler.health();
  }

  healthOf(actor: Actor, sourceId: string): SourceHealth | null {
    return this.health(actor).find((h) => h.id === sourceId) ?? null;
  }
}
