/**
 * Validation of the alert config at the edge (REST, GraphQL, the settings file). A patch is
 * merged into the current config first and the result validated whole, so every message names
 * the full path of the offending field.
 */
import { z } from 'zod';
import { stateAlertKinds, thresholdMetrics } from '../alert.ts';
import {
  type AlertConfig,
  alertScopes,
  defaultAlertConfig,
  quietCategories,
} from '../thresholds.ts';

export class AlertConfigError extends Error {
  override name = 'AlertConfigError';
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid alert config: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

const level = z.enum(['warning', 'critical']);
const nonNegative = z.number().min(0);
const positiveInt = z.number().int().min(1);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');

const timezone = z.string().refine(isTimezone, 'expected an IANA time zone, e.g. Europe/Berlin');

const threshold = z
  .strictObject({
    trigger: z.number(),
    clear: nonNegative.optional(),
    critical: z.number().optional(),
  })
  .refine((t) => t.clear === undefined || t.trigger <= 0 || t.clear <= t.trigger, {
    message: 'clear must not be above trigger',
    path: ['clear'],
  });

const metricThresholds = z.partialRecord(z.enum(thresholdMetrics), threshold);
const scope = z.enum(alertScopes);
const kind = z.enum([...thresholdMetrics, ...stateAlertKinds]);

const confirmed = z.strictObject({ enabled: z.boolean(), confirmations: positiveInt, level });
const toggle = z.strictObject({ enabled: z.boolean(), level });

const stateAlerts = z.strictObject({
  nodeOffline: confirmed,
  poweredOff: confirmed,
  unreachable: confirmed,
  backupAge: z
    .strictObject({
      enabled: z.boolean(),
      warningHours: positiveInt,
      criticalHours: positiveInt,
      missing: z.boolean(),
    })
    .refine((b) => b.criticalHours >= b.warningHours, {
      message: 'criticalHours must not be below warningHours',
      path: ['criticalHours'],
    }),
  backupFailed: toggle,
  jobFailed: toggle,
  snapshotAge: z
    .strictObject({ enabled: z.boolean(), warningDays: positiveInt, criticalDays: positiveInt })
    .refine((s) => s.criticalDays >= s.warningDays, {
      message: 'criticalDays must not be below warningDays',
      path: ['criticalDays'],
    }),
  pmgQueue: z
    .strictObject({ enabled: z.boolean(), warning: positiveInt, critical: positiveInt })
    .refine((q) => q.critical >= q.warning, {
      message: 'critical must not be below warning',
      path: ['critical'],
    }),
  smartFailure: toggle,
  cephHealth: z.strictObject({ enabled: z.boolean() }),
});

const escalationStep = z.strictObject({ afterMinutes: positiveInt, level: level.optional() });

export const alertConfigSchema = z.strictObject({
  enabled: z.boolean(),
  defaults: z.record(scope, metricThresholds),
  overrides: z.record(
    z.string().min(1),
    z.strictObject({
      disabled: z.boolean().optional(),
      monitorOnly: z.boolean().optional(),
      thresholds: metricThresholds.optional(),
      note: z.string().max(1000).optional(),
    }),
  ),
  timeThresholds: z.strictObject({
    default: z.number().int().min(0),
    byType: z.partialRecord(scope, z.number().int().min(0)),
    byMetric: z.partialRecord(scope, z.partialRecord(kind, z.number().int().min(0))),
  }),
  stateAlerts,
  escalation: z.strictObject({
    enabled: z.boolean(),
    steps: z
      .array(escalationStep)
      .refine(
        (steps) =>
          steps.every((s, i) => i === 0 || s.afterMinutes > (steps[i - 1]?.afterMinutes ?? 0)),
        {
          message: 'steps must be in increasing afterMinutes',
        },
      ),
  }),
  quietHours: z.strictObject({
    enabled: z.boolean(),
    start: clock,
    end: clock,
    timezone,
    days: z.array(z.number().int().min(0).max(6)),
    suppress: z.array(z.enum(quietCategories)),
  }),
  cooldownMinutes: z.number().min(0),
  flapping: z.strictObject({
    enabled: z.boolean(),
    changes: z.number().int().min(2),
    windowSeconds: positiveInt,
    suppressMinutes: positiveInt,
  }),
  grouping: z.strictObject({ enabled: z.boolean(), windowSeconds: z.number().int().min(0) }),
  historyRetentionDays: positiveInt,
});

/** Validates a whole config; throws AlertConfigError naming each bad field. */
export function parseAlertConfig(input: unknown): AlertConfig {
  const parsed = alertConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new AlertConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data as AlertConfig;
}

/**
 * Merges a partial config into `base` (objects merge, arrays and values replace, `null`
 * removes, e.g. an override) and validates the result.
 */
export function applyConfigPatch(base: AlertConfig, patch: unknown): AlertConfig {
  if (!isPlainObject(patch)) throw new AlertConfigError(['(root): expected an object']);
  return parseAlertConfig(mergeDeep(base, patch));
}

/** The defaults with a patch applied; `{}` gives the defaults. */
export function alertConfigFrom(patch: unknown = {}): AlertConfig {
  return applyConfigPatch(defaultAlertConfig, patch);
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, patch: Plain): Plain {
  const result: Plain = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isPlainObject(value)) result[key] = mergeDeep(result[key], value);
    else result[key] = value;
  }
  return result;
}

function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
