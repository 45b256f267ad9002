import type { Actor } from '../access/actor.ts';
import type { MetricName } from '../metrics/metric-names.ts';
import type { MetricsService } from '../metrics/metrics.service.ts';
import type { MetricsStore, Point } from '../metrics/store.ts';
import { ranges } from '../metrics/tiers.ts';
import type { Resource } from '../resources/model.ts';
import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  TaskRecord,
} from '../resources/records.ts';
import type { PatrolThresholdOverrides } from './thresholds.ts';

export interface PatrolRecords {
  backups: readonly BackupRecord[];
  snapshots: readonly GuestSnapshotRecord[];
  tasks: readonly TaskRecord[];
  jobs: readonly JobRecord[];
}

/** History the checks read, fetched once before they run so the checks stay pure. */
export interface PatrolHistory {
  /** Used fraction (`disk` metric) of disks, storages and datastores over up to 7 days. */
  usage: ReadonlyMap<string, readonly Point[]>;
  /** Used memory fraction of nodes and guests over the last day. */
  memory: ReadonlyMap<string, readonly Point[]>;
}

export interface PatrolInputs {
  resources: readonly Resource[];
  records: PatrolRecords;
  history: PatrolHistory;
  thresholds?: PatrolThresholdOverrides;
}

export type HistoryRange = '24h' | '7d';

/** The narrow slice of the metrics history the patrol needs. */
export interface HistorySource {
  batch(
    resourceIds: readonly string[],
    metric: MetricName,
    range: HistoryRange,
  ): ReadonlyMap<string, readonly Point[]>;
}

/** The metrics service as a history source, read as the given actor (the patrol's own). */
export function historyFromService(service: MetricsService, actor: Actor): HistorySource {
  // The service takes at most 5,000 resources per batch.
  const chunk = 5_000;
  return {
    batch(resourceIds, metric, range) {
      const out = new Map<string, readonly Point[]>();
      for (let i = 0; i < resourceIds.length; i += chunk) {
        const part = service.batch(actor, resourceIds.slice(i, i + chunk), metric, range);
        for (const [id, points] of part) if (points.length > 0) out.set(id, points);
      }
      return out;
    },
  };
}

/** A metrics store read at the given clock (the simulated estate's, in tests). */
export function historyFromStore(store: MetricsStore, now: () => number): HistorySource {
  return {
    batch(resourceIds, metric, range) {
      const out = new Map<string, readonly Point[]>();
      for (const [id, points] of store.batch(resourceIds, metric, ranges[range], now()))
        if (points.length > 0) out.set(id, points);
      return out;
    },
  };
}

/** Resources whose used space can fill up: storages, datastores, root disks, guest disks. */
export function fillsUp(resource: Resource): boolean {
  if (resource.disk === null || resource.disk.totalBytes <= 0) return false;
  switch (resource.type) {
    case 'storage':
    case 'pbsDatastore':
    case 'node':
    case 'container':
    case 'host':
      return true;
    // Without the guest agent a VM's disk figure is its allocation, not what is used inside.
    case 'vm':
      return resource.details.diskSource === 'agent' && !resource.details.template;
    default:
      return false;
  }
}

export function hasMemory(resource: Resource): boolean {
  return (
    resource.memory !== null &&
    resource.memory.totalBytes > 0 &&
    (resource.type === 'node' || resource.type === 'vm' || resource.type === 'container')
  );
}

export interface PatrolSources {
  resources: { all(): readonly Resource[] };
  records: { list<K extends keyof PatrolRecords>(kind: K): PatrolRecords[K] };
  history: HistorySource;
}

/** One read of everything the checks look at. */
export function gatherPatrolInputs(
  sources: PatrolSources,
  thresholds?: PatrolThresholdOverrides,
): PatrolInputs {
  const resources = sources.resources.all();
  const usageIds = resources.filter(fillsUp).map((r) => r.id);
  const memoryIds = resources.filter(hasMemory).map((r) => r.id);
  return {
    resources,
    records: {
      backups: sources.records.list('backups'),
      snapshots: sources.records.list('snapshots'),
      tasks: sources.records.list('tasks'),
      jobs: sources.records.list('jobs'),
    },
    history: {
      usage: sources.history.batch(usageIds, 'disk', '7d'),
      memory: sources.history.batch(memoryIds, 'memory', '24h'),
    },
    ...(thresholds && { thresholds }),
  };
}
