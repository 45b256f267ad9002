import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log/logger.ts';
import type { ClusterInfo } from '../../../server/nodes/node.entity.ts';
import type { Resource, ResourceOf } from '../../../server/resources/model.ts';
import { PveClient } from '../../../server/sources/proxmox/client/index.ts';
import { PveSource } from '../../../server/sources/proxmox/pve/pve-source.ts';
import type { SourceSnapshot } from '../../../server/sources/source.ts';
import { startTestEstate, type TestEstate } from '../../fixtures/estate.ts';

let lab: TestEstate;
let source: PveSource;
let truth: PveClient;
let first: SourceSnapshot;
let discovered: ClusterInfo | null = null;
const signal = new AbortController().signal;

const byId = (snapshot: SourceSnapshot) => new Map(snapshot.resources.map((r) => [r.id, r]));
const ofType = <T extends Resource['type']>(snapshot: SourceSnapshot, type: T) =>
  snapshot.resources.filter((r) => r.type === type) as ResourceOf<T>[];

beforeAll(async () => {
  lab = await startTestEstate();
  source = new PveSource(lab.pve, {
    intervalMs: 10_000,
    timeoutMs: 5_000,
    log: createLogger('silent'),
    onCluster: (info) => {
      discovered = info;
    },
    now: lab.now,
  });
  truth = new PveClient(
    { baseUrl: lab.pve.host, tls: { verify: true, fingerprint: lab.pve.fingerprint } },
    lab.pve.credentials,
  );
  first = await source.poll(signal);
});

afterAll(async () => {
  await source.close();
  await truth.close();
  await lab.estate.stop();
});

describe('polling a PVE cluster over HTTPS', () => {
  it('collects every node with the status the node reports', async () => {
    const nodes = ofType(first, 'node');
    const cluster = await truth.clusterStatus();
    expect(nodes.map((n) => n.name).sort()).toEqual(cluster.nodes.map((n) => n.name).sort());
    for (const node of nodes) {
      const status = await truth.nodeStatus(node.name);
      expect(node.status).toBe('online');
      expect(node.cpu).toBe(status.cpu);
      expect(node.memory).toEqual({
        usedBytes: status.memory?.used,
        totalBytes: status.memory?.total,
      });
      expect(node.disk).toEqual({
        usedBytes: status.rootfs?.used,
        totalBytes: status.rootfs?.total,
      });
      expect(node.details.swap).toEqual({
        usedBytes: status.swap?.used,
        totalBytes: status.swap?.total,
      });
      expect(node.details.loadAverage).toEqual(status.loadAvg);
      expect(node.details.pveVersion).toBe(status.pveVersion);
      expect(node.details.kernelVersion).toBe(status.currentKernel?.release);
      expect(node.details.cpuModel).toBe(status.cpuInfo?.model);
      expect(node.details.cluster).toBe(cluster.cluster?.name);
      expect(node.uptimeSeconds).toBe(status.uptime);
    }
  });

  it('collects every VM and container with the fields the cluster serves', async () => {
    const served = (await truth.clusterResources()).filter(
      (r) => r.type === 'qemu' || r.type === 'lxc',
    );
    const guests = [...ofType(first, 'vm'), ...ofType(first, 'container')];
    expect(guests).toHaveLength(served.length);
    const map = byId(first);
    for (const entry of served) {
      const guest = map.get(`lab-pve/${entry.type}/${entry.vmid}`) as ResourceOf<
        'vm' | 'container'
      >;
      expect(guest, `guest ${entry.vmid}`).toBeDefined();
      expect(guest.type).toBe(entry.type === 'qemu' ? 'vm' : 'container');
      expect(guest.name).toBe(entry.name);
      expect(guest.parentId).toBe(`lab-pve/node/${entry.node}`);
      expect(guest.tags).toEqual(entry.tags);
      expect(guest.details.vmid).toBe(entry.vmid);
      expect(guest.details.node).toBe(entry.node);
      expect(guest.details.template).toBe(entry.template ?? false);
      expect(guest.details.lock).toBe(entry.lock);
      expect(guest.details.cpuCount).toBe(entry.maxCpu);
      if (entry.status === 'running') {
        expect(['running', 'paused']).toContain(guest.status);
        expect(guest.cpu).toBe(entry.cpu);
        expect(guest.uptimeSeconds).toBe(entry.uptime);
        expect(guest.memory?.totalBytes).toBe(entry.maxMem);
      } else {
        expect(guest.status).toBe(entry.status === 'stopped' ? 'stopped' : 'unknown');
        expect(guest.cpu).toBeNull();
      }
      if (entry.type === 'lxc')
        expect(guest.disk).toEqual({ usedBytes: entry.disk, totalBytes: entry.maxDisk });
    }
  });

  it('reads VM memory from the balloon driver and disk from the guest agent', async () => {
    const vms = ofType(first, 'vm').filter((vm) => vm.status === 'running');
    for (const vm of vms) {
      const status = await truth.qemuStatus(vm.details.node, vm.details.vmid);
      const info = status.ballooninfo;
      if (info?.totalMem != null && info.freeMem != null) {
        expect(vm.memory?.usedBytes).toBe(info.totalMem - info.freeMem);
      }
      expect(vm.details.balloonBytes).toBe(status.balloon);
      if (!status.agentEnabled) {
        expect(vm.details.agent).toBe('not-configured');
        continue;
      }
      const fs = await truth.agentFsInfo(vm.details.node, vm.details.vmid).catch(() => null);
      if (!fs) {
        expect(vm.details.agent).toBe('not-running');
        expect(vm.disk).toBeNull();
        continue;
      }
      expect(vm.details.agent).toBe('running');
      expect(vm.details.diskSource).toBe('agent');
      const os = await truth.agentOsInfo(vm.details.node, vm.details.vmid);
      expect(vm.details.osName).toBe(os.prettyName ?? os.name);
      const ifaces = await truth.agentNetworkInterfaces(vm.details.node, vm.details.vmid);
      const served = ifaces
        .filter((i) => i.name !== 'lo')
        .flatMap((i) => i.ipAddresses.map((a) => a.address));
      for (const ip of vm.details.ipAddresses) expect(served).toContain(ip);
      expect(vm.details.ipAddresses.length).toBeGreaterThan(0);
    }
    expect(vms.some((vm) => vm.details.agent === 'not-running')).toBe(true);
  });

  it('reports HA state for HA-managed guests', async () => {
    const ha = (await truth.haStatus()).filter((e) => e.type === 'service');
    expect(ha.length).toBeGreaterThan(0);
    for (const entry of ha) {
      const [kind, vmid] = (entry.sid ?? '').split(':');
      const guest = byId(first).get(
        `lab-pve/${kind === 'vm' ? 'qemu' : 'lxc'}/${vmid}`,
      ) as ResourceOf<'vm'>;
      expect(guest.details.haState).toBe(entry.state);
    }
  });

  it('turns cumulative counters into rates between two polls', async () => {
    lab.advance(10_000);
    const second = await source.poll(signal);
    const served = (await truth.clusterResources({ type: 'vm' })).filter(
      (r) => r.status === 'running',
    );
    const before = byId(first);
    expect(served.length).toBeGreaterThan(0);
    for (const entry of served) {
      const id = `lab-pve/${entry.type}/${entry.vmid}`;
      const guest = byId(second).get(id);
      expect(before.get(id)?.network, 'no rate on the first poll').toBeNull();
      expect(guest?.network?.inBytesPerSecond).toBeGreaterThanOrEqual(0);
      expect(guest?.diskIo?.readBytesPerSecond).toBeGreaterThanOrEqual(0);
    }
    // The rate is exactly the counter delta over the 10 s the clock moved.
    lab.advance(10_000);
    const a = await truth.clusterResources({ type: 'vm' });
    const third = await source.poll(signal);
    lab.advance(10_000);
    const fourth = await source.poll(signal);
    const b = await truth.clusterResources({ type: 'vm' });
    const running = a.find((r) => r.status === 'running' && r.type === 'qemu');
    const after = b.find((r) => r.vmid === running?.vmid);
    const guest = byId(fourth).get(`lab-pve/qemu/${running?.vmid}`);
    expect(byId(third).get(`lab-pve/qemu/${running?.vmid}`)).toBeDefined();
    expect(guest?.network?.inBytesPerSecond).toBeCloseTo(
      ((after?.netIn ?? 0) - (running?.netIn ?? 0)) / 10,
      3,
    );
    expect(guest?.diskIo?.writeBytesPerSecond).toBeCloseTo(
      ((after?.diskWrite ?? 0) - (running?.diskWrite ?? 0)) / 10,
      3,
    );
  });

  it('collects storage per node with usage, type, content and flags', async () => {
    const storages = ofType(await source.poll(signal), 'storage');
    for (const node of ['pve1', 'pve2', 'pve3']) {
      const served = await truth.storage(node);
      const mine = storages.filter((s) => s.details.node === node);
      expect(mine.map((s) => s.name).sort()).toEqual(served.map((s) => s.storage).sort());
      for (const s of served) {
        const storage = mine.find((m) => m.name === s.storage);
        expect(storage?.details).toMatchObject({
          storageType: s.type,
          content: s.content,
          shared: s.shared ?? false,
          active: s.active ?? false,
        });
        if (s.total) expect(storage?.disk).toEqual({ usedBytes: s.used, totalBytes: s.total });
      }
    }
    expect(storages.some((s) => s.details.shared)).toBe(true);
  });

  it('collects physical disks with SMART health and flags the failing ones', async () => {
    const disks = ofType(first, 'physicalDisk');
    for (const node of ['pve1', 'pve2', 'pve3']) {
      const served = await truth.disks(node);
      for (const d of served) {
        const disk = disks.find((x) => x.details.node === node && x.details.devPath === d.devPath);
        expect(disk?.details).toMatchObject({
          model: d.model,
          serial: d.serial,
          wearoutPercent: d.wearout,
        });
        expect(disk?.details.health).toBe(d.health?.toUpperCase());
        const failing =
          d.health?.toUpperCase() === 'FAILED' || (d.wearout !== null && d.wearout <= 10);
        expect(disk?.status, d.devPath).toBe(failing ? 'degraded' : 'online');
      }
    }
    expect(disks.filter((d) => d.status === 'degraded').length).toBeGreaterThanOrEqual(2);
  });

  it('collects Ceph health', async () => {
    const served = await truth.cephStatus();
    const [ceph] = ofType(await source.poll(signal), 'ceph');
    expect(ceph?.details.health).toBe(served?.health);
    expect(ceph?.details.osdCount).toBe(served?.osdmap?.numOsds);
    expect(ceph?.disk).toEqual({
      usedBytes: served?.pgmap?.bytesUsed,
      totalBytes: served?.pgmap?.bytesTotal,
    });
  });

  it('lists every backup archive with size, time, notes, protection and verification', async () => {
    const backups = first.records?.backups ?? [];
    const archive = backups.find((b) => b.storage === 'nfs-backup');
    expect(archive).toBeDefined();
    const served = await truth.storageContent(archive?.node ?? '', 'nfs-backup', {
      content: 'backup',
    });
    const mine = backups.filter((b) => b.storage === 'nfs-backup');
    expect(mine).toHaveLength(served.length);
    for (const item of served) {
      const b = mine.find((x) => x.volid === item.volid);
      expect(b).toMatchObject({
        vmid: item.vmid,
        sizeBytes: item.size,
        notes: item.notes,
        protected: item.protected,
        createdAt: (item.ctime ?? 0) * 1000,
        format: item.format,
      });
    }
    expect(mine.some((b) => b.protected)).toBe(true);
    const pbsBacked = backups.filter((b) => b.storage === 'pbs-main');
    expect(pbsBacked.some((b) => b.verification === 'ok')).toBe(true);
    // The guest whose backups fail still has older archives; the one never backed up has none.
    const guests = ofType(first, 'vm').concat(ofType(first, 'container') as never[]);
    expect(guests.some((g) => g.details.lastBackupAt === null && !g.details.template)).toBe(true);
  });

  it('lists snapshots, backup jobs, failed tasks and replication status', async () => {
    const records = first.records;
    const snapshotted = records?.snapshots[0];
    expect(snapshotted).toBeDefined();
    const [type, vmid] = (snapshotted?.guestId.split('/').slice(1) ?? []) as [
      'qemu' | 'lxc',
      string,
    ];
    const served = await truth.snapshots(snapshotted?.node ?? '', type, Number(vmid));
    expect(
      records?.snapshots
        .filter((s) => s.guestId === snapshotted?.guestId)
        .map((s) => s.name)
        .sort(),
    ).toEqual(served.map((s) => s.name).sort());
    const jobs = await truth.backupJobs();
    expect(records?.jobs.map((j) => j.schedule).sort()).toEqual(jobs.map((j) => j.schedule).sort());
    expect(
      records?.tasks.some(
        (t) => t.type === 'vzdump' && t.status === 'error' && t.message === 'job errors',
      ),
    ).toBe(true);
    const failing = records?.replication.find((r) => r.failCount > 0);
    expect(failing?.error).toBeTruthy();
  });

  it('discovers the cluster members with their fingerprints', () => {
    expect(discovered?.name).toBe('demo-cluster');
    expect(discovered?.endpoints.map((e) => e.node)).toEqual(['pve1', 'pve2', 'pve3']);
    for (const [i, endpoint] of (discovered?.endpoints ?? []).entries()) {
      expect(endpoint.host).toBe(lab.estate.pve[i]?.baseUrl);
      expect(endpoint.fingerprint).toBe(lab.estate.pve[i]?.fingerprint);
    }
  });
});
