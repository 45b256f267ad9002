/**
 * The engine's state and its inputs and outputs. The state is plain JSON (no Maps, Dates or
 * undefined values) so the caller can persist it with JSON.stringify and load it back.
 */

import type { Resource } from '../../resources/model.ts';
import type {
  BackupRecord,
  GuestSnapshotRecord,
  JobRecord,
  TaskRecord,
} from '../../resources/records.ts';
import type { Alert, AlertLevel, AlertNotification } from '../alert.ts';
import type { AlertConfig } from '../thresholds.ts';

export interface EngineRecords {
  backups: BackupRecord[];
  snapshots: GuestSnapshotRecord[];
  tasks: TaskRecord[];
  jobs: JobRecord[];
}

export interface EvaluateInput {
  resources: readonly Resource[];
  /** Absent: the record-based alerts (backups, snapshots, jobs) are left as they are. */
  records?: EngineRecords;
  config: AlertConfig;
}

/** What was last sent about an alert id; kept after it resolves, for the cooldown. */
export interface Notified {
  at: number;
  level: AlertLevel;
  escalation: number;
}

export interface FlapHistory {
  /** When the alert fired or resolved, within the flapping window. */
  changes: number[];
  suppressedUntil: number | null;
}

export interface EngineState {
  version: 1;
  /** Pending and firing alerts by id; resolved ones leave the state. */
  alerts: Record<string, Alert>;
  /** Consecutive evaluations each pending alert's condition has held. */
  confirmations: Record<string, number>;
  flapping: Record<string, FlapHistory>;
  notified: Record<string, Notified>;
  /** When the current grouping window opened; null when none is open. */
  groupOpenedAt: number | null;
  /** Resolved alerts that were notified and whose resolved notification is not sent yet. */
  resolvedOutbox: Alert[];
}

export function emptyState(): EngineState {
  return {
    version: 1,
    alerts: {},
    confirmations: {},
    flapping: {},
    notified: {},
    groupOpenedAt: null,
    resolvedOutbox: [],
  };
}

export type TransitionType = 'pending' | 'fired' | 'resolved' | 'updated' | 'escalated';

/**
 * An event the caller acts on (persist, publish). `resolved` is also emitted for a pending
 * alert that was dropped before it fired; its `firedAt` is null.
 */
export interface AlertTransition {
  type: TransitionType;
  alert: Alert;
}

export interface EngineResult {
  state: EngineState;
  transitions: AlertTransition[];
  /** Send these now. */
  notifications: AlertNotification[];
}
