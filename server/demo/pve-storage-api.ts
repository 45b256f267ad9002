import { epochSeconds } from './model/clock.ts';
import type { StoragePlan } from './model/plan-types.ts';
import { nodeTasks, type PveTask } from './model/pve-tasks.ts';
import { storageEnabledOn, storageStatus } from './model/storage.ts';
import { b01, nodeParam, type PveEnv, view } from './pve-env.ts';
import { round } from './pve-shapes.ts';
import { ApiError, type Call, intArg, Paged, type Route, route } from './router.ts';

type Json = Record<string, unknown>;

function storageParam(env: PveEnv, call: Call): { storage: StoragePlan; node: string } {
  const node = nodeParam(env, call).name;
  const storage = env.model.plan.storages.find((s) => s.id === call.params.storage);
  if (!storage) throw new ApiError(500, `storage '${call.params.storage}' does not exist`);
  if (!storageEnabledOn(storage, node)) {
    throw new ApiError(500, `storage '${storage.id}' is not available on node '${node}'`);
  }
  return { storage, node };
}

function status(env: PveEnv, call: Call, storage: StoragePlan, node: string): Json {
  const usage = (store: string, at: number) => env.pbs.usage(store, at);
  const s = storageStatus(env.model, view(env, call), storage, node, usage);
  return {
    storage: storage.id,
    type: storage.type,
    content: storage.content,
    enabled: 1,
    active: 1,
    shared: b01(storage.shared),
    total: s.total,
    used: s.used,
    avail: s.avail,
    used_fraction: s.total > 0 ? round(s.used / s.total, 6) : 0,
  };
}

function list(env: PveEnv, call: Call): Json[] {
  const node = nodeParam(env, call).name;
  const content = call.args.get('content');
  const only = call.args.get('storage');
  return env.model.plan.storages
    .filter((s) => storageEnabledOn(s, node))
    .filter(
      (s) => content === null || content.split(',').some((c) => s.content.split(',').includes(c)),
    )
    .filter((s) => only === null || s.id === only)
    .map((s) => status(env, call, s, node));
}

function ymd(ms: number, sep: string, timeSep: string, mid: string): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, sep)}${mid}${iso.slice(11, 19).replace(/:/g, timeSep)}`;
}

function content(env: PveEnv, call: Call): Json[] {
  const { storage, node } = storageParam(env, call);
  const want = call.args.get('content');
  const vmidArg = call.args.get('vmid');
  const vmid = vmidArg === null ? null : Number(vmidArg);
  const out: Json[] = [];
  if (storage.type === 'dir') {
    out.push(
      {
        volid: 'local:iso/debian-13.1.0-amd64-netinst.iso',
        content: 'iso',
        format: 'iso',
        size: 784_334_848,
        ctime: 1_757_600_000,
      },
      {
        volid: 'local:iso/ubuntu-24.04.3-live-server-amd64.iso',
        content: 'iso',
        format: 'iso',
        size: 3_213_064_192,
        ctime: 1_755_200_000,
      },
      {
        volid: 'local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst',
        content: 'vztmpl',
        format: 'tzst',
        size: 129_473_152,
        ctime: 1_757_900_000,
      },
    );
  }
  if (storage.content.includes('images') || storage.content.includes('rootdir')) {
    for (const g of env.model.plan.guests) {
      if (g.diskStorage !== storage.id || (!storage.shared && g.node !== node)) continue;
      const name =
        g.type === 'lxc' && storage.type === 'zfspool'
          ? `subvol-${g.vmid}-disk-0`
          : `vm-${g.vmid}-disk-0`;
      out.push({
        volid: `${storage.id}:${g.template ? `base-${g.vmid}-disk-0` : name}`,
        content: g.type === 'qemu' ? 'images' : 'rootdir',
        format: storage.type === 'zfspool' && g.type === 'lxc' ? 'subvol' : 'raw',
        size: g.diskBytes,
        used: Math.round(g.diskBytes * g.diskFill),
        vmid: g.vmid,
        ctime: epochSeconds(env.model.plan.startAt) - 86_400 * (30 + (g.vmid % 200)),
      });
    }
  }
  if (storage.type === 'nfs' || storage.type === 'pbs') {
    for (const a of env.model.backups.archives(storage.id, call.at)) {
      const g = a.item.guest;
      const ctime = epochSeconds(a.item.start);
      const entry: Json =
        storage.type === 'pbs'
          ? {
              volid: `${storage.id}:backup/${g.type === 'qemu' ? 'vm' : 'ct'}/${g.vmid}/${new Date(ctime * 1000).toISOString().replace('.000Z', 'Z')}`,
              content: 'backup',
              format: g.type === 'qemu' ? 'pbs-vm' : 'pbs-ct',
              subtype: g.type,
              vmid: g.vmid,
              ctime,
              size: a.item.sizeBytes,
              notes: a.notes,
            }
          : {
              volid: `${storage.id}:backup/vzdump-${g.type}-${g.vmid}-${ymd(a.item.start, '_', '_', '-')}.${g.type === 'qemu' ? 'vma.zst' : 'tar.zst'}`,
              content: 'backup',
              format: g.type === 'qemu' ? 'vma.zst' : 'tar.zst',
              subtype: g.type,
              vmid: g.vmid,
              ctime,
              size: a.item.sizeBytes,
              notes: a.notes,
            };
      if (a.protected) entry.protected = 1;
      out.push(entry);
    }
    if (storage.type === 'pbs') decorateVerification(env, call, out);
  }
  return out.filter(
    (e) => (want === null || e.content === want) && (vmid === null || e.vmid === vmid),
  );
}

/** PVE shows what PBS knows about each snapshot's verification. */
function decorateVerification(env: PveEnv, call: Call, entries: Json[]): void {
  const byKey = new Map<string, Json>();
  for (const s of env.pbs.snapshots('main', call.at)) {
    if (s.verification) byKey.set(`${s.id}/${s.time}`, s.verification);
  }
  for (const e of entries) {
    const v = byKey.get(`${String(e.vmid)}/${String(e.ctime)}`);
    if (v) e.verification = { state: v.state, upid: v.upid };
  }
}

export function taskEntry(t: PveTask, at: number): Json {
  const running = at < t.end;
  const out: Json = {
    upid: t.upid,
    node: t.node,
    pid: t.pid,
    pstart: t.pstart,
    starttime: epochSeconds(t.start),
    type: t.type,
    id: t.id,
    user: t.user,
  };
  if (running) out.status = 'RUNNING';
  else Object.assign(out, { endtime: epochSeconds(t.end), status: t.status });
  return out;
}

function statusClass(status: string): string {
  if (status === 'OK') return 'ok';
  if (status.startsWith('WARNINGS')) return 'warning';
  if (status === 'RUNNING' || status === 'unexpected status') return 'unknown';
  return 'error';
}

function tasks(env: PveEnv, call: Call): Paged {
  const node = nodeParam(env, call).name;
  const a = call.args;
  const start = intArg(a, 'start', 0);
  const limit = intArg(a, 'limit', 50);
  const source = a.get('source') ?? 'archive';
  const since = a.has('since') ? intArg(a, 'since', 0) : null;
  const until = a.has('until') ? intArg(a, 'until', 0) : null;
  const statuses =
    a
      .get('statusfilter')
      ?.split(/[,;\s]+/)
      .filter((s) => s !== '') ?? null;
  const matching = nodeTasks(env.model, node, call.at)
    .map((t) => taskEntry(t, call.at))
    .filter((t) => {
      const running = t.status === 'RUNNING';
      if (source === 'archive' && running) return false;
      if (source === 'active' && !running) return false;
      if (a.get('typefilter') && t.type !== a.get('typefilter')) return false;
      if (a.get('vmid') && t.id !== a.get('vmid')) return false;
      if (a.get('userfilter') && !String(t.user).includes(a.get('userfilter') ?? '')) return false;
      if (a.get('errors') === '1' && (t.status === 'OK' || running)) return false;
      if (since !== null && Number(t.starttime) < since) return false;
      if (until !== null && Number(t.starttime) > until) return false;
      if (statuses && !statuses.includes(statusClass(String(t.status)))) return false;
      return true;
    });
  const page = limit === 0 ? matching.slice(start) : matching.slice(start, start + limit);
  return new Paged(page, matching.length);
}

function findTask(env: PveEnv, call: Call): PveTask {
  const node = nodeParam(env, call).name;
  const upid = call.params.upid ?? '';
  const parts = upid.split(':');
  if (parts[0] !== 'UPID' || parts.length < 9) {
    throw new ApiError(400, 'Parameter verification failed.', {
      upid: 'unable to parse worker upid',
    });
  }
  const task = nodeTasks(env.model, node, call.at).find((t) => t.upid === upid);
  if (!task) {
    const bucket = (parts[4] ?? '0').slice(-1);
    throw new ApiError(
      500,
      `unable to open file '/var/log/pve/tasks/${bucket}/${upid}' - No such file or directory`,
    );
  }
  return task;
}

export const pveStorageRoutes: Route<PveEnv>[] = [
  route('GET', '/nodes/{node}/storage', list),
  route('GET', '/nodes/{node}/storage/{storage}', (env, call) => {
    storageParam(env, call);
    return [{ subdir: 'status' }, { subdir: 'content' }, { subdir: 'rrddata' }];
  }),
  route('GET', '/nodes/{node}/storage/{storage}/status', (env, call) => {
    const { storage, node } = storageParam(env, call);
    return status(env, call, storage, node);
  }),
  route('GET', '/nodes/{node}/storage/{storage}/content', content),
  route('GET', '/nodes/{node}/tasks', tasks),
  route('GET', '/nodes/{node}/tasks/{upid}', (env, call) => {
    findTask(env, call);
    return [{ name: 'log' }, { name: 'status' }];
  }),
  route('GET', '/nodes/{node}/tasks/{upid}/status', (env, call) => {
    const t = findTask(env, call);
    const running = call.at < t.end;
    const out: Json = { ...taskEntry(t, call.at), status: running ? 'running' : 'stopped' };
    delete out.endtime;
    if (!running) out.exitstatus = t.status;
    return out;
  }),
  route('GET', '/nodes/{node}/tasks/{upid}/log', (env, call) => {
    const t = findTask(env, call);
    const start = intArg(call.args, 'start', 0);
    const limit = intArg(call.args, 'limit', 50);
    const lines = t.log(call.at).map((text, i) => ({ n: i + 1, t: text }));
    const page = limit === 0 ? lines.slice(start) : lines.slice(start, start + limit);
    return new Paged(page, lines.length);
  }),
];
