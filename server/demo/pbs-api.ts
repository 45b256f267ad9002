import { DAY, epochSeconds, HOUR } from './model/clock.ts';
import type { EstateModel } from './model/live.ts';
import { keyOf, wander } from './model/noise.ts';
import { PBS_NODE, type PbsJob, pbsHost } from './model/pbs-jobs.ts';
import type { PbsModel, PbsSnapshot, PbsTask } from './model/pbs-model.ts';
import { GiB } from './model/plan-common.ts';
import { nextStart } from './model/schedule.ts';
import { ApiError, type Call, intArg, Paged, type Route, route } from './router.ts';
import { rrdRows } from './rrd.ts';

type Json = Record<string, unknown>;

export interface PbsEnv {
  model: EstateModel;
  pbs: PbsModel;
  fingerprint(): string;
}

const REPOID = '2ec1a4b7f3c9d8e1a5b6c7d8e9f0a1b2c3d4e5f6';

function nodeParam(call: Call): void {
  const node = call.params.node;
  if (node !== 'localhost' && node !== PBS_NODE) throw new ApiError(400, `no such node '${node}'`);
}

function storeParam(env: PbsEnv, call: Call): string {
  const store = call.params.store ?? call.args.get('store') ?? '';
  if (!env.model.plan.pbs.datastores.some((d) => d.store === store)) {
    throw new ApiError(400, `datastore '${store}' does not exist`);
  }
  return store;
}

function nodeStatus(env: PbsEnv, call: Call): Json {
  nodeParam(call);
  const h = pbsHost(env.model, call.at);
  const rootTotal = 64 * GiB;
  const rootUsed = Math.round(9.2 * GiB);
  return {
    cpu: h.cpu,
    wait: h.wait,
    loadavg: [h.load, h.load * 0.9, h.load * 0.85].map((n) => Math.round(n * 100) / 100),
    memory: { total: h.memTotal, used: h.memUsed, free: h.memTotal - h.memUsed },
    swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
    root: { total: rootTotal, used: rootUsed, avail: rootTotal - rootUsed },
    uptime: h.uptime,
    kversion: 'Linux 6.14.11-2-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.11-2 (2025-09-02T12:14Z)',
    'current-kernel': {
      sysname: 'Linux',
      release: '6.14.11-2-pve',
      version: '#1 SMP PREEMPT_DYNAMIC PMX',
      machine: 'x86_64',
    },
    cpuinfo: { model: 'Intel(R) Xeon(R) E-2388G CPU @ 3.20GHz', sockets: 1, cpus: 16 },
    info: { fingerprint: env.fingerprint() },
    'boot-info': { mode: 'efi', secureboot: false },
  };
}

function datastoreUsage(env: PbsEnv, call: Call): Json[] {
  return env.model.plan.pbs.datastores.map((ds) => {
    const u = env.pbs.usage(ds.store, call.at);
    const history = env.pbs.history(ds.store, call.at);
    const first = history[0] ?? 0;
    const last = history.at(-1) ?? 0;
    const slope = (last - first) / Math.max(1, history.length - 1);
    const estimated = slope > 0 ? epochSeconds(call.at + ((1 - last) / slope) * DAY) : 0;
    return {
      store: ds.store,
      total: u.total,
      used: u.used,
      avail: u.total - u.used,
      history,
      'history-start': epochSeconds(call.at) - (history.length - 1) * 86_400,
      'history-delta': 86_400,
      'estimated-full-date': estimated,
      'gc-status': env.pbs.gcStatus(ds.store, call.at),
    };
  });
}

function snapshotEntry(s: PbsSnapshot): Json {
  const out: Json = {
    'backup-type': s.type,
    'backup-id': s.id,
    'backup-time': s.time,
    files: s.files,
    size: s.size,
    owner: 'pve-backup@pbs',
    protected: s.protected,
    comment: s.comment,
  };
  if (s.verification) out.verification = s.verification;
  return out;
}

function snapshots(env: PbsEnv, call: Call): Json[] {
  const store = storeParam(env, call);
  const type = call.args.get('backup-type');
  const id = call.args.get('backup-id');
  const ns = call.args.get('ns');
  if (ns) return [];
  return env.pbs
    .snapshots(store, call.at)
    .filter((s) => (type === null || s.type === type) && (id === null || s.id === id))
    .map(snapshotEntry);
}

function groups(env: PbsEnv, call: Call): Json[] {
  const store = storeParam(env, call);
  if (call.args.get('ns')) return [];
  const byGroup = new Map<string, PbsSnapshot[]>();
  for (const s of env.pbs.snapshots(store, call.at)) {
    const key = `${s.type}/${s.id}`;
    const list = byGroup.get(key);
    if (list) list.push(s);
    else byGroup.set(key, [s]);
  }
  const ordered = [...byGroup.values()].sort(
    (a, b) =>
      (a[0]?.type ?? '').localeCompare(b[0]?.type ?? '') || Number(a[0]?.id) - Number(b[0]?.id),
  );
  return ordered.map((list) => {
    const latest = list.reduce((a, b) => (b.time > a.time ? b : a));
    return {
      'backup-type': latest.type,
      'backup-id': latest.id,
      'last-backup': latest.time,
      'backup-count': list.length,
      files: latest.files.map((f) => f.filename),
      owner: 'pve-backup@pbs',
      comment: latest.guest.name,
    };
  });
}

function status(env: PbsEnv, call: Call): Json {
  const store = storeParam(env, call);
  const u = env.pbs.usage(store, call.at);
  const out: Json = { total: u.total, used: u.used, avail: u.total - u.used };
  if (call.args.get('verbose') === '1' || call.args.get('verbose') === 'true') {
    const counts: Record<string, { groups: number; snapshots: number }> = {};
    const seen = new Set<string>();
    for (const s of env.pbs.snapshots(store, call.at)) {
      const c = counts[s.type] ?? { groups: 0, snapshots: 0 };
      c.snapshots++;
      if (!seen.has(`${s.type}/${s.id}`)) {
        seen.add(`${s.type}/${s.id}`);
        c.groups++;
      }
      counts[s.type] = c;
    }
    out['gc-status'] = env.pbs.gcStatus(store, call.at);
    out.counts = counts;
  }
  return out;
}

function jobConfig(job: PbsJob): Json {
  return { id: job.id, store: job.store, schedule: job.schedule.text, ...job.config };
}

function jobStatus(env: PbsEnv, job: PbsJob, at: number): Json {
  const last = env.pbs.lastRun(job, at);
  const out: Json = { 'next-run': epochSeconds(nextStart(job.schedule, at)) };
  if (last) {
    Object.assign(out, {
      'last-run-upid': env.pbs.runUpid(job, last),
      'last-run-state': env.pbs.runStatus(job, last, at),
      'last-run-endtime': epochSeconds(last.end),
    });
  }
  return out;
}

function jobs(kind: PbsJob['kind'], withStatus: boolean) {
  return (env: PbsEnv, call: Call): Json[] => {
    const store = call.args.get('store');
    return env.pbs.jobs
      .filter((j) => j.kind === kind && (store === null || j.store === store))
      .map((j) => (withStatus ? { ...jobConfig(j), ...jobStatus(env, j, call.at) } : jobConfig(j)));
  };
}

function gcJobStatus(env: PbsEnv, store: string, at: number): Json {
  const job = env.pbs.job('gc', store);
  const out: Json = { store, ...env.pbs.gcStatus(store, at) };
  if (!job) return out;
  const last = env.pbs.lastRun(job, at);
  Object.assign(out, { schedule: job.schedule.text, ...jobStatus(env, job, at) });
  if (last) out.duration = Math.round((last.end - last.start) / 1000);
  return out;
}

function taskEntry(t: PbsTask, at: number): Json {
  const parts = t.upid.split(':');
  const out: Json = {
    upid: t.upid,
    node: PBS_NODE,
    pid: Number.parseInt(parts[2] ?? '0', 16),
    pstart: Number.parseInt(parts[3] ?? '0', 16),
    starttime: epochSeconds(t.start),
    worker_type: t.workerType,
    worker_id: t.workerId,
    user: t.user,
  };
  if (t.end <= at) Object.assign(out, { endtime: epochSeconds(t.end), status: t.status });
  return out;
}

function statusClass(status: string | undefined): string {
  if (status === undefined) return 'unknown';
  if (status === 'OK') return 'ok';
  if (status.startsWith('WARNINGS')) return 'warning';
  return 'error';
}

function tasks(env: PbsEnv, call: Call): Paged {
  nodeParam(call);
  const a = call.args;
  const start = intArg(a, 'start', 0);
  const limit = intArg(a, 'limit', 50);
  const since = a.has('since') ? intArg(a, 'since', 0) : null;
  const until = a.has('until') ? intArg(a, 'until', 0) : null;
  const statuses = a
    .getAll('statusfilter')
    .flatMap((s) => s.split(/[,\s]+/))
    .filter((s) => s !== '');
  const running = a.get('running') === '1' || a.get('running') === 'true';
  const errors = a.get('errors') === '1' || a.get('errors') === 'true';
  const store = a.get('store');
  const type = a.get('typefilter');
  const user = a.get('userfilter');
  const matching = env.pbs
    .tasks(call.at)
    .map((t) => taskEntry(t, call.at))
    .filter((t) => {
      const status = t.status === undefined ? undefined : String(t.status);
      if (running && status !== undefined) return false;
      if (errors && (status === undefined || status === 'OK')) return false;
      if (type && !String(t.worker_type).includes(type)) return false;
      if (store && !String(t.worker_id).startsWith(store)) return false;
      if (user && !String(t.user).includes(user)) return false;
      if (since !== null && Number(t.starttime) < since) return false;
      if (until !== null && Number(t.starttime) > until) return false;
      if (statuses.length > 0 && !statuses.includes(statusClass(status))) return false;
      return true;
    });
  const page = limit === 0 ? matching.slice(start) : matching.slice(start, start + limit);
  return new Paged(page, matching.length);
}

function findTask(env: PbsEnv, call: Call): PbsTask {
  nodeParam(call);
  const task = env.pbs.tasks(call.at).find((t) => t.upid === call.params.upid);
  if (!task) throw new ApiError(400, `unable to open task log - no such task`);
  return task;
}

function rrd(env: PbsEnv, call: Call, store: string | null): Json[] {
  const key = keyOf(env.model.plan.seed, 'pbs-rrd', store ?? 'node');
  const u = store ? env.pbs.usage(store, call.at) : { total: 64 * GiB, used: 9.2 * GiB };
  return rrdRows(call, (at) => {
    const io = wander(key, at, HOUR);
    const disk = {
      total: u.total,
      used: Math.round(u.used * (1 - (call.at - at) / (400 * DAY))),
      read_ios: Math.round(io * 120),
      read_bytes: Math.round(io * 40_000_000),
      write_ios: Math.round(io * 300),
      write_bytes: Math.round(io * 90_000_000),
      io_ticks: Math.round(io * 200) / 1000,
    };
    if (store) return { ...disk, available: disk.total - disk.used };
    const h = pbsHost(env.model, at);
    return {
      cpu: h.cpu,
      iowait: h.wait,
      memtotal: h.memTotal,
      memused: h.memUsed,
      swaptotal: 8 * GiB,
      swapused: 0,
      netin: Math.round(io * 50_000_000),
      netout: Math.round(io * 2_000_000),
      loadavg: Math.round(h.load * 100) / 100,
      ...disk,
    };
  });
}

export const pbsRoutes: Route<PbsEnv>[] = [
  route('GET', '/version', () => ({ version: '4.0', release: '14', repoid: REPOID })),
  route('GET', '/nodes', () => [{ node: PBS_NODE }]),
  route('GET', '/nodes/{node}/status', nodeStatus),
  route('GET', '/nodes/{node}/rrd', (env, call) => {
    nodeParam(call);
    return rrd(env, call, null);
  }),
  route('GET', '/nodes/{node}/tasks', tasks),
  route('GET', '/nodes/{node}/tasks/{upid}', (env, call) => {
    findTask(env, call);
    return [{ name: 'log' }, { name: 'status' }];
  }),
  route('GET', '/nodes/{node}/tasks/{upid}/status', (env, call) => {
    const t = findTask(env, call);
    const entry = taskEntry(t, call.at);
    const done = t.end <= call.at;
    delete entry.endtime;
    delete entry.status;
    return {
      ...entry,
      status: done ? 'stopped' : 'running',
      ...(done ? { exitstatus: t.status } : {}),
    };
  }),
  route('GET', '/nodes/{node}/tasks/{upid}/log', (env, call) => {
    const t = findTask(env, call);
    const lines = [`starting ${t.workerType} ${t.workerId}`];
    if (t.end <= call.at) lines.push(t.status === 'OK' ? 'TASK OK' : `TASK ERROR: ${t.status}`);
    return new Paged(
      lines.map((text, i) => ({ n: i + 1, t: text })),
      lines.length,
    );
  }),
  route('GET', '/status/datastore-usage', datastoreUsage),
  route('GET', '/admin/datastore', (env) =>
    env.model.plan.pbs.datastores.map((d) => ({
      store: d.store,
      ...(d.comment ? { comment: d.comment } : {}),
    })),
  ),
  route('GET', '/admin/datastore/{store}/status', status),
  route('GET', '/admin/datastore/{store}/gc', (env, call) =>
    gcJobStatus(env, storeParam(env, call), call.at),
  ),
  route('GET', '/admin/datastore/{store}/namespace', (env, call) => {
    storeParam(env, call);
    return [{ ns: '' }];
  }),
  route('GET', '/admin/datastore/{store}/groups', groups),
  route('GET', '/admin/datastore/{store}/snapshots', snapshots),
  route('GET', '/admin/datastore/{store}/rrd', (env, call) =>
    rrd(env, call, storeParam(env, call)),
  ),
  route('GET', '/admin/gc', (env, call) => {
    const store = call.args.get('store');
    return env.model.plan.pbs.datastores
      .filter((d) => store === null || d.store === store)
      .map((d) => gcJobStatus(env, d.store, call.at));
  }),
  route('GET', '/admin/sync', jobs('sync', true)),
  route('GET', '/admin/verify', jobs('verify', true)),
  route('GET', '/admin/prune', jobs('prune', true)),
  route('GET', '/config/sync', jobs('sync', false)),
  route('GET', '/config/verify', jobs('verify', false)),
  route('GET', '/config/prune', jobs('prune', false)),
  route('GET', '/config/datastore', (env) =>
    env.model.plan.pbs.datastores.map((d) => ({
      name: d.store,
      path: d.path,
      'gc-schedule': env.pbs.job('gc', d.store)?.schedule.text,
      ...(d.comment ? { comment: d.comment } : {}),
    })),
  ),
];
