import type { Alert, AlertKind } from '../alert.ts';

const metricLabels: Partial<Record<AlertKind, string>> = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  usage: 'Usage',
  diskRead: 'Disk read',
  diskWrite: 'Disk write',
  networkIn: 'Network in',
  networkOut: 'Network out',
  temperature: 'Temperature',
};

const typeLabels: Partial<Record<Alert['resourceType'], string>> = {
  node: 'Node',
  vm: 'VM',
  container: 'Container',
  pbs: 'Backup server',
  pmg: 'Mail gateway',
  host: 'Host',
  dockerHost: 'Docker host',
  k8sCluster: 'Kubernetes cluster',
};

/** The human message for an alert, e.g. "CPU on web-01 is 93% (threshold 90%)". */
export function describe(alert: Alert): string {
  const name = alert.resourceName;
  const label = metricLabels[alert.kind];
  if (label) return `${label} on ${name} is ${measured(alert)}`;
  const what = typeLabels[alert.resourceType] ?? 'Resource';
  switch (alert.kind) {
    case 'node-offline':
      return `Node ${name} is offline`;
    case 'powered-off':
      return `${what} ${name} is powered off`;
    case 'instance-unreachable':
      return `${what} ${name} is unreachable`;
    case 'backup-missing':
      return `${name} has no backup`;
    case 'backup-age':
      return `The last backup of ${name} is ${measured(alert, ' old')}`;
    case 'backup-failed':
      return `The last backup of ${name} failed`;
    case 'job-failed':
      return `${name} failed on its last run`;
    case 'snapshot-age':
      return `The oldest snapshot of ${name} is ${measured(alert, ' old')}`;
    case 'pmg-queue':
      return `The mail queue on ${name} holds ${measured(alert)}`;
    case 'smart-failure':
      return `Disk ${name} failed its SMART health check`;
    case 'ceph-health':
      return `Ceph on ${name} reports ${alert.level === 'critical' ? 'HEALTH_ERR' : 'HEALTH_WARN'}`;
    default:
      return `${alert.kind} on ${name}`;
  }
}

function measured(alert: Alert, suffix = ''): string {
  const value = `${format(alert.value, alert.unit)}${suffix}`;
  return alert.threshold === null
    ? value
    : `${value} (threshold ${format(alert.threshold, alert.unit)})`;
}

/** A value in its unit, rounded the way a person reads it. */
export function format(value: number | null, unit: string | null): string {
  if (value === null) return 'unknown';
  switch (unit) {
    case '%':
      return `${Math.round(value)}%`;
    case '°C':
      return `${Math.round(value)} °C`;
    case 'B/s':
      return rate(value);
    case 'h':
      return value >= 48
        ? plural(Math.floor(value / 24), 'day')
        : plural(Math.floor(value), 'hour');
    case 'd':
      return plural(Math.floor(value), 'day');
    case 'messages':
      return plural(Math.round(value), 'message');
    default:
      return unit ? `${value} ${unit}` : String(value);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function rate(bytesPerSecond: number): string {
  const units = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s'];
  let value = bytesPerSecond;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${value >= 100 || index === 0 ? Math.round(value) : value.toFixed(1)} ${units[index]}`;
}
