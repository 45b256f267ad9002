import type { Resource, ResourceOf, ResourceStatus, Usage } from '../resources/model.ts';
import type { Source } from '../sources/source.ts';

const GiB = 1024 ** 3;

/** A small deterministic PRNG (mulberry32), so the demo estate is the same on every start. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GuestPlan {
  vmid: number;
  name: string;
  type: 'vm' | 'container';
  node: string;
  memoryBytes: number;
  diskBytes: number;
  cores: number;
  status: ResourceStatus;
  tags: string[];
  osName: string;
}

const guestNames = [
  ['web-01', 'production', 'Debian 13'],
  ['db-01', 'production', 'Ubuntu 24.04'],
  ['grafana', 'monitoring', 'Debian 13'],
  ['pihole', 'network', 'Debian 12'],
  ['home-assistant', 'iot', 'HAOS 16'],
  ['nextcloud', 'production', 'Ubuntu 24.04'],
  ['jellyfin', 'media', 'Debian 13'],
  ['gitea', 'dev', 'Alpine 3.22'],
  ['build-runner', 'dev', 'Ubuntu 24.04'],
  ['win11-lab', 'lab', 'Windows 11'],
  ['unifi', 'network', 'Debian 12'],
  ['minio', 'storage', 'Rocky 10'],
] as const;

/**
 * The built-in demo estate: a 3-node cluster with VMs, containers and storage whose load
 * moves over time, so a first start shows a live dashboard.
 */
export class DemoEstate implements Source {
  readonly id: string;
  readonly intervalMs: number;
  readonly #nodes = ['pve1', 'pve2', 'pve3'];
  readonly #guests: GuestPlan[];
  readonly #load = new Map<string, number>();
  readonly #rand: () => number;
  readonly #startedAt = Date.now();

  constructor(options: { id?: string; intervalMs?: number; seed?: number } = {}) {
    this.id = options.id ?? 'demo';
    this.intervalMs = options.intervalMs ?? 2000;
    this.#rand = random(options.seed ?? 7655);
    this.#guests = guestNames.map(([name, tag, osName], i) => ({
      vmid: 100 + i,
      name,
      type: i % 3 === 2 ? 'container' : 'vm',
      node: this.#nodes[i % this.#nodes.length] ?? 'pve1',
      memoryBytes: (2 + (i % 4) * 2) * GiB,
      diskBytes: (16 + (i % 5) * 16) * GiB,
      cores: 1 + (i % 4),
      status: i === 9 || i === 11 ? 'stopped' : 'running',
      tags: [tag],
      osName,
    }));
  }

  async poll(): Promise<Resource[]> {
    const now = Date.now();
    const uptime = Math.round((now - this.#startedAt) / 1000) + 864_000;
    const guests = this.#guests.map((plan) => this.#guest(plan, now, uptime));
    const nodes = this.#nodes.map((node) => this.#node(node, guests, now, uptime));
    const storage = this.#nodes.map((node) => this.#localStorage(node, now));
    return [...nodes, ...guests, ...storage];
  }

  /** Load wanders smoothly between 2% and 95%. */
  #wander(key: string, base: number): number {
    const previous = this.#load.get(key) ?? base;
    const next = Math.min(0.95, Math.max(0.02, previous + (this.#rand() - 0.5) * 0.08));
    this.#load.set(key, next);
    return next;
  }

  #guest(plan: GuestPlan, now: number, uptime: number): ResourceOf<'vm' | 'container'> {
    const running = plan.status === 'running';
    const cpu = running ? this.#wander(`${plan.vmid}:cpu`, 0.1 + (plan.vmid % 5) * 0.08) : 0;
    const memory = running ? this.#wander(`${plan.vmid}:mem`, 0.4) : 0;
    const base = {
      id: `${this.id}/${plan.type === 'vm' ? 'qemu' : 'lxc'}/${plan.vmid}`,
      parentId: `${this.id}/node/${plan.node}`,
      name: plan.name,
      status: plan.status,
      source: this.id,
      cpu,
      memory: usage(memory * plan.memoryBytes, plan.memoryBytes),
      disk: usage(plan.diskBytes * (0.3 + (plan.vmid % 6) * 0.1), plan.diskBytes),
      network: running
        ? { inBytesPerSecond: cpu * 4_000_000, outBytesPerSecond: cpu * 1_500_000 }
        : null,
      diskIo: running
        ? { readBytesPerSecond: cpu * 9_000_000, writeBytesPerSecond: cpu * 3_000_000 }
        : null,
      uptimeSeconds: running ? uptime - plan.vmid * 3600 : 0,
      tags: plan.tags,
      lastSeenAt: now,
    };
    const details = {
      vmid: plan.vmid,
      node: plan.node,
      cpuCount: plan.cores,
      template: false,
      lock: null,
      osName: plan.osName,
    };
    return plan.type === 'vm'
      ? { ...base, type: 'vm', details }
      : { ...base, type: 'container', details };
  }

  #node(node: string, guests: Resource[], now: number, uptime: number): ResourceOf<'node'> {
    const children = guests.filter((g) => g.parentId === `${this.id}/node/${node}`);
    const cpu = Math.min(
      0.98,
      children.reduce((sum, g) => sum + (g.cpu ?? 0) / 4, 0.03),
    );
    const memoryTotal = 64 * GiB;
    const memoryUsed = children.reduce((sum, g) => sum + (g.memory?.usedBytes ?? 0), 3 * GiB);
    return {
      id: `${this.id}/node/${node}`,
      type: 'node',
      parentId: null,
      name: node,
      status: 'online',
      source: this.id,
      cpu,
      memory: usage(memoryUsed, memoryTotal),
      disk: usage(38 * GiB, 94 * GiB),
      network: { inBytesPerSecond: cpu * 9_000_000, outBytesPerSecond: cpu * 5_000_000 },
      diskIo: { readBytesPerSecond: cpu * 20_000_000, writeBytesPerSecond: cpu * 8_000_000 },
      uptimeSeconds: uptime,
      tags: [],
      lastSeenAt: now,
      details: {
        cluster: 'demo-cluster',
        cpuCount: 16,
        loadAverage: [cpu * 16, cpu * 15, cpu * 14].map((v) => Math.round(v * 100) / 100),
        kernelVersion: '6.14.8-2-pve',
        pveVersion: 'pve-manager/9.1.1',
        swap: usage(0, 8 * GiB),
      },
    };
  }

  #localStorage(node: string, now: number): ResourceOf<'storage'> {
    const total = 900 * GiB;
    const used = this.#wander(`${node}:storage`, 0.45) * 0.2 * total + 0.35 * total;
    return {
      id: `${this.id}/storage/${node}/local-lvm`,
      type: 'storage',
      parentId: `${this.id}/node/${node}`,
      name: 'local-lvm',
      status: 'online',
      source: this.id,
      cpu: null,
      memory: null,
      disk: usage(Math.round(used), total),
      network: null,
      diskIo: null,
      uptimeSeconds: null,
      tags: [],
      lastSeenAt: now,
      details: {
        node,
        storageType: 'lvmthin',
        content: ['images', 'rootdir'],
        shared: false,
        enabled: true,
        active: true,
      },
    };
  }
}

function usage(usedBytes: number, totalBytes: number): Usage {
  return { usedBytes: Math.round(usedBytes), totalBytes };
}
