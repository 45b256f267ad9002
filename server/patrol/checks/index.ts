import { offlineCheck } from './availability.ts';
import { backupsCheck } from './backups.ts';
import { capacityCheck } from './capacity.ts';
import type { Check } from './context.ts';
import { jobsCheck } from './jobs.ts';
import { memoryPressureCheck, swapCheck } from './memory.ts';
import { restartsCheck } from './restarts.ts';
import { smartCheck } from './smart.ts';
import { snapshotsCheck } from './snapshots.ts';

/** Every deterministic check, in the order a person would triage: down, full, unprotected. */
export const deterministicChecks: readonly Check[] = [
  offlineCheck,
  capacityCheck,
  smartCheck,
  backupsCheck,
  jobsCheck,
  memoryPressureCheck,
  swapCheck,
  restartsCheck,
  snapshotsCheck,
];
