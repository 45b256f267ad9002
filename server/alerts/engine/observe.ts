import { cpuTemperature, type Resource } from '../../resources/model.ts';
import type { AlertKind } from '../alert.ts';
import { effectiveSettings, resourceKeyOf, scopeOf } from '../thresholds.ts';
import { type Observation, subjectOf } from './observation.ts';
import { observeMetrics } from './observe-metrics.ts';
import { indexRecords, jobKey, observeGuestRecords, observeJob } from './observe-records.ts';
import { observeStates } from './observe-states.ts';
import type { EvaluateInput } from './state.ts';

/** Kinds that come from records; without records their alerts are left alone. */
export const recordKinds: ReadonlySet<AlertKind> = new Set([
  'backup-missing',
  'backup-age',
  'backup-failed',
  'snapshot-age',
  'job-failed',
]);

export interface Observed {
  observations: Observation[];
  /** Alerts of these kinds were not looked at this time and must not resolve. */
  unobserved: ReadonlySet<AlertKind>;
}

/** Every condition that holds now, for every resource the config does not turn off. */
export function observe(input: EvaluateInput, now: number): Observed {
  const { config, records } = input;
  const unobserved = records ? new Set<AlertKind>() : recordKinds;
  if (!config.enabled) return { observations: [], unobserved };
  const clusters = clustersByNodeId(input.resources);
  const nodeTemperatures = temperaturesByNodeId(input.resources);
  const guestRecords = records ? indexRecords(records) : null;
  const observations: Observation[] = [];
  for (const resource of input.resources) {
    const key = resourceKeyOf(resource, clusterOf(resource, clusters));
    const scope = scopeOf(resource.type);
    const settings = effectiveSettings(config, scope, key);
    if (settings.disabled) continue;
    if ((resource.type === 'vm' || resource.type === 'container') && resource.details.template) {
      continue;
    }
    const subject = subjectOf(resource, key);
    const monitorOnly = settings.monitorOnly;
    const temperature =
      resource.type === 'host'
        ? cpuTemperature(resource.details.temperatures)
        : (nodeTemperatures.get(resource.id) ?? null);
    observations.push(...observeMetrics(resource, subject, settings, config, scope, temperature));
    const states = observeStates(resource, subject, config.stateAlerts);
    if (guestRecords && (resource.type === 'vm' || resource.type === 'container')) {
      states.push(...observeGuestRecords(resource, subject, guestRecords, config.stateAlerts, now));
    }
    observations.push(...states.map((o) => ({ ...o, monitorOnly })));
  }
  for (const job of records?.jobs ?? []) {
    const override = config.overrides[jobKey(job)];
    if (override?.disabled) continue;
    const seen = observeJob(job, input.resources, config.stateAlerts);
    observations.push(...seen.map((o) => ({ ...o, monitorOnly: override?.monitorOnly === true })));
  }
  return { observations, unobserved };
}

function clustersByNodeId(resources: readonly Resource[]): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const r of resources) {
    if (r.type === 'node' && r.details.cluster) clusters.set(r.id, r.details.cluster);
  }
  return clusters;
}

/** A PVE node's CPU temperature, read by the host agent linked to it (Settings → Agents). */
function temperaturesByNodeId(resources: readonly Resource[]): Map<string, number> {
  const temperatures = new Map<string, number>();
  for (const r of resources) {
    if (r.type !== 'host' || r.status !== 'online' || !r.details.linkedNodeId) continue;
    const celsius = cpuTemperature(r.details.temperatures);
    if (celsius !== null) temperatures.set(r.details.linkedNodeId, celsius);
  }
  return temperatures;
}

/** A guest keys on its node's cluster, so a re-added connection keeps its overrides. */
function clusterOf(resource: Resource, clusters: Map<string, string>): string | null {
  if (resource.type !== 'vm' && resource.type !== 'container') return null;
  return resource.parentId === null ? null : (clusters.get(resource.parentId) ?? null);
}
