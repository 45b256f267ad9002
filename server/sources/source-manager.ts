import { systemActor } from '../access/actor.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeService, NodeWithCredentials } from '../nodes/node.service.ts';
import type { Scheduler } from './scheduler.ts';
import type { Source } from './source.ts';

/** Builds the poller for one configured (or demo) node. */
export type SourceFactory = (node: NodeWithCredentials) => Source;

/** The demo estate as a set of ordinary nodes, started only while it is wanted. */
export interface DemoNodes {
  start(): Promise<NodeWithCredentials[]>;
  stop(): Promise<void>;
}

/**
 * Keeps the scheduler's sources in step with the configured nodes. With demo mode `auto`,
 * the demo estate runs while no real node is enabled and goes away when one is added.
 */
export class SourceManager {
  readonly #nodes: NodeService;
  readonly #scheduler: Scheduler;
  readonly #factory: SourceFactory;
  readonly #demo: DemoNodes | null;
  readonly #demoMode: 'auto' | 'on' | 'off';
  readonly #log: Logger;
  /** Source id → the node's updatedAt when it was scheduled, to notice edits. */
  readonly #scheduled = new Map<string, number>();
  #demoIds: string[] = [];
  #syncing: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;

  constructor(options: {
    nodes: NodeService;
    scheduler: Scheduler;
    bus: EventBus;
    factory: SourceFactory;
    demo: DemoNodes | null;
    demoMode: 'auto' | 'on' | 'off';
    log: Logger;
  }) {
    this.#nodes = options.nodes;
    this.#scheduler = options.scheduler;
    this.#factory = options.factory;
    this.#demo = options.demo;
    this.#demoMode = options.demoMode;
    this.#log = options.log;
    this.#unsubscribe = options.bus.subscribe('nodes.changed', () => void this.sync());
  }

  /** Brings sources in line with the database; calls are queued, never run side by side. */
  sync(): Promise<void> {
    this.#syncing = this.#syncing
      .then(() => this.#sync())
      .catch((error: unknown) => {
        this.#log.error({ err: error }, 'could not apply the node configuration');
      });
    return this.#syncing;
  }

  get demoRunning(): boolean {
    return this.#demoIds.length > 0;
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    await this.#syncing;
    await this.#stopDemo();
  }

  async #sync(): Promise<void> {
    const nodes = await this.#nodes.enabledWithCredentials(systemActor);
    const wanted = new Map(nodes.map((node) => [node.id, node]));
    for (const [id, version] of this.#scheduled) {
      const node = wanted.get(id);
      if (!node || node.updatedAt.getTime() !== version) {
        await this.#scheduler.remove(id);
        this.#scheduled.delete(id);
      }
    }
    for (const node of nodes) {
      if (this.#scheduled.has(node.id)) continue;
      this.#scheduler.add(this.#factory(node));
      this.#scheduled.set(node.id, node.updatedAt.getTime());
    }
    const wantDemo = this.#demoMode === 'on' || (this.#demoMode === 'auto' && nodes.length === 0);
    if (wantDemo && !this.demoRunning) await this.#startDemo();
    if (!wantDemo && this.demoRunning) await this.#stopDemo();
  }

  async #startDemo(): Promise<void> {
    if (!this.#demo) return;
    const nodes = await this.#demo.start();
    for (const node of nodes) this.#scheduler.add(this.#factory(node));
    this.#demoIds = nodes.map((node) => node.id);
    this.#log.info({ sources: this.#demoIds }, 'demo estate started');
  }

  async #stopDemo(): Promise<void> {
    if (this.#demoIds.length === 0) return;
    for (const id of this.#demoIds) await this.#scheduler.remove(id);
    this.#demoIds = [];
    await this.#demo?.stop();
    this.#log.info('demo estate stopped');
  }
}
