import type { Orm } from '../db/orm.ts';
import type { ResourceStore } from '../resources/store.ts';
import { AgentService } from './agent.service.ts';
import { AgentRegistry } from './agent-registry.ts';
import { CounterMemory } from './counters.ts';
import { AgentIngest } from './ingest.ts';
import { AgentLiveness } from './liveness.ts';

/** The agent side of the app: ingestion into the store, the registry, the liveness watch. */
export function buildAgents(store: ResourceStore, orm: Orm, clock: () => number = Date.now) {
  const counters = new CounterMemory();
  const liveness = new AgentLiveness(store, counters, clock);
  const registry = new AgentRegistry(orm);
  const ingest = new AgentIngest({ store, registry, counters, liveness });
  return { service: new AgentService({ registry, ingest, liveness }), liveness };
}
