import { nodeOf, type Resource, type ResourceType } from '../../resources/model.ts';
import type { AlertKind, AlertLevel } from '../alert.ts';

/** The resource an alert is about, as the alert records it. */
export interface Subject {
  resourceId: string;
  resourceKey: string;
  resourceName: string;
  resourceType: ResourceType;
  node: string | null;
  instance: string;
}

/**
 * One condition seen in one evaluation. Only conditions that hold (or keep a firing alert
 * alive) are observed; an alert without an observation resolves.
 */
export interface Observation {
  id: string;
  kind: AlertKind;
  subject: Subject;
  level: AlertLevel;
  value: number | null;
  threshold: number | null;
  clearThreshold: number | null;
  unit: string | null;
  /** Enough to start an alert or keep a pending one: at or above the trigger. */
  holds: boolean;
  /** Enough to keep a firing alert: above the clear threshold (hysteresis). */
  keeps: boolean;
  holdSeconds: number;
  confirmations: number;
  monitorOnly: boolean;
}

/** A state (not a number) seen: holds and keeps alike, with no hold time of its own. */
export function stateObservation(
  subject: Subject,
  kind: AlertKind,
  level: AlertLevel,
  extra: Partial<Pick<Observation, 'value' | 'threshold' | 'unit' | 'confirmations'>> = {},
): Omit<Observation, 'monitorOnly'> {
  return {
    id: alertId(subject.resourceKey, kind),
    kind,
    subject,
    level,
    value: extra.value ?? null,
    threshold: extra.threshold ?? null,
    clearThreshold: null,
    unit: extra.unit ?? null,
    holds: true,
    keeps: true,
    holdSeconds: 0,
    confirmations: extra.confirmations ?? 1,
  };
}

export function alertId(resourceKey: string, kind: AlertKind): string {
  return `${resourceKey}:${kind}`;
}

export function subjectOf(resource: Resource, resourceKey: string): Subject {
  return {
    resourceId: resource.id,
    resourceKey,
    resourceName: resource.name,
    resourceType: resource.type,
    node: nodeOf(resource),
    instance: resource.source,
  };
}
