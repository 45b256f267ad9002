import type { AlertLevel } from '../../graphql/generated/graphql.ts';
import type { Alert } from '../../stores/alerts.svelte.ts';
import type { BadgeTone } from '../ui/tone.ts';

export type LevelFilter = 'ALL' | AlertLevel;
export type AckFilter = 'ALL' | 'ACKNOWLEDGED' | 'UNACKNOWLEDGED';

export interface AlertFilters {
  search: string;
  level: LevelFilter;
  /** A server resource type (`vm`, `node`, …), or '' for any. */
  type: string;
  ack: AckFilter;
}

export const noAlertFilters: AlertFilters = { search: '', level: 'ALL', type: '', ack: 'ALL' };

/** The alert's `resourceType` is the server's word; these are the ones the pages use. */
const typeLabels: Record<string, string> = {
  node: 'Node',
  vm: 'VM',
  container: 'Container',
  storage: 'Storage',
  pbs: 'Backup server',
  pbsDatastore: 'Datastore',
  pmg: 'Mail gateway',
  dockerHost: 'Docker host',
  dockerContainer: 'Docker container',
  k8sCluster: 'Kubernetes cluster',
  k8sNode: 'Kubernetes node',
  k8sPod: 'Pod',
  k8sDeployment: 'Deployment',
  host: 'Host',
  physicalDisk: 'Disk',
  ceph: 'Ceph',
};

export const typeLabel = (type: string): string => typeLabels[type] ?? type;

export const levelTone: Record<AlertLevel, BadgeTone> = { CRITICAL: 'bad', WARNING: 'warn' };
export const levelLabel: Record<AlertLevel, string> = { CRITICAL: 'Critical', WARNING: 'Warning' };

export function filterAlerts(list: readonly Alert[], filters: AlertFilters): Alert[] {
  const needle = filters.search.trim().toLowerCase();
  return list.filter(
    (a) =>
      (filters.level === 'ALL' || a.level === filters.level) &&
      (!filters.type || a.resourceType === filters.type) &&
      (filters.ack === 'ALL' || (filters.ack === 'ACKNOWLEDGED') === (a.acknowledged !== null)) &&
      (!needle ||
        a.resourceName.toLowerCase().includes(needle) ||
        a.message.toLowerCase().includes(needle) ||
        a.kind.toLowerCase().includes(needle) ||
        (a.node ?? '').toLowerCase().includes(needle)),
  );
}

/** The types that occur, for the type dropdown, in label order. */
export function typeOptions(list: readonly Alert[]): { value: string; label: string }[] {
  return [...new Set(list.map((a) => a.resourceType))]
    .map((value) => ({ value, label: typeLabel(value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

const number = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 1 : 0);

/** "92% / 80%": what the resource measured against what it must stay under. */
export function measured(alert: Alert): string | null {
  if (alert.value === null) return null;
  const unit = alert.unit ?? '';
  const spaced = unit && unit !== '%' ? ` ${unit}` : unit;
  const value = `${number(alert.value)}${spaced}`;
  return alert.threshold === null ? value : `${value} / ${number(alert.threshold)}${spaced}`;
}

/** "3h 12m": how long the alert has been (or was) firing. */
export function duration(fromMs: number, toMs: number): string {
  const s = Math.max(0, Math.floor((toMs - fromMs) / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${s}s`;
}
