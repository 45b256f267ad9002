import { DAY, HOUR, SECOND } from './clock.ts';
import type { EstateModel } from './live.ts';
import { keyOf, wander } from './noise.ts';
import { GiB } from './plan-common.ts';
import { type Schedule, schedule } from './schedule.ts';

export const PBS_NODE = 'pbs1';
export const ARCHIVE_KEEP_DAYS = 14;

export interface PbsJob {
  kind: 'gc' | 'verify' | 'prune' | 'sync';
  id: string;
  store: string;
  schedule: Schedule;
  workerType: string;
  workerId: string;
  config: Record<string, unknown>;
}

function gcJob(store: string, s: Schedule): PbsJob {
  return {
    kind: 'gc',
    id: store,
    store,
    schedule: s,
    workerType: 'garbage_collection',
    workerId: store,
    config: {},
  };
}

/**
 * The backup server's jobs: nightly GC, prune and verify per datastore, plus a local sync of
 * production guests from `main` to `archive` whose weekly verify keeps failing.
 */
export const PBS_JOBS: PbsJob[] = [
  gcJob('main', schedule(4, 0)),
  gcJob('archive', schedule(4, 30, 0)),
  {
    kind: 'prune',
    id: 'p-main-7d1e0c42',
    store: 'main',
    schedule: schedule(3, 0),
    workerType: 'prunejob',
    workerId: 'main:p-main-7d1e0c42',
    config: { disable: false, 'keep-daily': 7, 'keep-weekly': 4 },
  },
  {
    kind: 'prune',
    id: 'p-archive-0a9c51e3',
    store: 'archive',
    schedule: schedule(3, 15),
    workerType: 'prunejob',
    workerId: 'archive:p-archive-0a9c51e3',
    config: { disable: false, 'keep-daily': ARCHIVE_KEEP_DAYS, 'keep-weekly': 8 },
  },
  {
    kind: 'verify',
    id: 'v-3f2a1b9c-11d2',
    store: 'main',
    schedule: schedule(5, 0),
    workerType: 'verificationjob',
    workerId: 'main:v-3f2a1b9c-11d2',
    config: { 'ignore-verified': true, 'outdated-after': 30 },
  },
  {
    kind: 'verify',
    id: 'v-8e51c0d7-4a9f',
    store: 'archive',
    schedule: schedule(5, 0, 6),
    workerType: 'verificationjob',
    workerId: 'archive:v-8e51c0d7-4a9f',
    config: { 'ignore-verified': false, comment: 'weekly full verify' },
  },
  {
    kind: 'sync',
    id: 's-2b7f93e1-6c0a',
    store: 'archive',
    schedule: schedule(6, 0),
    workerType: 'syncjob',
    workerId: '-:main:archive::s-2b7f93e1-6c0a',
    config: {
      'remote-store': 'main',
      'remove-vanished': false,
      owner: 'root@pam',
      comment: 'local copy of production guests',
    },
  },
];

/** Node-level readings of the PBS host. */
export function pbsHost(model: EstateModel, at: number) {
  const key = keyOf(model.plan.seed, 'pbs-host');
  const cpu = 0.02 + 0.25 * wander(key, at, 20 * 60_000);
  const memTotal = 64 * GiB;
  const memUsed = Math.round(memTotal * (0.3 + 0.1 * wander(key + 1, at, HOUR)));
  return {
    cpu,
    wait: 0.01 + 0.05 * wander(key + 2, at, 10 * 60_000),
    memTotal,
    memUsed,
    uptime: Math.floor((at - (model.plan.startAt - 41 * DAY - 5_000 * SECOND)) / 1000),
    load: cpu * 8 + 0.1,
  };
}
