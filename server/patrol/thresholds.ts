/** Where the deterministic checks draw their lines; every value can be overridden per run. */
export interface PatrolThresholds {
  capacity: {
    /** Used fraction for watch / warning / critical. */
    usage: [number, number, number];
    /** Projected days to full for critical / warning / watch (reported only under the last). */
    daysToFull: [number, number, number];
    /** History needed before projecting: at least this span and this many points. */
    minSpanHours: number;
    minPoints: number;
    /** Slower growth (fraction per day) is treated as flat. */
    minGrowthPerDay: number;
    /** Fits that explain less of the series than this are too noisy to project. */
    minFit: number;
  };
  memory: {
    /** Average used fraction over the window for warning / critical. */
    sustained: [number, number];
    windowHours: number;
    /** Every point in the window must be at least this high for pressure to be "sustained". */
    floor: number;
  };
  /** Node swap used fraction for watch / warning / critical. */
  swap: { used: [number, number, number] };
  restarts: { windowHours: number; warning: number; critical: number };
  backups: { warningHours: number; criticalHours: number; missing: boolean };
  snapshots: {
    /** Snapshots per guest for watch / warning. */
    count: [number, number];
    /** Age of the oldest snapshot in days for watch / warning. */
    ageDays: [number, number];
  };
  smart: { wearoutWarningPercent: number; wearoutCriticalPercent: number };
}

export const defaultPatrolThresholds: PatrolThresholds = {
  capacity: {
    usage: [0.85, 0.9, 0.95],
    daysToFull: [3, 7, 30],
    minSpanHours: 24,
    minPoints: 6,
    minGrowthPerDay: 0.001,
    minFit: 0.3,
  },
  memory: { sustained: [0.9, 0.95], windowHours: 6, floor: 0.85 },
  swap: { used: [0.25, 0.5, 0.8] },
  restarts: { windowHours: 24, warning: 3, critical: 6 },
  // Same as the alert defaults for backup age (7 and 14 days).
  backups: { warningHours: 7 * 24, criticalHours: 14 * 24, missing: true },
  snapshots: { count: [10, 25], ageDays: [30, 90] },
  smart: { wearoutWarningPercent: 10, wearoutCriticalPercent: 3 },
};

export type PatrolThresholdOverrides = {
  [K in keyof PatrolThresholds]?: Partial<PatrolThresholds[K]>;
};

export function patrolThresholds(overrides: PatrolThresholdOverrides = {}): PatrolThresholds {
  const d = defaultPatrolThresholds;
  const o = overrides;
  return {
    capacity: { ...d.capacity, ...o.capacity },
    memory: { ...d.memory, ...o.memory },
    swap: { ...d.swap, ...o.swap },
    restarts: { ...d.restarts, ...o.restarts },
    backups: { ...d.backups, ...o.backups },
    snapshots: { ...d.snapshots, ...o.snapshots },
    smart: { ...d.smart, ...o.smart },
  };
}
