import { keyOf, pick, prng } from './noise.ts';
import { buildGuest, buildNode, containerOs, type GuestSpec, OS, TiB } from './plan-common.ts';
import type { EstatePlan, GuestPlan, NodePlan, OsPlan } from './plan-types.ts';
import { storages } from './storage-plan.ts';

const DAY = 86_400;
const NODE_COUNT = 20;
const GUESTS_PER_NODE = 100;

const roles = [
  'web',
  'api',
  'db',
  'cache',
  'queue',
  'worker',
  'ci',
  'mon',
  'log',
  'proxy',
  'dns',
  'mail',
  'search',
  'files',
  'vpn',
] as const;
const vmOs: OsPlan[] = [OS.debian13, OS.debian12, OS.ubuntu2404, OS.rocky10, OS.windows11];
const ctOs: OsPlan[] = [OS.debian13, OS.debian12, OS.ubuntu2404, OS.alpine].map(containerOs);

/** A data-centre sized estate for load tests: ~20 nodes and ~2,000 guests. */
export function largePlan(seed: number, startAt: number): EstatePlan {
  const rand = prng(keyOf(seed, 'large'));
  const nodes: NodePlan[] = [];
  for (let i = 1; i <= NODE_COUNT; i++) {
    const big = i % 2 === 1;
    nodes.push(
      buildNode(
        seed,
        {
          name: `pve${i}`,
          nodeid: i,
          cores: big ? 64 : 32,
          memGiB: big ? 512 : 384,
          cpuModel: big
            ? 'AMD EPYC 9354 32-Core Processor'
            : 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
          osds: 4,
          zfs: false,
          ...(i > 16 ? { pveVersion: '8.4.14' } : {}),
        },
        Math.round((10 + 50 * rand()) * DAY),
      ),
    );
  }
  const guests: GuestPlan[] = [];
  const counters = new Map<string, number>();
  let ipIndex = 0;
  for (const node of nodes) {
    for (let j = 0; j < GUESTS_PER_NODE; j++) {
      const vmid = 1000 + guests.length;
      const role = pick(roles, rand());
      const n = (counters.get(role) ?? 0) + 1;
      counters.set(role, n);
      const isVm = rand() < 0.6;
      const template = isVm && j === 0 && node.nodeid % 2 === 0;
      const r = rand();
      const spec: GuestSpec = {
        vmid,
        type: isVm ? 'qemu' : 'lxc',
        name: template ? `tmpl-${role}` : `${role}-${String(n).padStart(3, '0')}`,
        node: node.name,
        cores: isVm ? pick([2, 2, 4, 4, 8], rand()) : pick([1, 1, 2, 4], rand()),
        memGiB: isVm ? pick([2, 4, 4, 8, 8], rand()) : pick([0.5, 1, 1, 2], rand()),
        diskGiB: isVm ? pick([32, 64, 100, 200], rand()) : pick([8, 16, 32], rand()),
        os: isVm ? pick(vmOs, rand()) : pick(ctOs, rand()),
        tags: [rand() < 0.5 ? 'prod' : 'staging', role],
        pool: rand() < 0.3 ? 'prod' : null,
        template,
        running: !template && r > 0.08,
        ha: !template && rand() < 0.15,
        agent: isVm && !template ? (rand() < 0.04 ? 'not-running' : 'ok') : 'none',
        backup: r > 0.99 ? 'failing' : r > 0.97 ? 'excluded' : 'ok',
        verifyFails: rand() < 0.01,
      };
      guests.push(buildGuest(seed, spec, ipIndex++));
    }
  }
  const firstVm = guests.find((g) => g.type === 'qemu' && g.running && !g.ha);
  return {
    size: 'large',
    seed,
    startAt,
    clusterName: 'dc-cluster',
    nodes,
    guests,
    storages: storages(null).map((s) =>
      s.id === 'ceph-vm' ? { ...s, totalBytes: 180 * TiB, baseUsedBytes: 20 * TiB } : s,
    ),
    replication: firstVm
      ? [
          {
            id: `${firstVm.vmid}-0`,
            guest: firstVm.vmid,
            jobnum: 0,
            source: firstVm.node,
            target: 'pve2',
            intervalMin: 15,
            failing: true,
          },
        ]
      : [],
    backupJobs: [
      {
        id: 'backup-1c0ffee0-0001',
        storage: 'pbs-main',
        hour: 2,
        minute: 0,
        vmids: null,
        exclude: guests.filter((g) => g.backup === 'excluded').map((g) => g.vmid),
        prune: 'keep-daily=7',
        keep: 7,
        comment: 'Nightly to PBS',
      },
    ],
    pools: [{ poolid: 'prod', comment: 'Production' }],
    pbs: {
      datastores: [
        {
          store: 'main',
          path: '/mnt/datastore/main',
          totalBytes: 400 * TiB,
          dedup: 3.4,
          comment: '',
        },
        {
          store: 'archive',
          path: '/mnt/datastore/archive',
          totalBytes: 600 * TiB,
          dedup: 2.6,
          comment: '',
        },
      ],
      syncedVmids: guests
        .filter((g) => g.tags.includes('prod'))
        .map((g) => g.vmid)
        .slice(0, 200),
    },
    pmg: {
      inboundPerHour: 4_000,
      outboundPerHour: 1_600,
      domains: ['example.com', 'example.net', 'example.org'],
    },
  };
}
