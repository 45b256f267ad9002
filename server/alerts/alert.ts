/**
 * The alert model shared by the engine (which decides), the alert service (which persists
 * and serves) and the notifier (which delivers). Times are epoch milliseconds.
 */
import type { ResourceType } from '../resources/model.ts';

export type AlertLevel = 'warning' | 'critical';

/** pending: the condition holds but not yet for the time threshold; firing; resolved. */
export type AlertState = 'pending' | 'firing' | 'resolved';

/** Metric thresholds, in the user's units: percent for usage, bytes per second for rates, °C. */
export const thresholdMetrics = [
  'cpu',
  'memory',
  'disk',
  'diskRead',
  'diskWrite',
  'networkIn',
  'networkOut',
  'temperature',
  'usage',
] as const;
export type ThresholdMetric = (typeof thresholdMetrics)[number];

/** Alerts about a state rather than a number crossing a threshold. */
export const stateAlertKinds = [
  'node-offline',
  'powered-off',
  'instance-unreachable',
  'backup-missing',
  'backup-age',
  'backup-failed',
  'job-failed',
  'snapshot-age',
  'pmg-queue',
  'smart-failure',
  'ceph-health',
] as const;
export type StateAlertKind = (typeof stateAlertKinds)[number];

export type AlertKind = ThresholdMetric | StateAlertKind;

export interface Acknowledgement {
  by: string;
  at: number;
}

export interface Alert {
  /** Stable: `<resourceKey>:<kind>`, so the same problem on the same thing is one alert. */
  id: string;
  kind: AlertKind;
  level: AlertLevel;
  state: AlertState;
  /** The resource's current id in the state store (`<source>/<local id>`). */
  resourceId: string;
  /**
   * The resource's stable identity, which survives a migration: a guest is its cluster and
   * VMID (`guest:<cluster>:<vmid>`), everything else its resource id. Overrides key on this.
   */
  resourceKey: string;
  resourceName: string;
  resourceType: ResourceType;
  /** The Proxmox node (or host) it runs on, when it has one. */
  node: string | null;
  /** The configured connection (source) that reported it. */
  instance: string;
  message: string;
  /** The measured value and the thresholds, in the metric's unit; null for state alerts. */
  value: number | null;
  threshold: number | null;
  clearThreshold: number | null;
  unit: string | null;
  /** When the condition first held (also for pending alerts). */
  startedAt: number;
  /** When it became firing; null while pending. */
  firedAt: number | null;
  /** The last evaluation that saw the condition. */
  lastSeenAt: number;
  resolvedAt: number | null;
  acknowledged: Acknowledgement | null;
  /** Recorded and shown, never notified (per-resource override). */
  monitorOnly: boolean;
  /** How many escalation steps have been taken (0: none). */
  escalation: number;
  lastNotifiedAt: number | null;
}

/** One delivery request: one event about one alert, or a group that fired together. */
export interface AlertNotification {
  event: 'alert' | 'resolved' | 'escalated' | 'test';
  alerts: Alert[];
  /** When the notification was decided; templates show it as the timestamp. */
  at: number;
}

/** What changed about which alerts, as the `alertsChanged` subscription delivers it. */
export interface AlertChange {
  changes: {
    type: 'pending' | 'fired' | 'resolved' | 'updated' | 'escalated' | 'acknowledged';
    alert: Alert;
  }[];
}
