import type { Resource } from '../../resources/model.ts';
import type { StateAlertSettings } from '../thresholds.ts';
import { type Observation, type Subject, stateObservation } from './observation.ts';

type StateObservation = Omit<Observation, 'monitorOnly'>;

/** Types whose being offline means Pulse cannot reach the instance behind them. */
const instanceTypes = new Set<Resource['type']>(['pbs', 'pmg', 'host', 'dockerHost', 'k8sCluster']);

/** Node offline, guest powered off, instance unreachable, PMG queue, SMART, Ceph. */
export function observeStates(
  resource: Resource,
  subject: Subject,
  settings: StateAlertSettings,
): StateObservation[] {
  const seen: StateObservation[] = [];
  const { nodeOffline, poweredOff, unreachable } = settings;
  if (resource.type === 'node' && resource.status === 'offline' && nodeOffline.enabled) {
    seen.push(stateObservation(subject, 'node-offline', nodeOffline.level, nodeOffline));
  }
  if (instanceTypes.has(resource.type) && resource.status === 'offline' && unreachable.enabled) {
    seen.push(stateObservation(subject, 'instance-unreachable', unreachable.level, unreachable));
  }
  if (resource.type === 'vm' || resource.type === 'container') {
    if (resource.status === 'stopped' && poweredOff.enabled && !resource.details.template) {
      seen.push(stateObservation(subject, 'powered-off', poweredOff.level, poweredOff));
    }
  }
  if (resource.type === 'pmg') seen.push(...pmgQueue(resource.details.queues, subject, settings));
  if (resource.type === 'physicalDisk' && settings.smartFailure.enabled) {
    if (resource.details.health?.toUpperCase() === 'FAILED') {
      seen.push(stateObservation(subject, 'smart-failure', settings.smartFailure.level));
    }
  }
  if (resource.type === 'ceph' && settings.cephHealth.enabled) {
    const health = resource.details.health.toUpperCase();
    if (health !== 'HEALTH_OK') {
      const level = health === 'HEALTH_ERR' ? 'critical' : 'warning';
      seen.push(stateObservation(subject, 'ceph-health', level));
    }
  }
  return seen;
}

function pmgQueue(
  queues: { active: number; deferred: number; hold: number; incoming: number } | null,
  subject: Subject,
  settings: StateAlertSettings,
): StateObservation[] {
  const { enabled, warning, critical } = settings.pmgQueue;
  if (!enabled || !queues) return [];
  const total = queues.active + queues.deferred + queues.hold + queues.incoming;
  if (total < warning) return [];
  const level = total >= critical ? 'critical' : 'warning';
  const threshold = level === 'critical' ? critical : warning;
  return [
    stateObservation(subject, 'pmg-queue', level, { value: total, threshold, unit: 'messages' }),
  ];
}
