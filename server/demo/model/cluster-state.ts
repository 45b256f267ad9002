import { epochSeconds, MINUTE } from './clock.ts';
import type { EstateModel, EstateView } from './live.ts';
import { hex, keyOf, mix, unit, wander } from './noise.ts';
import type { ReplicationPlan } from './plan-types.ts';

/** The HA manager's view: quorum, master, one LRM per node, one entry per HA service. */
export function haStatus(model: EstateModel, view: EstateView): Record<string, unknown>[] {
  const online = model.plan.nodes.filter((n) => view.nodes.get(n.name)?.status === 'online');
  const quorate = online.length * 2 > model.plan.nodes.length;
  const master = online[0]?.name ?? model.plan.nodes[0]?.name ?? 'pve1';
  const stamp = epochSeconds(view.at) - 3;
  const when = ctime(stamp);
  const entries: Record<string, unknown>[] = [
    {
      id: 'quorum',
      type: 'quorum',
      node: master,
      status: quorate ? 'OK' : `No quorum on node '${master}'!`,
      quorate: quorate ? 1 : 0,
    },
    {
      id: 'master',
      type: 'master',
      node: master,
      status: `${master} (active, ${when})`,
      timestamp: stamp,
    },
  ];
  const haGuests = view.guests.filter((g) => g.plan.ha);
  for (const node of model.plan.nodes) {
    const live = view.nodes.get(node.name);
    const busy = haGuests.some((g) => g.plan.node === node.name);
    const state =
      live?.status === 'online'
        ? `${node.name} (${busy ? 'active' : 'idle'}, ${when})`
        : `${node.name} (old timestamp - dead?, ${when})`;
    entries.push({
      id: `lrm:${node.name}`,
      type: 'lrm',
      node: node.name,
      status: state,
      timestamp: stamp,
    });
  }
  for (const g of haGuests) {
    const sid = `${g.plan.type === 'qemu' ? 'vm' : 'ct'}:${g.plan.vmid}`;
    const nodeUp = view.nodes.get(g.plan.node)?.status === 'online';
    const state = nodeUp ? (g.plan.running ? 'started' : 'stopped') : 'fence';
    entries.push({
      id: `service:${sid}`,
      type: 'service',
      sid,
      node: g.plan.node,
      state,
      crm_state: state,
      request_state: g.plan.running ? 'started' : 'stopped',
      max_restart: 1,
      max_relocate: 1,
      status: `${sid} (${g.plan.node}, ${state})`,
    });
  }
  return entries;
}

/** `ceph status` JSON: healthy, or HEALTH_WARN with OSDs down while a node is offline. */
export function cephStatus(model: EstateModel, view: EstateView): Record<string, unknown> {
  const nodes = model.plan.nodes;
  const mons = nodes.slice(0, 3).map((n) => n.name);
  const up = nodes.filter((n) => view.nodes.get(n.name)?.status === 'online');
  const down = nodes.filter((n) => view.nodes.get(n.name)?.status !== 'online');
  const numOsds = nodes.reduce((sum, n) => sum + n.osds, 0);
  const downOsds = down.reduce((sum, n) => sum + n.osds, 0);
  const pgs = nodes.length > 3 ? 4096 : 256;
  const degraded = downOsds > 0 ? Math.round((pgs * downOsds) / numOsds) : 0;
  const bytesTotal = numOsds * 1_920_383_410_176;
  const bytesUsed = Math.round(
    bytesTotal * (0.22 + 0.02 * wander(keyOf(model.plan.seed, 'ceph'), view.at, 6 * 60 * MINUTE)),
  );
  const checks: Record<string, unknown> = {};
  if (downOsds > 0) {
    checks.OSD_DOWN = {
      severity: 'HEALTH_WARN',
      summary: { message: `${downOsds} osds down`, count: downOsds },
      muted: false,
    };
    checks.OSD_HOST_DOWN = {
      severity: 'HEALTH_WARN',
      summary: { message: `${down.length} host (${downOsds} osds) down`, count: down.length },
      muted: false,
    };
    checks.PG_DEGRADED = {
      severity: 'HEALTH_WARN',
      summary: { message: `Degraded data redundancy: ${degraded} pgs degraded`, count: degraded },
      muted: false,
    };
  }
  const seed = keyOf(model.plan.seed, 'ceph-fsid');
  const digits = [0, 1, 2, 3].map((i) => hex(mix(seed, i)).toLowerCase()).join('');
  const fsid = `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 32)}`;
  const quorumNames = mons.filter((m) => up.some((n) => n.name === m));
  const rw = 0.5 + wander(keyOf(model.plan.seed, 'ceph-io'), view.at, 10 * MINUTE);
  return {
    fsid,
    health: { status: downOsds > 0 ? 'HEALTH_WARN' : 'HEALTH_OK', checks, mutes: [] },
    election_epoch: 42,
    quorum: quorumNames.map((_, i) => i),
    quorum_names: quorumNames,
    quorum_age: 86_400,
    monmap: { epoch: 3, min_mon_release_name: 'squid', num_mons: mons.length },
    osdmap: {
      epoch: 1_337,
      num_osds: numOsds,
      num_up_osds: numOsds - downOsds,
      osd_up_since: epochSeconds(model.plan.startAt) - 86_400,
      num_in_osds: numOsds,
      osd_in_since: epochSeconds(model.plan.startAt) - 86_400 * 30,
      num_remapped_pgs: 0,
    },
    pgmap: {
      pgs_by_state:
        degraded > 0
          ? [
              { state_name: 'active+clean', count: pgs - degraded },
              { state_name: 'active+undersized+degraded', count: degraded },
            ]
          : [{ state_name: 'active+clean', count: pgs }],
      num_pgs: pgs,
      num_pools: 2,
      num_objects: Math.round(bytesUsed / 4_194_304 / 3),
      data_bytes: Math.round(bytesUsed / 3),
      bytes_used: bytesUsed,
      bytes_avail: bytesTotal - bytesUsed,
      bytes_total: bytesTotal,
      read_bytes_sec: Math.round(rw * 12_000_000),
      write_bytes_sec: Math.round(rw * 8_000_000),
      read_op_per_sec: Math.round(rw * 300),
      write_op_per_sec: Math.round(rw * 450),
    },
    fsmap: { epoch: 1, by_rank: [], up: 0, in: 0, max: 0 },
    mgrmap: {
      available: true,
      num_standbys: Math.max(0, quorumNames.length - 1),
      modules: ['iostat', 'restful'],
      services: {},
    },
    servicemap: { epoch: 7, modified: '2025-01-01T00:00:00.000000+0000', services: {} },
    progress_events: {},
  };
}

/** Replication job config as `/cluster/replication` lists it. */
export function replicationConfig(job: ReplicationPlan): Record<string, unknown> {
  return {
    id: job.id,
    type: 'local',
    guest: job.guest,
    jobnum: job.jobnum,
    source: job.source,
    target: job.target,
    schedule: `*/${job.intervalMin}`,
    ...(job.failing ? { comment: 'media library to pve2' } : {}),
  };
}

/** Replication state at `at`: a healthy job syncs every interval; a failing one retries. */
export function replicationStatus(
  model: EstateModel,
  job: ReplicationPlan,
  at: number,
): Record<string, unknown> {
  const guest = model.guestByVmid.get(job.guest);
  const interval = job.intervalMin * MINUTE;
  const lastSlot = Math.floor(at / interval) * interval;
  const base = { ...replicationConfig(job), vmtype: guest?.type ?? 'qemu' };
  const duration = 2 + 8 * unit(keyOf(model.plan.seed, 'repl', job.id), Math.floor(at / interval));
  if (!job.failing) {
    return {
      ...base,
      last_sync: epochSeconds(lastSlot),
      last_try: epochSeconds(lastSlot),
      next_sync: epochSeconds(lastSlot + interval),
      duration: Math.round(duration * 1000) / 1000,
      fail_count: 0,
    };
  }
  // Broken since two hours before the estate started; every slot since has been a failed try.
  const brokenSince = Math.floor((model.plan.startAt - 2 * 60 * MINUTE) / interval) * interval;
  const failCount = Math.max(1, Math.floor((lastSlot - brokenSince) / interval));
  return {
    ...base,
    last_sync: epochSeconds(brokenSince - interval),
    last_try: epochSeconds(lastSlot),
    next_sync: epochSeconds(lastSlot + Math.min(failCount, 6) * 5 * MINUTE),
    duration: Math.round(duration * 1000) / 1000,
    fail_count: failCount,
    error: `command 'set -o pipefail && pvesm export tank:subvol-${job.guest}-disk-0 zfs - -with-snapshots 1 -snapshot __replicate_${job.id}_${epochSeconds(lastSlot)}__ | /usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=${job.target}' root@192.168.10.12 -- pvesm import tank:subvol-${job.guest}-disk-0 zfs - -with-snapshots 1 -snapshot __replicate_${job.id}_${epochSeconds(lastSlot)}__ -allow-rename 0' failed: exit code 255`,
  };
}

/** Perl's localtime() string (UTC here), as the HA manager writes it: "Wed Jun  3 10:01:02 2026". */
function ctime(sec: number): string {
  const d = new Date(sec * 1000);
  const [day, month] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11)];
  const time = d.toISOString().slice(11, 19);
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}
