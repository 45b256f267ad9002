/**
 * What the alert engine alerts on, as data: thresholds per resource type, time thresholds,
 * state-alert settings and the notification policy, with Pulse's defaults. The zod schema that
 * validates a config or a patch lives in `engine/config-schema.ts`.
 */
import type { Resource, ResourceType } from '../resources/model.ts';
import type { AlertKind, AlertLevel, ThresholdMetric } from './alert.ts';

/** In the metric's unit. `trigger <= 0` turns the metric off. */
export interface Threshold {
  trigger: number;
  /** Resolves at or below this; defaults to trigger minus 5 (hysteresis). */
  clear?: number;
  /** Critical at or above this; defaults to trigger + 10 (capped at 99 for percentages). */
  critical?: number;
}

export type MetricThresholds = Partial<Record<ThresholdMetric, Threshold>>;

/** Threshold groups: guests share one, Docker and Kubernetes types share theirs. */
export const alertScopes = [
  'node',
  'guest',
  'storage',
  'pbs',
  'pbsDatastore',
  'pmg',
  'host',
  'docker',
  'k8s',
  'physicalDisk',
  'ceph',
] as const;
export type AlertScope = (typeof alertScopes)[number];

export function scopeOf(type: ResourceType): AlertScope {
  if (type === 'vm' || type === 'container') return 'guest';
  if (type === 'dockerHost' || type === 'dockerContainer') return 'docker';
  if (type.startsWith('k8s')) return 'k8s';
  return type as AlertScope;
}

export const percentMetrics: ReadonlySet<ThresholdMetric> = new Set([
  'cpu',
  'memory',
  'disk',
  'usage',
]);

export const metricUnits: Record<ThresholdMetric, string> = {
  cpu: '%',
  memory: '%',
  disk: '%',
  usage: '%',
  diskRead: 'B/s',
  diskWrite: 'B/s',
  networkIn: 'B/s',
  networkOut: 'B/s',
  temperature: '°C',
};

const cpu = { trigger: 80, clear: 75 };
const memory = { trigger: 85, clear: 80 };
const disk = { trigger: 90, clear: 85 };
const usage = { trigger: 85, clear: 80 };
const off = { trigger: 0 };
/** °C of the CPU: a host agent's own sensors, or a node's through its linked agent. */
const temperature = { trigger: 80, clear: 75 };

/** Pulse's defaults (reference §4.1). Rates are off until the user sets them. */
export const defaultThresholds: Record<AlertScope, MetricThresholds> = {
  node: { cpu, memory, disk, temperature },
  guest: { cpu, memory, disk, diskRead: off, diskWrite: off, networkIn: off, networkOut: off },
  storage: { usage },
  pbs: { cpu, memory },
  pbsDatastore: { usage },
  pmg: { cpu, memory },
  host: { cpu, memory, disk, temperature },
  docker: { cpu, memory, disk: usage },
  k8s: { cpu, memory, disk },
  physicalDisk: { temperature: { trigger: 55, clear: 50 } },
  ceph: {},
};

export interface TimeThresholds {
  /** Seconds a metric must stay at or above its trigger before it fires. */
  default: number;
  byType: Partial<Record<AlertScope, number>>;
  byMetric: Partial<Record<AlertScope, Partial<Record<AlertKind, number>>>>;
}

export interface Confirmed {
  enabled: boolean;
  /** Consecutive evaluations the state must hold before the alert fires. */
  confirmations: number;
  level: AlertLevel;
}

export interface StateAlertSettings {
  nodeOffline: Confirmed;
  poweredOff: Confirmed;
  /** A PBS, PMG, agent host or Docker host that stopped answering. */
  unreachable: Confirmed;
  backupAge: { enabled: boolean; warningHours: number; criticalHours: number; missing: boolean };
  backupFailed: { enabled: boolean; level: AlertLevel };
  jobFailed: { enabled: boolean; level: AlertLevel };
  snapshotAge: { enabled: boolean; warningDays: number; criticalDays: number };
  /** Total PMG queue (active + deferred + hold + incoming), in messages. */
  pmgQueue: { enabled: boolean; warning: number; critical: number };
  smartFailure: { enabled: boolean; level: AlertLevel };
  /** HEALTH_WARN is a warning, HEALTH_ERR critical. */
  cephHealth: { enabled: boolean };
}

export const quietCategories = ['performance', 'storage', 'offline'] as const;
export type QuietCategory = (typeof quietCategories)[number];

export interface QuietHours {
  enabled: boolean;
  /** 'HH:MM' in `timezone`; a start after the end spans midnight. */
  start: string;
  end: string;
  /** IANA name, e.g. Europe/Berlin. */
  timezone: string;
  /** 0 = Sunday; an overnight window belongs to the day it starts on. */
  days: number[];
  /** Categories whose critical alerts are held too (non-critical ones always are). */
  suppress: QuietCategory[];
}

export interface EscalationStep {
  afterMinutes: number;
  /** Raise the alert to this level when the step is taken. */
  level?: AlertLevel;
}

export interface ResourceOverride {
  /** No alerts at all for this resource. */
  disabled?: boolean;
  /** Alerts are recorded and shown, never notified. */
  monitorOnly?: boolean;
  thresholds?: MetricThresholds;
  note?: string;
}

export interface AlertConfig {
  enabled: boolean;
  defaults: Record<AlertScope, MetricThresholds>;
  /** Keyed by `resourceKeyOf(resource)`, so a guest keeps its override when it migrates. */
  overrides: Record<string, ResourceOverride>;
  timeThresholds: TimeThresholds;
  stateAlerts: StateAlertSettings;
  escalation: { enabled: boolean; steps: EscalationStep[] };
  quietHours: QuietHours;
  /** A re-fire of the same alert within this many minutes of its last notification waits. */
  cooldownMinutes: number;
  flapping: { enabled: boolean; changes: number; windowSeconds: number; suppressMinutes: number };
  /** Alerts ready to notify within this window go out as one notification. */
  grouping: { enabled: boolean; windowSeconds: number };
  historyRetentionDays: number;
}

export const defaultAlertConfig: AlertConfig = {
  enabled: true,
  defaults: defaultThresholds,
  overrides: {},
  timeThresholds: { default: 5, byType: {}, byMetric: {} },
  stateAlerts: {
    nodeOffline: { enabled: true, confirmations: 3, level: 'critical' },
    // Two: a guest stopped and started again (a stop-mode backup) shows stopped for one poll.
    poweredOff: { enabled: true, confirmations: 2, level: 'warning' },
    unreachable: { enabled: true, confirmations: 3, level: 'critical' },
    backupAge: { enabled: false, warningHours: 7 * 24, criticalHours: 14 * 24, missing: true },
    backupFailed: { enabled: true, level: 'warning' },
    jobFailed: { enabled: true, level: 'warning' },
    snapshotAge: { enabled: false, warningDays: 30, criticalDays: 45 },
    pmgQueue: { enabled: true, warning: 500, critical: 1000 },
    smartFailure: { enabled: true, level: 'critical' },
    cephHealth: { enabled: true },
  },
  escalation: {
    enabled: false,
    steps: [{ afterMinutes: 15 }, { afterMinutes: 30 }, { afterMinutes: 60, level: 'critical' }],
  },
  quietHours: {
    enabled: false,
    start: '22:00',
    end: '08:00',
    timezone: 'UTC',
    days: [1, 2, 3, 4, 5],
    suppress: [],
  },
  cooldownMinutes: 5,
  flapping: { enabled: true, changes: 5, windowSeconds: 300, suppressMinutes: 15 },
  grouping: { enabled: true, windowSeconds: 30 },
  historyRetentionDays: 30,
};

/**
 * The stable identity overrides and alert ids key on. A guest is its cluster (or, outside a
 * cluster, its source) and VMID, so it keeps both when it migrates between nodes.
 */
export function resourceKeyOf(resource: Resource, cluster: string | null = null): string {
  if (resource.type === 'vm' || resource.type === 'container') {
    return `guest:${cluster ?? resource.source}:${resource.details.vmid}`;
  }
  return resource.id;
}

/** A threshold with every default filled in; absent when the metric is off. */
export interface ResolvedThreshold {
  trigger: number;
  clear: number;
  critical: number;
}

export function resolveThreshold(
  metric: ThresholdMetric,
  threshold: Threshold | undefined,
): ResolvedThreshold | null {
  if (!threshold || !(threshold.trigger > 0)) return null;
  const { trigger } = threshold;
  const clear = threshold.clear ?? Math.max(0, trigger - 5);
  const raised = percentMetrics.has(metric) ? Math.min(trigger + 10, 99) : trigger + 10;
  return { trigger, clear: Math.min(clear, trigger), critical: threshold.critical ?? raised };
}

export interface EffectiveSettings {
  disabled: boolean;
  monitorOnly: boolean;
  thresholds: Partial<Record<ThresholdMetric, ResolvedThreshold>>;
}

/** Built-in defaults ← the config's type defaults ← the resource's override. */
export function effectiveSettings(
  config: AlertConfig,
  scope: AlertScope,
  key: string,
): EffectiveSettings {
  const override = config.overrides[key];
  const merged: MetricThresholds = {
    ...defaultThresholds[scope],
    ...config.defaults[scope],
    ...override?.thresholds,
  };
  const thresholds: EffectiveSettings['thresholds'] = {};
  for (const [metric, threshold] of Object.entries(merged) as [ThresholdMetric, Threshold][]) {
    const resolved = resolveThreshold(metric, threshold);
    if (resolved) thresholds[metric] = resolved;
  }
  return {
    disabled: override?.disabled === true,
    monitorOnly: override?.monitorOnly === true,
    thresholds,
  };
}

/** Seconds before a metric alert fires: per metric, then per type, then the default. */
export function holdSeconds(config: AlertConfig, scope: AlertScope, kind: AlertKind): number {
  const times = config.timeThresholds;
  return times.byMetric[scope]?.[kind] ?? times.byType[scope] ?? times.default;
}
