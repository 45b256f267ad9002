import type { AuditLog } from '../audit/audit-log.ts';
import type { Orm } from '../db/orm.ts';
import type { ResourceStore } from '../resources/store.ts';
import { AgentService } from './agent.service.ts';
import { AgentRegistry } from './agent-registry.ts';
import { CounterMemory } from './counters.ts';
import { AgentIngest } from './ingest.ts';
import { AgentLiveness } from './liveness.ts';

/** The agent side of the app: ingestion into the store, the registry, the liveness watch. */
export function buildAgents(parts: {
  store: ResourceStore;
  orm: Orm;
  audit: AuditLog;
  /** The name of an API token that still works (not revoked, not expired), or null. */
  tokenName: (id: string) => Promise<string | null>;
  clock?: () => number;
}) {
  const { store, orm, audit, tokenName, clock = Date.now } = parts;
  const counters = new CounterMemory();
  const liveness = new AgentLiveness(store, counters, clock);
  const registry = new AgentRegistry(orm);
  const tokenExists = async (id: string) => (await tokenName(id)) !== null;
  const ingest = new AgentIngest({ store, registry, counters, liveness, tokenExists });
  const isNode = (id: string) => store.get(id)?.type === 'node';
  const peers = { tokenName, isNode, audit };
  return { service: new AgentService({ registry, ingest, liveness, peers }), liveness };
}
