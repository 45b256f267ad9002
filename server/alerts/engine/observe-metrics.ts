import type { Resource, Usage } from '../../resources/model.ts';
import type { ThresholdMetric } from '../alert.ts';
import {
  type AlertConfig,
  type AlertScope,
  type EffectiveSettings,
  holdSeconds,
  metricUnits,
} from '../thresholds.ts';
import { alertId, type Observation, type Subject } from './observation.ts';

/** Storage-like types report their fill level as `usage`; everything else as `disk`. */
const usageTypes = new Set<Resource['type']>(['storage', 'pbsDatastore']);

/**
 * Offline, stopped or unknown resources report no meaningful numbers: their metric alerts
 * resolve, and the state alert (node offline, powered off, unreachable) speaks instead.
 */
const silentStatuses = new Set<Resource['status']>(['offline', 'stopped', 'unknown']);

function percent(usage: Usage | null): number | null {
  if (!usage || usage.totalBytes <= 0) return null;
  return (usage.usedBytes / usage.totalBytes) * 100;
}

/**
 * The metric in the threshold's unit, or null when the resource does not report it. The
 * temperature comes from outside: a node's is its linked host agent's (see observe.ts).
 */
export function metricValue(
  resource: Resource,
  metric: ThresholdMetric,
  temperature: number | null = null,
): number | null {
  switch (metric) {
    case 'cpu':
      return resource.cpu === null ? null : resource.cpu * 100;
    case 'memory':
      return percent(resource.memory);
    case 'disk':
      return usageTypes.has(resource.type) ? null : percent(resource.disk);
    case 'usage':
      return usageTypes.has(resource.type) ? percent(resource.disk) : null;
    case 'diskRead':
      return resource.diskIo?.readBytesPerSecond ?? null;
    case 'diskWrite':
      return resource.diskIo?.writeBytesPerSecond ?? null;
    case 'networkIn':
      return resource.network?.inBytesPerSecond ?? null;
    case 'networkOut':
      return resource.network?.outBytesPerSecond ?? null;
    case 'temperature':
      return temperature;
  }
}

export function observeMetrics(
  resource: Resource,
  subject: Subject,
  settings: EffectiveSettings,
  config: AlertConfig,
  scope: AlertScope,
  temperature: number | null,
): Observation[] {
  if (silentStatuses.has(resource.status)) return [];
  const observations: Observation[] = [];
  for (const [metric, threshold] of Object.entries(settings.thresholds)) {
    const kind = metric as ThresholdMetric;
    const value = metricValue(resource, kind, temperature);
    if (value === null || !threshold) continue;
    const holds = value >= threshold.trigger;
    const keeps = value > threshold.clear;
    if (!holds && !keeps) continue;
    observations.push({
      id: alertId(subject.resourceKey, kind),
      kind,
      subject,
      level: value >= threshold.critical ? 'critical' : 'warning',
      value,
      threshold: threshold.trigger,
      clearThreshold: threshold.clear,
      unit: metricUnits[kind],
      holds,
      keeps,
      holdSeconds: holdSeconds(config, scope, kind),
      confirmations: 1,
      monitorOnly: settings.monitorOnly,
    });
  }
  return observations;
}
