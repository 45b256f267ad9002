import type { BadgeTone } from '../ui/tone.ts';

const jobKinds: Record<string, string> = {
  vzdump: 'Backup',
  sync: 'Sync',
  verify: 'Verify',
  prune: 'Prune',
  gc: 'Garbage collection',
};

export const jobKindLabel = (kind: string): string => jobKinds[kind] ?? kind;

const taskTypes: Record<string, string> = {
  vzdump: 'Backup',
  backup: 'PBS backup',
  verificationjob: 'Verify job',
  verify: 'Verify',
  syncjob: 'Sync job',
  prunejob: 'Prune job',
  garbage_collection: 'Garbage collection',
  qmstart: 'VM start',
  qmstop: 'VM stop',
  qmshutdown: 'VM shutdown',
  vzstart: 'CT start',
  vzstop: 'CT stop',
  qmigrate: 'VM migration',
  vzmigrate: 'CT migration',
  qmsnapshot: 'Snapshot',
  vzsnapshot: 'Snapshot',
};

export const taskTypeLabel = (type: string): string => taskTypes[type] ?? type;

/** Job and task states from both products, whatever their case ("OK", "ok", "error"). */
export function stateTone(state: string | null): BadgeTone {
  if (state == null) return 'off';
  const lower = state.toLowerCase();
  if (lower === 'ok') return 'ok';
  if (lower === 'warning') return 'warn';
  return 'bad';
}
