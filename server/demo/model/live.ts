import { BackupSchedule } from './backups.ts';
import { type DemoClock, HOUR, STATUS_STEP_MS } from './clock.ts';
import { EstateState } from './estate-state.ts';
import { clamp, makeWave, mix, type Wave, wander, waveBytes, waveRate } from './noise.ts';
import { GiB } from './plan-common.ts';
import type { EstatePlan, GuestPlan, NodePlan } from './plan-types.ts';

export interface GuestStats {
  cpu: number;
  mem: number;
  memhost: number;
  freemem: number;
  disk: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
  uptime: number;
  bootAt: number;
}

export interface GuestLive {
  plan: GuestPlan;
  /** `unknown`: its node is offline and the last report expired (no name, no metrics). */
  status: 'running' | 'stopped' | 'unknown';
  /** null for stopped or unknown guests. */
  stats: GuestStats | null;
  lock: string | null;
}

export interface NodeStats {
  cpu: number;
  wait: number;
  memUsed: number;
  memAvailable: number;
  swapUsed: number;
  rootUsed: number;
  uptime: number;
  loadavg: [number, number, number];
  netin: number;
  netout: number;
  ksmShared: number;
}

export interface NodeLive {
  plan: NodePlan;
  status: 'online' | 'offline';
  /** Present while online. */
  stats: NodeStats | null;
  /** Offline but its last report has not expired: `level` and `max*` still show. */
  lingering: boolean;
  /** pmxcfs still has fresh status for the node (online, or offline < staleAfterMs). */
  fresh: boolean;
  offlineMode: 'unreachable' | 'refused' | null;
  bootAt: number;
}

export interface EstateView {
  at: number;
  nodes: Map<string, NodeLive>;
  guests: GuestLive[];
  byVmid: Map<number, GuestLive>;
}

interface GuestWaves {
  netin: Wave;
  netout: Wave;
  diskread: Wave;
  diskwrite: Wave;
}

/**
 * The estate's live side: plan + clock + fault history → readings. Views are cached per
 * 10-second status step, like pvestatd's own refresh.
 */
export class EstateModel {
  readonly plan: EstatePlan;
  readonly clock: DemoClock;
  readonly state = new EstateState();
  readonly backups: BackupSchedule;
  readonly staleAfterMs: number;
  readonly nodeByName: Map<string, NodePlan>;
  readonly guestByVmid: Map<number, GuestPlan>;
  readonly #waves = new Map<number, GuestWaves>();
  readonly #onNode = new Map<string, GuestPlan[]>();
  #cache: { key: string; view: EstateView } | null = null;

  constructor(plan: EstatePlan, clock: DemoClock, staleAfterMs: number) {
    this.plan = plan;
    this.clock = clock;
    this.staleAfterMs = staleAfterMs;
    this.backups = new BackupSchedule(plan, this.state);
    this.nodeByName = new Map(plan.nodes.map((n) => [n.name, n]));
    this.guestByVmid = new Map(plan.guests.map((g) => [g.vmid, g]));
    for (const g of plan.guests) {
      const list = this.#onNode.get(g.node);
      if (list) list.push(g);
      else this.#onNode.set(g.node, [g]);
      this.#waves.set(g.vmid, {
        netin: makeWave(mix(g.key, 11), g.netRate),
        netout: makeWave(mix(g.key, 12), g.netRate * 0.35),
        diskread: makeWave(mix(g.key, 13), g.diskRate * 0.6),
        diskwrite: makeWave(mix(g.key, 14), g.diskRate),
      });
    }
  }

  now(): number {
    return this.clock.now();
  }

  view(at = this.clock.now()): EstateView {
    const step = Math.floor(at / STATUS_STEP_MS) * STATUS_STEP_MS;
    // Staleness is judged at the exact time, so it is part of the key.
    const staleKey = this.plan.nodes.map((n) => (this.#isFresh(n.name, at) ? 1 : 0)).join('');
    const key = `${step}:${this.state.version}:${staleKey}`;
    if (this.#cache?.key === key) return this.#cache.view;
    const view = this.#compute(step, at);
    this.#cache = { key, view };
    return view;
  }

  nodeBootAt(node: NodePlan, at: number): number {
    return this.state.lastReturn(node.name, at) ?? this.plan.startAt - node.uptimeAtStartSec * 1000;
  }

  /** Last (re)start of a guest at or before `at`, or null if it has not started yet. */
  guestBootAt(guest: GuestPlan, node: NodePlan, at: number): number | null {
    const sec = at / 1000;
    const { restartPeriodSec: period, restartPhaseSec: phase } = guest;
    const restart = (Math.floor((sec - phase) / period) * period + phase) * 1000;
    const nodeStart = this.nodeBootAt(node, at) + (40 + (guest.vmid % 50) * 3) * 1000;
    const boot = Math.max(restart, nodeStart);
    return boot <= at ? boot : null;
  }

  guestStats(guest: GuestPlan, node: NodePlan, at: number): GuestStats | null {
    if (!guest.running || guest.template) return null;
    const bootAt = this.guestBootAt(guest, node, at);
    if (bootAt === null) return null;
    const waves = this.#waves.get(guest.vmid);
    if (!waves) return null;
    const from = bootAt / 1000;
    const to = at / 1000;
    const cpu =
      this.state.pinnedCpu(guest.vmid, at) ??
      clamp(
        guest.cpuBase * diurnal(at) * (0.35 + 1.3 * wander(guest.key, at, 20 * 60_000)),
        0.001,
        1,
      );
    const memFraction = clamp(
      guest.memBase + 0.16 * (wander(mix(guest.key, 1), at, HOUR) - 0.5),
      0.05,
      0.97,
    );
    const mem = Math.round(guest.memBytes * memFraction);
    const overhead = guest.type === 'qemu' ? Math.min(guest.memBytes * 0.05, 600 * 1024 * 1024) : 0;
    return {
      cpu,
      mem,
      memhost: Math.round(Math.min(guest.memBytes, mem * 1.08 + overhead)),
      freemem: guest.memBytes - mem,
      disk:
        guest.type === 'lxc'
          ? Math.round(
              guest.diskBytes *
                clamp(guest.diskFill + 0.02 * wander(mix(guest.key, 2), at, 24 * HOUR), 0, 0.99),
            )
          : 0,
      netin: Math.floor(waveBytes(waves.netin, from, to)),
      netout: Math.floor(waveBytes(waves.netout, from, to)),
      diskread: Math.floor(waveBytes(waves.diskread, from, to) + guest.memBytes * 0.2),
      diskwrite: Math.floor(waveBytes(waves.diskwrite, from, to)),
      uptime: Math.floor((at - bootAt) / 1000),
      bootAt,
    };
  }

  /** Current I/O rates in B/s (for rrddata rows). */
  guestRates(
    guest: GuestPlan,
    at: number,
  ): { netin: number; netout: number; diskread: number; diskwrite: number } {
    const waves = this.#waves.get(guest.vmid);
    const sec = at / 1000;
    if (!waves) return { netin: 0, netout: 0, diskread: 0, diskwrite: 0 };
    return {
      netin: waveRate(waves.netin, sec),
      netout: waveRate(waves.netout, sec),
      diskread: waveRate(waves.diskread, sec),
      diskwrite: waveRate(waves.diskwrite, sec),
    };
  }

  guestsOn(node: string): GuestPlan[] {
    return this.#onNode.get(node) ?? [];
  }

  /** Node readings at any past time (for rrddata); null while it was offline. */
  nodeStatsAt(node: NodePlan, at: number): NodeStats | null {
    if (this.state.wasOffline(node.name, at)) return null;
    const list: GuestLive[] = this.guestsOn(node.name).map((plan) => {
      const stats = this.guestStats(plan, node, at);
      return { plan, status: stats ? 'running' : 'stopped', stats, lock: null };
    });
    return this.#nodeStats(node, list, at);
  }

  #isFresh(node: string, at: number): boolean {
    const spell = this.state.currentOffline(node);
    return !spell || at < spell.from + this.staleAfterMs;
  }

  #compute(step: number, at: number): EstateView {
    const locked = this.backups.lockedAt(at);
    const nodes = new Map<string, NodeLive>();
    const guests: GuestLive[] = [];
    const byVmid = new Map<number, GuestLive>();
    for (const node of this.plan.nodes) {
      const spell = this.state.currentOffline(node.name);
      const fresh = this.#isFresh(node.name, at);
      // An offline node's guests keep their last report (taken before it went away).
      const readAt = spell ? Math.floor((spell.from - 1) / STATUS_STEP_MS) * STATUS_STEP_MS : step;
      const list: GuestLive[] = [];
      for (const guest of this.guestsOn(node.name)) {
        let live: GuestLive;
        if (!fresh) {
          live = { plan: guest, status: 'unknown', stats: null, lock: null };
        } else {
          const stats = this.guestStats(guest, node, readAt);
          live = {
            plan: guest,
            status: stats ? 'running' : 'stopped',
            stats,
            lock: !spell && locked.has(guest.vmid) ? 'backup' : null,
          };
        }
        list.push(live);
        byVmid.set(guest.vmid, live);
      }
      nodes.set(node.name, {
        plan: node,
        status: spell ? 'offline' : 'online',
        stats: spell ? null : this.#nodeStats(node, list, step),
        lingering: spell !== null && fresh,
        fresh,
        offlineMode: spell?.mode ?? null,
        bootAt: this.nodeBootAt(node, at),
      });
    }
    for (const guest of this.plan.guests) {
      const live = byVmid.get(guest.vmid);
      if (live) guests.push(live);
    }
    return { at, nodes, guests, byVmid };
  }

  #nodeStats(node: NodePlan, guests: GuestLive[], at: number): NodeStats {
    let cpuCores = 0;
    let mem = 2.6 * GiB + node.memBytes * 0.015 + (node.zfsPools.length > 0 ? 4 * GiB : 0);
    let netin = 0;
    let netout = 0;
    for (const g of guests) {
      if (!g.stats) continue;
      cpuCores += g.stats.cpu * g.plan.cores;
      mem += g.plan.type === 'qemu' ? g.stats.memhost : g.stats.mem;
      const rates = this.guestRates(g.plan, at);
      netin += rates.netin;
      netout += rates.netout;
    }
    const cpu = clamp(
      node.baseCpu * (0.6 + 0.8 * wander(node.key, at, 15 * 60_000)) + cpuCores / node.cores,
      0,
      1,
    );
    const memUsed = Math.round(Math.min(mem, node.memBytes * 0.97));
    const load = cpu * node.cores * 1.1 + 0.2;
    const bootAt = this.nodeBootAt(node, at);
    return {
      cpu,
      wait: 0.001 + 0.02 * wander(mix(node.key, 3), at, 10 * 60_000),
      memUsed,
      memAvailable: Math.round((node.memBytes - memUsed) * 0.96),
      swapUsed: Math.round(node.swapBytes * 0.02 * wander(mix(node.key, 4), at, 6 * HOUR)),
      rootUsed: Math.round(
        node.rootUsedBytes * (1 + 0.03 * wander(mix(node.key, 5), at, 24 * HOUR)),
      ),
      uptime: Math.max(0, Math.floor((at - bootAt) / 1000)),
      loadavg: [load * (0.9 + 0.2 * wander(mix(node.key, 6), at, 60_000)), load, load * 0.95],
      netin: netin * 1.02 + 1_500,
      netout: netout * 1.02 + 900,
      ksmShared: node.memBytes > 100 * GiB ? Math.round(node.memBytes * 0.01) : 0,
    };
  }
}

/** Busier in the (UTC) afternoon, quieter at night. */
function diurnal(at: number): number {
  const hour = (at / HOUR) % 24;
  return 0.75 + 0.25 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
}
