import { type Actor, authorize } from '../access/actor.ts';
import type { Alert } from '../alerts/alert.ts';
import type { Services } from '../app.ts';
import type { Resource, ResourceOf, ResourceType } from '../resources/model.ts';
import { toPulse } from './alerts.ts';
import { pulseAgentArrays } from './pulse-agent-shapes.ts';
import {
  pulseGuest,
  pulseNode,
  pulsePbs,
  pulsePmg,
  pulseResource,
  pulseSnapshot,
  pulseStorage,
  pulseStorageBackup,
  pulseTask,
} from './pulse-shapes.ts';
import type { Route } from './router.ts';

function ofType<T extends ResourceType>(resources: Resource[], type: T): ResourceOf<T>[] {
  return resources.filter((r) => r.type === type) as ResourceOf<T>[];
}

function backups(actor: Actor, services: Services) {
  const all = services.records.backups(actor);
  const tasks = services.records.tasks(actor).filter((t) => t.type === 'vzdump');
  const snapshots = services.records.snapshots(actor);
  return {
    pve: {
      backupTasks: tasks.map(pulseTask),
      storageBackups: all.filter((b) => b.origin === 'pve').map(pulseStorageBackup),
      guestSnapshots: snapshots.map((s) => pulseSnapshot(s, s.id.split('/')[0] ?? '')),
    },
    pbs: all.filter((b) => b.origin === 'pbs').map(pulseStorageBackup),
  };
}

/** Pulse keeps resolved alerts in its state for five minutes, at most 1,024 (we read 1,000). */
const recentlyResolvedMs = 5 * 60_000;
const recentlyResolvedMax = 1_000;

/** The part of the state that lives in the database, read before the rest. */
interface StoredParts {
  recentlyResolved: Alert[];
}

const nothingStored: StoredParts = { recentlyResolved: [] };

async function storedParts(actor: Actor, services: Services): Promise<StoredParts> {
  const recentlyResolved = actor.ability.can('read', 'Alert')
    ? await services.alerts.history(actor, {
        since: Date.now() - recentlyResolvedMs,
        limit: recentlyResolvedMax,
      })
    : [];
  return { recentlyResolved };
}

/**
 * The whole state in both shapes: the per-type arrays (v4/v5) and `resources` (v6). Synchronous
 * over what is in memory, for the `/ws` stream; the database part (`recentlyResolved`) is
 * empty unless given, as `pulseStateNow` does.
 */
export function pulseState(actor: Actor, services: Services, stored = nothingStored) {
  const resources = services.resources.list(actor);
  const datastores = ofType(resources, 'pbsDatastore');
  const backupState = backups(actor, services);
  return {
    nodes: ofType(resources, 'node').map(pulseNode),
    vms: ofType(resources, 'vm').map(pulseGuest),
    containers: ofType(resources, 'container').map(pulseGuest),
    storage: ofType(resources, 'storage').map(pulseStorage),
    pbs: ofType(resources, 'pbs').map((p) =>
      pulsePbs(
        p,
        datastores.filter((d) => d.parentId === p.id),
      ),
    ),
    pmg: ofType(resources, 'pmg').map(pulsePmg),
    physicalDisks: ofType(resources, 'physicalDisk').map(pulseResource),
    cephClusters: ofType(resources, 'ceph').map(pulseResource),
    ...pulseAgentArrays(resources),
    pveBackups: backupState.pve,
    pbsBackups: backupState.pbs,
    backups: { pve: backupState.pve, pbs: backupState.pbs },
    replicationJobs: services.records.replication(actor),
    resources: resources.map(pulseResource),
    connectionHealth: Object.fromEntries(
      services.sources
        .health(actor)
        .map((h) => [h.id, h.consecutiveFailures === 0 && h.lastSuccessAt !== null]),
    ),
    // The state is about resources: a reader who may not see alerts gets none, not a 403.
    activeAlerts: actor.ability.can('read', 'Alert')
      ? services.alerts.active(actor).map(toPulse)
      : [],
    recentlyResolved: stored.recentlyResolved.map(toPulse),
    stats: { version: services.system.version().version, uptime: services.system.uptimeSeconds() },
    lastUpdate: Date.now(),
  };
}

/** The whole state, with what only the database knows: for `GET /api/state`. */
export async function pulseStateNow(actor: Actor, services: Services) {
  // Refuse before reading the database, as the synchronous part would after.
  authorize(actor, 'read', 'Resource');
  return pulseState(actor, services, await storedParts(actor, services));
}

/** /api/state and the read routes built from it. */
export const stateRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/state',
    handle: ({ actor, services }) => pulseStateNow(actor, services),
  },
  {
    method: 'GET',
    path: '/api/resources',
    handle: ({ actor, services }) => ({
      resources: services.resources.list(actor).map(pulseResource),
    }),
  },
  {
    method: 'GET',
    path: '/api/storage',
    handle: ({ actor, services }) =>
      ofType(services.resources.list(actor, { types: ['storage'] }), 'storage').map(pulseStorage),
  },
  {
    method: 'GET',
    path: '/api/storage/:node',
    handle: ({ actor, services, params }) =>
      ofType(services.resources.list(actor, { types: ['storage'] }), 'storage')
        .filter((s) => s.details.node === params.node || s.parentId === params.node)
        .map(pulseStorage),
  },
  {
    method: 'GET',
    path: '/api/backups',
    handle: ({ actor, services }) => backups(actor, services),
  },
  {
    method: 'GET',
    path: '/api/backups/unified',
    handle: ({ actor, services }) => ({
      backups: services.records.backups(actor).map(pulseStorageBackup),
    }),
  },
  {
    method: 'GET',
    path: '/api/backups/pve',
    handle: ({ actor, services }) => backups(actor, services).pve,
  },
  {
    method: 'GET',
    path: '/api/backups/pbs',
    handle: ({ actor, services }) => backups(actor, services).pbs,
  },
  {
    method: 'GET',
    path: '/api/snapshots',
    handle: ({ actor, services }) =>
      services.records.snapshots(actor).map((s) => pulseSnapshot(s, s.id.split('/')[0] ?? '')),
  },
];
