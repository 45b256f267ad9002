import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PveClient } from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  ok,
  PVE_TOKEN,
  type Reply,
  startFakeServer,
} from './fake-server.ts';

/** Perl-shaped payloads: 0/1 booleans, string numbers, omitted keys. */
const ROUTES: Record<string, Reply> = {
  '/cluster/status': ok([
    { type: 'cluster', id: 'cluster', name: 'lab', nodes: 3, version: 7, quorate: 1 },
    {
      type: 'node',
      id: 'node/pve1',
      name: 'pve1',
      nodeid: 1,
      ip: '10.20.0.11',
      local: 1,
      online: 1,
      level: '',
    },
    {
      type: 'node',
      id: 'node/pve3',
      name: 'pve3',
      nodeid: 3,
      ip: '127.0.0.13',
      local: 0,
      online: 0,
      port: 18026,
    },
  ]),
  '/cluster/resources': ok([
    {
      id: 'qemu/101',
      type: 'qemu',
      vmid: 101,
      node: 'pve1',
      name: 'web-01',
      status: 'running',
      cpu: 0.042,
      maxcpu: 4,
      mem: '3221225472',
      maxmem: 8589934592,
      disk: 0,
      netin: 918273645,
      uptime: 86400,
      template: 0,
      tags: 'prod;web',
      hastate: 'started',
    },
    { id: 'lxc/105', type: 'lxc', vmid: 105, node: 'pve3', status: 'unknown' },
    {
      id: 'storage/pve1/ceph-vm',
      type: 'storage',
      storage: 'ceph-vm',
      node: 'pve1',
      plugintype: 'rbd',
      status: 'available',
      shared: 1,
      content: 'images,rootdir',
    },
    'not an object',
  ]),
  '/nodes': ok([
    { node: 'pve1', status: 'online', cpu: 0.07, maxcpu: 16, ssl_fingerprint: 'AA:BB' },
    { node: 'pve3', status: 'offline', ssl_fingerprint: 'CC:DD' },
  ]),
  '/nodes/pve1/status': ok({
    cpu: 0.071,
    wait: 0.001,
    loadavg: ['0.52', '0.61', '0.66'],
    cpuinfo: {
      model: 'EPYC',
      cores: 8,
      cpus: 16,
      sockets: 1,
      mhz: '3400.000',
      user_hz: 100,
      hvm: '1',
    },
    memory: { total: 67430985728, used: 21474836480, free: 45956149248 },
    swap: { total: 0, used: 0, free: 0 },
    ksm: { shared: 0 },
    rootfs: { total: 100861726720, used: 9663676416, avail: 86050172928, free: 91198050304 },
    uptime: 1209600,
    kversion: 'Linux 6.8.12-4-pve',
    pveversion: 'pve-manager/8.4.1/2a5fa54a',
    'boot-info': { mode: 'efi', secureboot: 0 },
  }),
  '/cluster/backup': ok([
    {
      id: 'backup-1a2b',
      type: 'vzdump',
      enabled: 0,
      schedule: '02:00',
      'next-run': 1748743200,
      storage: 'pbs-main',
      mode: 'snapshot',
      all: 0,
      vmid: '101,102',
      'prune-backups': { 'keep-daily': 7 },
    },
    { id: 'backup-3c4d', schedule: 'sat 03:30', all: 1, exclude: '105' },
  ]),
  '/nodes/pve1/tasks': ok(
    [
      {
        upid: 'UPID:pve2:0002A1F3:01B2C3D4:6659F0A0:vzdump::root@pam:',
        node: 'pve2',
        pid: 172531,
        starttime: 1717170336,
        type: 'vzdump',
        id: '',
        user: 'root@pam',
        endtime: 1717170512,
        status: 'job errors',
      },
      { upid: 'UPID:pve1:00001234:00ABCDEF:6659F100:qmstart:101:monitor@pve!pulse:' },
      {
        upid: 'UPID:pve1:00001235:00ABCDEF:6659F101:vzdump:101:root@pam:',
        status: 'WARNINGS: 2',
        endtime: 1,
      },
    ],
    { total: 57 },
  ),
  '/nodes/pve1/disks/list': ok([
    {
      devpath: '/dev/nvme0n1',
      model: 'Samsung',
      size: 1000204886016,
      type: 'nvme',
      rpm: 0,
      health: 'PASSED',
      wearout: 97,
      gpt: 1,
      mounted: 0,
    },
    { devpath: '/dev/sda', type: 'hdd', rpm: 7200, health: 'UNKNOWN', wearout: 'N/A' },
  ]),
  '/nodes/pve1/replication': ok([
    {
      id: '101-0',
      guest: 101,
      jobnum: 0,
      target: 'pve2',
      type: 'local',
      last_sync: 1717170000,
      duration: '2.5',
      fail_count: 0,
      vmtype: 'qemu',
      next_sync: 1717170900,
    },
  ]),
  '/cluster/ha/status/current': ok([
    { id: 'quorum', type: 'quorum', node: 'pve1', status: 'OK', quorate: 1 },
    {
      id: 'service:vm:101',
      type: 'service',
      sid: 'vm:101',
      node: 'pve1',
      state: 'started',
      crm_state: 'started',
      max_restart: 1,
    },
  ]),
  '/cluster/ceph/status': ok({
    fsid: 'f00',
    health: {
      status: 'HEALTH_WARN',
      checks: {
        OSD_DOWN: {
          severity: 'HEALTH_WARN',
          summary: { message: '1 osds down', count: 1 },
          muted: false,
        },
      },
    },
    quorum_names: ['pve1', 'pve2'],
    monmap: { epoch: 3, mons: [{}, {}, {}] },
    osdmap: { osdmap: { num_osds: 6, num_up_osds: 5, num_in_osds: 6 } },
    pgmap: {
      num_pgs: 128,
      pgs_by_state: [{ state_name: 'active+clean', count: 120 }],
      bytes_total: 1000,
    },
  }),
  '/nodes/pve1/rrddata': ok([
    { time: 1717170000, cpu: 0.1, memused: '1000' },
    { time: 1717170060, cpu: 0.2 },
  ]),
};

let server: FakeServer;
let pve: PveClient;

beforeAll(async () => {
  server = await startFakeServer(
    (req) => ROUTES[req.path] ?? { status: 501, reason: 'not implemented' },
  );
  pve = new PveClient(endpointOf(server), PVE_TOKEN);
});

afterAll(async () => {
  await pve.close();
  await server.close();
});
describe('PVE decoding: cluster, nodes and operations', () => {
  it('splits cluster status into the cluster entry and nodes, keeping a port when present', async () => {
    const status = await pve.clusterStatus();
    expect(status.cluster).toEqual({ name: 'lab', nodes: 3, version: 7, quorate: true });
    expect(status.nodes).toEqual([
      {
        id: 'node/pve1',
        name: 'pve1',
        nodeId: 1,
        ip: '10.20.0.11',
        local: true,
        online: true,
        level: '',
        port: null,
      },
      {
        id: 'node/pve3',
        name: 'pve3',
        nodeId: 3,
        ip: '127.0.0.13',
        local: false,
        online: false,
        level: null,
        port: 18026,
      },
    ]);
  });

  it('coerces resources leniently: string numbers, 0/1, tags, and null for missing', async () => {
    const [vm, ct, storage, ...rest] = await pve.clusterResources();
    expect(rest).toEqual([]);
    expect(vm).toMatchObject({
      id: 'qemu/101',
      vmid: 101,
      mem: 3221225472,
      template: false,
      tags: ['prod', 'web'],
      haState: 'started',
      diskRead: null,
      lock: null,
    });
    expect(ct).toMatchObject({
      status: 'unknown',
      name: null,
      cpu: null,
      mem: null,
      uptime: null,
      tags: [],
    });
    expect(storage).toMatchObject({
      shared: true,
      content: ['images', 'rootdir'],
      pluginType: 'rbd',
    });
  });

  it('reads nodes with their certificate fingerprints and no invented stats', async () => {
    const nodes = await pve.nodes();
    expect(nodes[0]).toMatchObject({
      node: 'pve1',
      cpu: 0.07,
      maxCpu: 16,
      sslFingerprint: 'AA:BB',
    });
    expect(nodes[1]).toMatchObject({ node: 'pve3', status: 'offline', cpu: null, uptime: null });
  });

  it('turns node status strings into numbers', async () => {
    const status = await pve.nodeStatus('pve1');
    expect(status.loadAvg).toEqual([0.52, 0.61, 0.66]);
    expect(status.cpuInfo).toMatchObject({ mhz: 3400, cpus: 16, hvm: true });
    expect(status.memory).toEqual({
      total: 67430985728,
      used: 21474836480,
      free: 45956149248,
      available: null,
    });
    expect(status.rootfs?.avail).toBe(86050172928);
    expect(status.bootInfo).toEqual({ mode: 'efi', secureBoot: false });
    expect(status.currentKernel).toBeNull();
    expect(status.pveVersion).toBe('pve-manager/8.4.1/2a5fa54a');
  });

  it('reads backup jobs: enabled by default, vmid lists, prune settings as text', async () => {
    const [first, second] = await pve.backupJobs();
    expect(first).toMatchObject({
      enabled: false,
      all: false,
      vmids: ['101', '102'],
      nextRun: 1748743200,
      pruneBackups: 'keep-daily=7',
    });
    expect(second).toMatchObject({
      enabled: true,
      all: true,
      vmids: [],
      exclude: ['105'],
      storage: null,
    });
  });

  it('reads tasks with total, filling gaps from the UPID and classing statuses', async () => {
    const { tasks, total } = await pve.tasks('pve1', { typefilter: 'vzdump' });
    expect(total).toBe(57);
    expect(tasks[0]).toMatchObject({
      node: 'pve2',
      type: 'vzdump',
      id: null,
      status: 'job errors',
      statusClass: 'error',
    });
    expect(tasks[1]).toMatchObject({
      node: 'pve1',
      pid: 0x1234,
      startTime: 0x6659f100,
      type: 'qmstart',
      id: '101',
      user: 'monitor@pve!pulse',
      status: null,
      endTime: null,
      statusClass: 'running',
    });
    expect(tasks[2]?.statusClass).toBe('warning');
  });

  it('reads disks with wearout as a number or null', async () => {
    const [nvme, hdd] = await pve.disks('pve1');
    expect(nvme).toMatchObject({ wearout: 97, gpt: true, mounted: false, rpm: 0 });
    expect(hdd).toMatchObject({ wearout: null, gpt: null, rpm: 7200, health: 'UNKNOWN' });
  });

  it('reads replication, HA, Ceph and RRD data', async () => {
    const [job] = await pve.replicationStatus('pve1');
    expect(job).toMatchObject({
      id: '101-0',
      duration: 2.5,
      failCount: 0,
      error: null,
      disabled: false,
      lastSync: 1717170000,
    });
    const ha = await pve.haStatus();
    expect(ha[0]).toMatchObject({ id: 'quorum', quorate: true });
    expect(ha[1]).toMatchObject({
      sid: 'vm:101',
      crmState: 'started',
      maxRestart: 1,
      maxRelocate: null,
    });
    const ceph = await pve.cephStatus();
    expect(ceph).toMatchObject({
      health: 'HEALTH_WARN',
      quorumNames: ['pve1', 'pve2'],
      monmap: { epoch: 3, numMons: 3 },
      osdmap: { numOsds: 6, numUpOsds: 5, numRemappedPgs: null },
    });
    expect(ceph?.checks).toEqual([
      { code: 'OSD_DOWN', severity: 'HEALTH_WARN', message: '1 osds down', count: 1, muted: false },
    ]);
    expect(ceph?.pgmap?.pgsByState).toEqual([{ stateName: 'active+clean', count: 120 }]);
    expect(await pve.rrdData('pve1', 'hour')).toEqual([
      { time: 1717170000, cpu: 0.1, memused: 1000 },
      { time: 1717170060, cpu: 0.2 },
    ]);
    expect(Object.fromEntries(server.requests.at(-1)?.query ?? [])).toEqual({
      timeframe: 'hour',
      cf: 'AVERAGE',
    });
  });
});
