import { epochSeconds } from './model/clock.ts';
import { cephStatus, haStatus, replicationConfig } from './model/cluster-state.ts';
import { PVE_REPOID } from './model/plan-common.ts';
import type { BackupJobPlan } from './model/plan-types.ts';
import { nodeTasks } from './model/pve-tasks.ts';
import { nextStart, schedule } from './model/schedule.ts';
import { storageEnabledOn, storageStatus } from './model/storage.ts';
import { b01, type PveEnv, view } from './pve-env.ts';
import { pveGuestRoutes } from './pve-guest-api.ts';
import { pveNodeRoutes } from './pve-node-api.ts';
import { guestResource, nodeEntry, storageResource } from './pve-shapes.ts';
import { pveStorageRoutes, taskEntry } from './pve-storage-api.ts';
import { ApiError, type Call, type Route, route } from './router.ts';

type Json = Record<string, unknown>;

function version(env: PveEnv, name: string): Json {
  const node = env.model.nodeByName.get(name);
  const v = node?.pveVersion ?? '9.0.10';
  return { version: v, release: v.split('.').slice(0, 2).join('.'), repoid: PVE_REPOID };
}

function clusterStatus(env: PveEnv, call: Call): Json[] {
  const v = view(env, call);
  const online = [...v.nodes.values()].filter((n) => n.status === 'online').length;
  const out: Json[] = [
    {
      type: 'cluster',
      id: 'cluster',
      name: env.model.plan.clusterName,
      nodes: env.model.plan.nodes.length,
      version: 7,
      quorate: b01(online * 2 > env.model.plan.nodes.length),
    },
  ];
  for (const n of env.model.plan.nodes) {
    out.push({
      type: 'node',
      id: `node/${n.name}`,
      name: n.name,
      nodeid: n.nodeid,
      ip: env.peers.address,
      // Simulator quirk: every member listens on the same address, so each one's port is given too.
      port: env.peers.port(n.name),
      local: b01(n.name === env.self),
      online: b01(v.nodes.get(n.name)?.status === 'online'),
      level: '',
    });
  }
  return out;
}

function resources(env: PveEnv, call: Call): Json[] {
  const type = call.args.get('type');
  if (type !== null && !['vm', 'storage', 'node', 'sdn', 'pool'].includes(type)) {
    throw new ApiError(400, 'Parameter verification failed.', {
      type: `value '${type}' does not have a value in the enumeration 'vm, storage, node, sdn'`,
    });
  }
  const want = (t: string) => type === null || type === t;
  const v = view(env, call);
  const out: Json[] = [];
  if (want('node')) for (const n of v.nodes.values()) out.push(nodeEntry(n, '', true));
  if (want('vm')) for (const g of v.guests) out.push(guestResource(g));
  if (want('storage')) {
    const usage = (store: string, at: number) => env.pbs.usage(store, at);
    for (const n of v.nodes.values()) {
      for (const s of env.model.plan.storages) {
        if (!storageEnabledOn(s, n.plan.name)) continue;
        out.push(storageResource(storageStatus(env.model, v, s, n.plan.name, usage), n.fresh));
      }
    }
  }
  if (want('pool')) {
    for (const p of env.model.plan.pools)
      out.push({ id: `pool/${p.poolid}`, type: 'pool', pool: p.poolid });
  }
  if (want('sdn')) {
    for (const n of v.nodes.values()) {
      out.push({
        id: `sdn/${n.plan.name}/localnetwork`,
        type: 'sdn',
        sdn: 'localnetwork',
        node: n.plan.name,
        status: n.fresh ? 'ok' : 'unknown',
      });
    }
  }
  return out;
}

function nodes(env: PveEnv, call: Call): Json[] {
  const v = view(env, call);
  return [...v.nodes.values()].map((n) => nodeEntry(n, env.peers.fingerprint(n.plan.name), false));
}

export function backupJob(job: BackupJobPlan, at: number): Json {
  const out: Json = {
    id: job.id,
    type: 'vzdump',
    enabled: 1,
    schedule: `${String(job.hour).padStart(2, '0')}:${String(job.minute).padStart(2, '0')}`,
    'next-run': epochSeconds(nextStart(schedule(job.hour, job.minute), at)),
    storage: job.storage,
    mode: 'snapshot',
    'prune-backups': job.prune,
    'notes-template': '{{guestname}}',
    comment: job.comment,
    'repeat-missed': 0,
    fleecing: 'enabled=0',
  };
  if (job.vmids) out.vmid = job.vmids.join(',');
  else out.all = 1;
  if (job.exclude.length > 0) out.exclude = job.exclude.join(',');
  if (job.storage !== 'pbs-main') out.compress = 'zstd';
  return out;
}

function notBackedUp(env: PveEnv): Json[] {
  return env.model.plan.guests
    .filter((g) => env.model.backups.jobsFor(g).length === 0)
    .map((g) => ({ vmid: g.vmid, name: g.name, type: g.type }));
}

function storageConfig(env: PveEnv): Json[] {
  return env.model.plan.storages.map((s) => {
    const out: Json = { storage: s.id, type: s.type, content: s.content, digest: 'c5e1a2f0d3b4' };
    if (s.shared && s.type !== 'nfs' && s.type !== 'pbs' && s.type !== 'rbd') out.shared = 1;
    if (s.nodes) out.nodes = s.nodes.join(',');
    Object.assign(out, s.extra);
    if (s.type === 'pbs') {
      Object.assign(out, {
        server: env.peers.address,
        port: env.peers.port('pbs1'),
        fingerprint: env.peers.fingerprint('pbs1'),
        'prune-backups': 'keep-all=1',
      });
    }
    return out;
  });
}

function clusterTasks(env: PveEnv, call: Call): Json[] {
  const all = env.model.plan.nodes
    .filter((n) => env.model.view(call.at).nodes.get(n.name)?.status === 'online')
    .flatMap((n) => nodeTasks(env.model, n.name, call.at).slice(0, 40));
  return all
    .sort((a, b) => b.start - a.start)
    .slice(0, 100)
    .map((t) => taskEntry(t, call.at));
}

const clusterRoutes: Route<PveEnv>[] = [
  route('GET', '/version', (env) => version(env, env.self)),
  route('GET', '/cluster/status', clusterStatus),
  route('GET', '/cluster/resources', resources),
  route('GET', '/nodes', nodes),
  route('GET', '/cluster/options', () => ({
    keyboard: 'en-us',
    console: 'html5',
    'tag-style': { 'color-map': 'prod:C62828:FFFFFF;staging:F9A825:000000' },
  })),
  route('GET', '/pools', (env) => env.model.plan.pools.map((p) => ({ ...p }))),
  route('GET', '/cluster/backup', (env, call) =>
    env.model.plan.backupJobs.map((j) => backupJob(j, call.at)),
  ),
  route('GET', '/cluster/backup/{id}', (env, call) => {
    const job = env.model.plan.backupJobs.find((j) => j.id === call.params.id);
    if (!job) throw new ApiError(500, `job '${call.params.id}' not found`);
    return backupJob(job, call.at);
  }),
  route('GET', '/cluster/backup-info/not-backed-up', notBackedUp),
  route('GET', '/cluster/replication', (env) => env.model.plan.replication.map(replicationConfig)),
  route('GET', '/cluster/ha/status/current', (env, call) => haStatus(env.model, view(env, call))),
  route('GET', '/cluster/ha/resources', (env) =>
    env.model.plan.guests
      .filter((g) => g.ha)
      .map((g) => ({
        sid: `${g.type === 'qemu' ? 'vm' : 'ct'}:${g.vmid}`,
        type: g.type === 'qemu' ? 'vm' : 'ct',
        state: g.running ? 'started' : 'stopped',
        max_restart: 1,
        max_relocate: 1,
        digest: 'a1b2c3d4e5f6',
      })),
  ),
  route('GET', '/cluster/ceph/status', (env, call) => cephStatus(env.model, view(env, call))),
  route('GET', '/cluster/tasks', clusterTasks),
  route('GET', '/storage', storageConfig),
  route('GET', '/access/permissions', () => {
    const audit = {
      'Sys.Audit': 1,
      'VM.Audit': 1,
      'VM.GuestAgent.Audit': 1,
      'Datastore.Audit': 1,
      'Pool.Audit': 1,
      'SDN.Audit': 1,
      'Mapping.Audit': 1,
    };
    return { '/': audit, '/vms': audit, '/nodes': audit, '/storage': audit };
  }),
];

export function pveRoutes(): Route<PveEnv>[] {
  return [
    ...clusterRoutes,
    route('GET', '/nodes/{node}/version', (env, call) => {
      const name = call.params.node === 'localhost' ? env.self : (call.params.node ?? '');
      return version(env, name);
    }),
    ...pveNodeRoutes,
    ...pveStorageRoutes,
    ...pveGuestRoutes,
  ];
}
