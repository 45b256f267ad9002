import { DAY, epochSeconds, HOUR, MINUTE } from './model/clock.ts';
import type { EstateModel } from './model/live.ts';
import { hex, keyOf, wander } from './model/noise.ts';
import { GiB } from './model/plan-common.ts';
import { PMG_NODE, type PmgModel } from './model/pmg-model.ts';
import { ApiError, type Call, intArg, Paged, type Route, route } from './router.ts';

type Json = Record<string, unknown>;

export interface PmgEnv {
  model: EstateModel;
  pmg: PmgModel;
  address: string;
  fingerprint(): string;
}

const PMG_VERSION = '9.0.1';
const PMG_REPOID = '4e3a1f09c7d2b6e5';

function nodeParam(call: Call): string {
  const node = call.params.node === 'localhost' ? PMG_NODE : call.params.node;
  if (node !== PMG_NODE) throw new ApiError(500, `no such cluster node '${node}'`);
  return node;
}

function nodeStatus(env: PmgEnv, at: number): Json {
  const key = keyOf(env.model.plan.seed, 'pmg-host');
  const cpu = 0.03 + 0.2 * wander(key, at, 20 * MINUTE);
  const memTotal = 8 * GiB;
  const memUsed = Math.round(memTotal * (0.45 + 0.1 * wander(key + 1, at, HOUR)));
  const load = cpu * 4 + 0.05;
  const bootAt = env.model.plan.startAt - 17 * DAY - 4_000_000;
  return {
    time: epochSeconds(at),
    insync: 1,
    uptime: Math.floor((at - bootAt) / 1000),
    loadavg: [load, load * 0.9, load * 0.8].map((l) => l.toFixed(2)),
    cpu,
    wait: 0.002 + 0.01 * wander(key + 2, at, 10 * MINUTE),
    cpuinfo: {
      model: 'Common KVM processor',
      cpus: 4,
      cores: 4,
      sockets: 1,
      mhz: '2999.998',
      user_hz: 100,
      hvm: '1',
    },
    memory: { total: memTotal, used: memUsed, free: memTotal - memUsed },
    swap: { total: 4 * GiB, used: 12_582_912, free: 4 * GiB - 12_582_912 },
    rootfs: {
      total: 32 * GiB,
      used: Math.round(7.4 * GiB),
      avail: Math.round(23 * GiB),
      free: Math.round(24.6 * GiB),
    },
    kversion: 'Linux 6.14.11-2-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.11-2 (2025-09-02T12:14Z)',
    'current-kernel': {
      sysname: 'Linux',
      release: '6.14.11-2-pve',
      version: '#1 SMP PREEMPT_DYNAMIC PMX',
      machine: 'x86_64',
    },
    'boot-info': { mode: 'legacy-bios' },
    pmgversion: `pmg-api/${PMG_VERSION}/${PMG_REPOID}`,
  };
}

/** `starttime`/`endtime` (default: the last 24 h) or a calendar `year`/`month`/`day`. */
function range(call: Call): { from: number; to: number } {
  const a = call.args;
  if (a.has('year')) {
    const year = intArg(a, 'year', 1970);
    const month = intArg(a, 'month', 0);
    const day = intArg(a, 'day', 0);
    if (month === 0) return { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
    if (day === 0) return { from: Date.UTC(year, month - 1, 1), to: Date.UTC(year, month, 1) };
    const from = Date.UTC(year, month - 1, day);
    return { from, to: from + DAY };
  }
  const now = epochSeconds(call.at);
  const to = Math.min(intArg(a, 'endtime', now), now) * 1000;
  const from = intArg(a, 'starttime', now - 86_400) * 1000;
  if (from > to)
    throw new ApiError(400, 'Parameter verification failed.', {
      starttime: 'starttime is after endtime',
    });
  return { from, to: Math.min(to, call.at) };
}

function mailcount(env: PmgEnv, call: Call): Json[] {
  const { from, to } = range(call);
  const span = intArg(call.args, 'timespan', 3600);
  if (span < 3600 || span > 366 * 86_400) {
    throw new ApiError(400, 'Parameter verification failed.', {
      timespan: 'value must have a minimum value of 3600',
    });
  }
  const buckets = Math.ceil((to - from) / (span * 1000));
  if (buckets > 5000) throw new ApiError(500, 'too many timespans');
  const out: Json[] = [];
  for (let index = 0; index < buckets; index++) {
    const start = from + index * span * 1000;
    const c = env.pmg.counts(start, Math.min(to, start + span * 1000));
    out.push({
      index,
      time: epochSeconds(start),
      count: c.count,
      count_in: c.count_in,
      count_out: c.count_out,
      spamcount_in: c.spamcount_in,
      spamcount_out: c.spamcount_out,
      viruscount_in: c.viruscount_in,
      viruscount_out: c.viruscount_out,
      bounces_in: c.bounces_in,
      bounces_out: c.bounces_out,
      rbl_rejects: c.rbl_rejects,
      pregreet_rejects: c.pregreet_rejects,
    });
  }
  return out;
}

function queueEntries(env: PmgEnv, call: Call): Paged {
  nodeParam(call);
  const name = call.params.queue ?? '';
  if (!['deferred', 'active', 'incoming', 'hold'].includes(name)) {
    throw new ApiError(400, 'Parameter verification failed.', {
      queue: `value '${name}' does not have a value in the enumeration 'deferred, active, incoming, hold'`,
    });
  }
  const start = intArg(call.args, 'start', 0);
  const limit = intArg(call.args, 'limit', 50);
  const filter = call.args.get('filter');
  const mails = env.pmg
    .queue(name, call.at)
    .filter((m) => !filter || m.sender.includes(filter) || m.receiver.includes(filter))
    .map((m) => ({
      queue_name: m.queue,
      queue_id: m.queueId,
      arrival_time: epochSeconds(m.arrival),
      message_size: m.size,
      sender: m.sender,
      receiver: m.receiver,
      reason: m.reason,
    }));
  return new Paged(mails.slice(start, start + limit), mails.length);
}

const ageBuckets = [5, 10, 20, 40, 80, 160, 320, 640, 1280];

function qshape(env: PmgEnv, call: Call): Json[] {
  nodeParam(call);
  const queue = call.args.get('queue') ?? 'deferred';
  const rows = new Map<string, number[]>();
  const total = new Array<number>(ageBuckets.length + 1).fill(0);
  for (const m of env.pmg.queue(queue, call.at)) {
    const ageMin = (call.at - m.arrival) / MINUTE;
    let bucket = ageBuckets.findIndex((limit) => ageMin <= limit);
    if (bucket < 0) bucket = ageBuckets.length;
    const domain = m.receiver.split('@')[1] ?? 'unknown';
    const row = rows.get(domain) ?? new Array<number>(ageBuckets.length + 1).fill(0);
    row[bucket] = (row[bucket] ?? 0) + 1;
    total[bucket] = (total[bucket] ?? 0) + 1;
    rows.set(domain, row);
  }
  // Counts arrive as strings, like the Perl side parses them from qshape's text output.
  const format = (domain: string, counts: number[]): Json => {
    const out: Json = { domain, total: String(counts.reduce((a, b) => a + b, 0)) };
    ageBuckets.forEach((limit, i) => {
      out[`${limit}m`] = String(counts[i] ?? 0);
    });
    out['1280m+'] = String(counts[ageBuckets.length] ?? 0);
    return out;
  };
  return [format('TOTAL', total), ...[...rows.entries()].sort().map(([d, c]) => format(d, c))];
}

export const pmgRoutes: Route<PmgEnv>[] = [
  route('GET', '/version', () => ({ version: PMG_VERSION, release: '9.0', repoid: PMG_REPOID })),
  route('GET', '/nodes', () => [{ node: PMG_NODE }]),
  route('GET', '/nodes/{node}/status', (env, call) => {
    nodeParam(call);
    return nodeStatus(env, call.at);
  }),
  route('GET', '/config/cluster/status', (env, call) => {
    if (call.args.get('list_single_node') !== '1') return [];
    return [
      {
        cid: 1,
        name: PMG_NODE,
        ip: env.address,
        type: '-',
        fingerprint: env.fingerprint(),
        hostrsapubkey: 'AAAAB3NzaC1yc2EAAAADAQABAAABAQDdemo',
        rootrsapubkey: 'AAAAB3NzaC1yc2EAAAADAQABAAABAQCdemo',
        ...nodeStatus(env, call.at),
      },
    ];
  }),
  route('GET', '/config/domains', (env) =>
    env.model.plan.pmg.domains.map((domain) => ({ domain, comment: '' })),
  ),
  route('GET', '/statistics/mail', (env, call) => {
    const { from, to } = range(call);
    return env.pmg.counts(from, to);
  }),
  route('GET', '/statistics/mailcount', mailcount),
  route('GET', '/statistics/spamscores', (env, call) => {
    const { from, to } = range(call);
    return env.pmg.spamScores(from, to);
  }),
  route('GET', '/statistics/virus', (env, call) => {
    const { from, to } = range(call);
    const n = env.pmg.counts(from, to).viruscount_in;
    const names = [
      'Heuristics.Phishing.Email.SpoofedDomain',
      'Win.Trojan.Agent-1234567',
      'Doc.Downloader.Emotet-7043',
      'Eicar-Signature',
    ];
    return names
      .map((name, i) => ({ name, count: Math.floor(n / 2 ** (i + 1)) + (i === 0 ? n % 2 : 0) }))
      .filter((v) => v.count > 0);
  }),
  route('GET', '/quarantine/spamstatus', (env, call) => env.pmg.quarantine('spam', call.at)),
  route('GET', '/quarantine/virusstatus', (env, call) => env.pmg.quarantine('virus', call.at)),
  route('GET', '/nodes/{node}/postfix/queue', (_env, call) => {
    nodeParam(call);
    return ['deferred', 'active', 'incoming', 'hold'].map((name) => ({ name }));
  }),
  route('GET', '/nodes/{node}/postfix/queue/{queue}', queueEntries),
  route('GET', '/nodes/{node}/postfix/qshape', qshape),
  route('GET', '/nodes/{node}/backup', (_env, call) => {
    nodeParam(call);
    const out: Json[] = [];
    for (let day = Math.floor(call.at / DAY); out.length < 3; day--) {
      const stamp = day * DAY + 3 * HOUR + 17 * MINUTE;
      if (stamp > call.at) continue;
      const sec = epochSeconds(stamp);
      const d = new Date(stamp).toISOString().slice(0, 10).replace(/-/g, '_');
      out.push({
        filename: `pmg-backup_${d}_${hex(sec)}.tgz`,
        size: 1_184_220 + (day % 7) * 3_113,
        timestamp: sec,
      });
    }
    return out;
  }),
];
