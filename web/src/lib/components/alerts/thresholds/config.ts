/**
 * The alert config as the thresholds editor sees it. The server sends it as untyped JSON
 * (validated there, described by server/alerts/thresholds.ts); this reads the parts the editor
 * shows, defensively, and turns the edited form back into a patch (objects merge, values
 * replace, null removes).
 */

export interface Threshold {
  trigger: number | null;
  clear: number | null;
}

export type Metric = 'cpu' | 'memory' | 'disk' | 'usage' | 'temperature';
export type ThresholdSet = Partial<Record<Metric, Threshold>>;

export interface OverrideForm {
  disabled: boolean;
  monitorOnly: boolean;
  thresholds: ThresholdSet;
  note: string;
}

export interface PolicyForm {
  cooldownMinutes: number | null;
  groupingEnabled: boolean;
  groupingWindowSeconds: number | null;
  flappingEnabled: boolean;
  escalationEnabled: boolean;
  quiet: { enabled: boolean; start: string; end: string; timezone: string; days: number[] };
}

export interface ThresholdsForm {
  defaults: Record<string, ThresholdSet>;
  timeThresholdSeconds: number | null;
  overrides: Record<string, OverrideForm>;
  policy: PolicyForm;
}

/** The types users tune most, with the metrics each is measured on. */
export const editedScopes: { scope: string; label: string; metrics: Metric[] }[] = [
  { scope: 'node', label: 'Nodes', metrics: ['cpu', 'memory', 'disk', 'temperature'] },
  { scope: 'guest', label: 'VMs and containers', metrics: ['cpu', 'memory', 'disk'] },
  { scope: 'storage', label: 'Storage', metrics: ['usage'] },
  { scope: 'pbsDatastore', label: 'Backup datastores', metrics: ['usage'] },
  { scope: 'pbs', label: 'Backup servers', metrics: ['cpu', 'memory'] },
  { scope: 'host', label: 'Agent hosts', metrics: ['cpu', 'memory', 'disk', 'temperature'] },
];

export const metricLabel: Record<Metric, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  usage: 'Usage',
  temperature: 'Temperature',
};

/** Temperatures are in °C (a node's comes from its linked host agent); the rest in percent. */
export const metricUnit = (metric: Metric) => (metric === 'temperature' ? '°C' : '%');

export const overrideMetrics: Metric[] = ['cpu', 'memory', 'disk'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean => v === true;
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

function readSet(value: unknown, metrics: readonly Metric[]): ThresholdSet {
  const source = obj(value);
  const set: ThresholdSet = {};
  for (const metric of metrics) {
    const t = obj(source[metric]);
    if ('trigger' in t) set[metric] = { trigger: num(t.trigger), clear: num(t.clear) };
  }
  return set;
}

const allMetrics: Metric[] = ['cpu', 'memory', 'disk', 'usage', 'temperature'];

export const emptyOverride = (): OverrideForm => ({
  disabled: false,
  monitorOnly: false,
  thresholds: Object.fromEntries(overrideMetrics.map((m) => [m, { trigger: null, clear: null }])),
  note: '',
});

export function readForm(config: unknown): ThresholdsForm {
  const c = obj(config);
  const defaults: Record<string, ThresholdSet> = {};
  for (const { scope, metrics } of editedScopes) {
    const set = readSet(obj(c.defaults)[scope], metrics);
    // A metric missing from the config uses Pulse's default; show an empty box to fill.
    for (const metric of metrics) set[metric] ??= { trigger: null, clear: null };
    defaults[scope] = set;
  }
  const overrides: Record<string, OverrideForm> = {};
  for (const [key, value] of Object.entries(obj(c.overrides))) {
    const o = obj(value);
    overrides[key] = {
      disabled: bool(o.disabled),
      monitorOnly: bool(o.monitorOnly),
      thresholds: { ...emptyOverride().thresholds, ...readSet(o.thresholds, allMetrics) },
      note: str(o.note, ''),
    };
  }
  const quiet = obj(c.quietHours);
  return {
    defaults,
    timeThresholdSeconds: num(obj(c.timeThresholds).default),
    overrides,
    policy: {
      cooldownMinutes: num(c.cooldownMinutes),
      groupingEnabled: bool(obj(c.grouping).enabled),
      groupingWindowSeconds: num(obj(c.grouping).windowSeconds),
      flappingEnabled: bool(obj(c.flapping).enabled),
      escalationEnabled: bool(obj(c.escalation).enabled),
      quiet: {
        enabled: bool(quiet.enabled),
        start: str(quiet.start, '22:00'),
        end: str(quiet.end, '08:00'),
        timezone: str(quiet.timezone, 'UTC'),
        days: Array.isArray(quiet.days)
          ? quiet.days.filter((d): d is number => typeof d === 'number')
          : [],
      },
    },
  };
}

/** An emptied box means "not set": the threshold is removed, so Pulse's default applies. */
function thresholdPatch(t: Threshold | undefined): Json | null {
  if (!t || t.trigger === null) return null;
  return { trigger: t.trigger, clear: t.clear };
}

function setPatch(set: ThresholdSet, metrics: readonly Metric[]): Json {
  return Object.fromEntries(metrics.map((m) => [m, thresholdPatch(set[m])]));
}

export function overridePatch(o: OverrideForm): Json {
  return {
    // `false` would only be stored as noise; null drops the flag.
    disabled: o.disabled || null,
    monitorOnly: o.monitorOnly || null,
    thresholds: setPatch(o.thresholds, allMetrics),
    note: o.note.trim() || null,
  };
}

/** The whole edited form as one patch; removed overrides go as null. */
export function toPatch(form: ThresholdsForm, removed: readonly string[]): Json {
  const defaults: Json = {};
  for (const { scope, metrics } of editedScopes) {
    defaults[scope] = setPatch(form.defaults[scope] ?? {}, metrics);
  }
  const overrides: Json = Object.fromEntries(removed.map((key) => [key, null]));
  for (const [key, o] of Object.entries(form.overrides)) overrides[key] = overridePatch(o);
  const { policy } = form;
  return {
    defaults,
    timeThresholds: { default: form.timeThresholdSeconds },
    overrides,
    cooldownMinutes: policy.cooldownMinutes,
    grouping: { enabled: policy.groupingEnabled, windowSeconds: policy.groupingWindowSeconds },
    flapping: { enabled: policy.flappingEnabled },
    escalation: { enabled: policy.escalationEnabled },
    quietHours: { ...policy.quiet, days: [...policy.quiet.days].sort((a, b) => a - b) },
  };
}
