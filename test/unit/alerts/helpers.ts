import { acknowledge } from '../../../server/alerts/engine/acknowledge.ts';
import { alertConfigFrom, applyConfigPatch } from '../../../server/alerts/engine/config-schema.ts';
import { evaluate, tick } from '../../../server/alerts/engine/evaluate.ts';
import {
  type EngineRecords,
  type EngineResult,
  type EngineState,
  emptyState,
} from '../../../server/alerts/engine/state.ts';
import type { AlertConfig } from '../../../server/alerts/thresholds.ts';
import type { Resource, ResourceOf } from '../../../server/resources/model.ts';
import { makeNode, makeVm } from '../../fixtures/resources.ts';

export { makeNode, makeVm };

export const GiB = 1024 ** 3;
export const second = 1000;
export const minute = 60 * second;
export const hour = 60 * minute;
export const day = 24 * hour;
/** Monday 5 January 2026, 12:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0);

/** Defaults minus the delays that would make every test wait: no hold time, no grouping. */
export function testConfig(patch: Record<string, unknown> = {}): AlertConfig {
  const base = alertConfigFrom({ timeThresholds: { default: 0 }, grouping: { enabled: false } });
  return applyConfigPatch(base, patch);
}

/** A node at the given CPU percentage. */
export function nodeAt(
  cpuPercent: number,
  name = 'pve1',
  overrides: Partial<ResourceOf<'node'>> = {},
) {
  return makeNode(name, { cpu: cpuPercent / 100, ...overrides });
}

export function vmWith(vmid: number, overrides: Partial<ResourceOf<'vm'>> = {}) {
  return makeVm(vmid, overrides);
}

export function storageAt(usedPercent: number, name = 'local-lvm'): ResourceOf<'storage'> {
  return {
    ...base(`pve-a/storage/pve1/${name}`, name),
    type: 'storage',
    disk: { usedBytes: usedPercent * GiB, totalBytes: 100 * GiB },
    details: {
      node: 'pve1',
      storageType: 'lvmthin',
      content: ['images'],
      shared: false,
      enabled: true,
      active: true,
    },
  };
}

export function pmgWithQueue(total: number): ResourceOf<'pmg'> {
  return {
    ...base('pmg-a/pmg', 'mail-gw', 'pmg-a'),
    type: 'pmg',
    details: {
      version: '8.2',
      mail: null,
      queues: { active: total, deferred: 0, hold: 0, incoming: 0 },
      quarantine: null,
    },
  };
}

export function diskWithHealth(health: string): ResourceOf<'physicalDisk'> {
  return {
    ...base('pve-a/disk/pve1/sda', '/dev/sda'),
    type: 'physicalDisk',
    details: {
      node: 'pve1',
      devPath: '/dev/sda',
      model: 'Samsung SSD',
      serial: 'S1',
      diskType: 'ssd',
      sizeBytes: 512 * GiB,
      health,
      wearoutPercent: 90,
      usedBy: 'LVM',
    },
  };
}

export function cephWithHealth(health: string): ResourceOf<'ceph'> {
  return {
    ...base('pve-a/ceph', 'ceph'),
    type: 'ceph',
    details: {
      health,
      healthMessages: [],
      monitorCount: 3,
      osdCount: 6,
      osdsUp: 6,
      osdsIn: 6,
      placementGroupCount: 128,
    },
  };
}

export function pbsWithStatus(status: Resource['status']): ResourceOf<'pbs'> {
  return {
    ...base('pbs-a/pbs', 'pbs-main', 'pbs-a'),
    status,
    type: 'pbs',
    details: { version: '3.3', datastoreCount: 1 },
  };
}

function base(id: string, name: string, source = 'pve-a') {
  return {
    id,
    parentId: null,
    name,
    status: 'online' as const,
    source,
    cpu: null,
    memory: null,
    disk: null,
    network: null,
    diskIo: null,
    uptimeSeconds: null,
    tags: [],
    lastSeenAt: T0,
  };
}

export function noRecords(): EngineRecords {
  return { backups: [], snapshots: [], tasks: [], jobs: [] };
}

/** Drives the engine the way the caller will: one state, evaluate on data, tick on time. */
export class Harness {
  state: EngineState = emptyState();
  config: AlertConfig;
  constructor(config: AlertConfig = testConfig()) {
    this.config = config;
  }

  evaluate(resources: Resource[], now: number, records?: EngineRecords): EngineResult {
    const result = evaluate({ resources, records, config: this.config }, this.state, now);
    this.state = result.state;
    return result;
  }

  tick(now: number): EngineResult {
    const result = tick(this.state, this.config, now);
    this.state = result.state;
    return result;
  }

  acknowledge(alertId: string, now: number): void {
    this.state = acknowledge(this.state, alertId, 'admin', now).state;
  }

  alert(id: string) {
    return this.state.alerts[id];
  }
}

export const types = (result: EngineResult) =>
  result.transitions.map((t) => `${t.type} ${t.alert.id}`);
export const sent = (result: EngineResult) =>
  result.notifications.map((n) => `${n.event}: ${n.alerts.map((a) => a.id).join(', ')}`);
