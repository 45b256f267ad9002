import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PbsClient } from '../../../server/sources/proxmox/client/index.ts';
import { endpointOf, type FakeServer, ok, type Reply, startFakeServer } from './fake-server.ts';

const GC = {
  'index-file-count': 42,
  'index-data-bytes': 4000,
  'disk-bytes': 1000,
  'disk-chunks': 10,
  'removed-bytes': 0,
  'pending-bytes': 5,
};
const VERIFY_UPID =
  'UPID:pbs1:00000A1C:00123ABC:00000004:683BB2F0:verificationjob:store1\\x3av\\x2d9b1e2c44\\x2d77aa:root@pam:';

/** Rust-shaped payloads: real booleans, kebab-case, snake_case only in tasks. */
const ROUTES: Record<string, Reply> = {
  '/nodes/localhost/status': ok({
    cpu: 0.02,
    wait: 0,
    loadavg: [0.12, 0.2, 0.18],
    memory: { total: 100, used: 40, free: 60 },
    swap: { total: 0, used: 0, free: 0 },
    root: { total: 1000, used: 300, avail: 700 },
    uptime: 3600,
    kversion: 'Linux 6.8',
    cpuinfo: { model: 'Xeon', sockets: 1, cpus: 8 },
    info: { fingerprint: 'AB:CD' },
    'boot-info': { mode: 'efi', secureboot: true },
  }),
  '/status/datastore-usage': ok([
    {
      store: 'store1',
      total: 1000,
      used: 400,
      avail: 600,
      history: [0.3, null, '0.4'],
      'history-start': 1717000000,
      'history-delta': 86400,
      'estimated-full-date': 1800000000,
      'gc-status': GC,
    },
    { store: 'hidden' },
    { store: 'broken', error: 'datastore is offline' },
  ]),
  '/admin/datastore': ok([
    { store: 'store1', comment: 'main' },
    { store: 'archive', maintenance: 'type=read-only,message=moving' },
  ]),
  '/admin/datastore/store1/status': ok({
    total: 1000,
    used: 400,
    avail: 600,
    'gc-status': GC,
    counts: { vm: { groups: 3, snapshots: 30 }, ct: { groups: 1, snapshots: 7 } },
  }),
  '/admin/datastore/store1/gc': ok({
    ...GC,
    store: 'store1',
    schedule: 'daily',
    'next-run': 1717200000,
    'last-run-state': 'OK',
    duration: 12.5,
  }),
  '/admin/datastore/store1/namespace': ok([{ ns: '' }, { ns: 'site-a', comment: 'A' }]),
  '/admin/datastore/store1/groups': ok([
    {
      'backup-type': 'vm',
      'backup-id': '101',
      'last-backup': 1748736004,
      'backup-count': 7,
      files: ['index.json.blob', 'drive-scsi0.img.fidx'],
      owner: 'root@pam!pve1',
    },
  ]),
  '/admin/datastore/store1/snapshots': ok([
    {
      'backup-type': 'vm',
      'backup-id': '101',
      'backup-time': 1748736004,
      files: [
        { filename: 'index.json.blob', 'crypt-mode': 'none', size: 612 },
        { filename: 'drive-scsi0.img.fidx', 'crypt-mode': 'encrypt', size: 34359738368 },
      ],
      size: 34359739478,
      owner: 'root@pam!pve1',
      protected: true,
      comment: 'web-01',
      verification: { state: 'ok', upid: VERIFY_UPID },
      fingerprint: 'e3:9a',
    },
    { 'backup-type': 'ct', 'backup-id': 105, 'backup-time': 1748736100, files: ['root.pxar.didx'] },
  ]),
  '/admin/sync': ok([
    {
      id: 's1',
      store: 'store1',
      remote: 'offsite',
      'remote-store': 'backup',
      'remove-vanished': true,
      'group-filter': ['type:vm', 'group:vm/101'],
      schedule: 'hourly',
      'next-run': 1717203600,
      'last-run-state': 'WARNINGS: 1',
      'last-run-endtime': 1717200000,
    },
  ]),
  '/admin/verify': ok([
    { id: 'v1', store: 'store1', 'ignore-verified': true, 'outdated-after': 30 },
  ]),
  '/admin/prune': ok([
    {
      id: 'p1',
      store: 'store1',
      disable: false,
      schedule: 'daily',
      'keep-daily': 7,
      'keep-last': 3,
    },
  ]),
  '/nodes/localhost/tasks': ok(
    [
      {
        upid: 'UPID:pbs1:000003E8:0000A1B2:00000001:683BB2F0:backup:store1\\x3avm-101:root@pam!pve1:',
        node: 'pbs1',
        pid: 1000,
        pstart: 41394,
        starttime: 1748742896,
        worker_type: 'backup',
        worker_id: 'store1:vm/101',
        user: 'root@pam!pve1',
        endtime: 1748743000,
        status: 'OK',
      },
      { upid: VERIFY_UPID },
    ],
    { total: 2 },
  ),
};

let server: FakeServer;
let pbs: PbsClient;

beforeAll(async () => {
  server = await startFakeServer((req) => ROUTES[req.path] ?? { status: 404, body: 'not found' });
  pbs = new PbsClient(endpointOf(server), {
    kind: 'token',
    tokenId: 'monitor@pbs!pulse',
    secret: 'x',
  });
});

afterAll(async () => {
  await pbs.close();
  await server.close();
});

describe('PBS decoding', () => {
  it('reads node status with root (not rootfs) and numeric load', async () => {
    const status = await pbs.nodeStatus();
    expect(status.root).toEqual({ total: 1000, used: 300, avail: 700, free: null });
    expect(status.loadAvg).toEqual([0.12, 0.2, 0.18]);
    expect(status).toMatchObject({
      fingerprint: 'AB:CD',
      bootInfo: { mode: 'efi', secureBoot: true },
    });
  });

  it('reads datastore usage, keeping partial and failed stores', async () => {
    const [store1, hidden, broken] = await pbs.datastoreUsage();
    expect(store1).toMatchObject({
      total: 1000,
      history: [0.3, null, 0.4],
      historyDelta: 86400,
      error: null,
    });
    expect(store1?.gcStatus).toMatchObject({
      indexDataBytes: 4000,
      diskBytes: 1000,
      removedBad: null,
    });
    expect(hidden).toMatchObject({ store: 'hidden', total: null, history: [], gcStatus: null });
    expect(broken?.error).toBe('datastore is offline');
  });

  it('reads datastores with their maintenance mode', async () => {
    const [main, archive] = await pbs.datastores();
    expect(main).toEqual({
      store: 'store1',
      comment: 'main',
      maintenance: null,
      maintenanceType: null,
    });
    expect(archive).toMatchObject({ maintenanceType: 'read-only' });
  });

  it('asks for verbose status and reads counts and GC', async () => {
    const status = await pbs.datastoreStatus('store1');
    expect(server.requests.at(-1)?.query.get('verbose')).toBe('1');
    expect(status.counts).toEqual({
      vm: { groups: 3, snapshots: 30 },
      ct: { groups: 1, snapshots: 7 },
    });
    expect(status.gcStatus?.pendingBytes).toBe(5);
    expect(await pbs.gcStatus('store1')).toMatchObject({
      store: 'store1',
      lastRunState: 'OK',
      duration: 12.5,
      diskChunks: 10,
    });
  });

  it('reads namespaces, groups and snapshots, passing ns when given', async () => {
    expect(await pbs.namespaces('store1')).toEqual([
      { ns: '', comment: null },
      { ns: 'site-a', comment: 'A' },
    ]);
    const [group] = await pbs.groups('store1', 'site-a');
    expect(server.requests.at(-1)?.query.get('ns')).toBe('site-a');
    expect(group).toMatchObject({
      backupType: 'vm',
      backupId: '101',
      backupCount: 7,
      comment: null,
    });
    const [vm, ct] = await pbs.snapshots('store1');
    expect(server.requests.at(-1)?.query.has('ns')).toBe(false);
    expect(vm).toMatchObject({
      protected: true,
      size: 34359739478,
      owner: 'root@pam!pve1',
      verification: { state: 'ok' },
    });
    expect(vm?.files[1]).toEqual({
      filename: 'drive-scsi0.img.fidx',
      cryptMode: 'encrypt',
      size: 34359738368,
    });
    expect(ct).toMatchObject({ backupId: '105', protected: false, size: null, verification: null });
    expect(ct?.files).toEqual([{ filename: 'root.pxar.didx', cryptMode: null, size: null }]);
  });

  it('reads sync, verify and prune jobs with their schedule state', async () => {
    const [sync] = await pbs.syncJobs();
    expect(sync).toMatchObject({
      remote: 'offsite',
      remoteStore: 'backup',
      removeVanished: true,
      groupFilter: ['type:vm', 'group:vm/101'],
      lastRunState: 'WARNINGS: 1',
      lastRunUpid: null,
    });
    const [verify] = await pbs.verifyJobs();
    expect(verify).toMatchObject({ ignoreVerified: true, outdatedAfter: 30, schedule: null });
    const [prune] = await pbs.pruneJobs();
    expect(prune).toMatchObject({ disabled: false, keep: { 'keep-daily': 7, 'keep-last': 3 } });
  });

  it('reads snake_case tasks and falls back to the PBS UPID', async () => {
    const { tasks, total } = await pbs.tasks({ typefilter: 'backup', limit: 100 });
    expect(total).toBe(2);
    expect(tasks[0]).toMatchObject({
      workerType: 'backup',
      workerId: 'store1:vm/101',
      statusClass: 'ok',
    });
    expect(tasks[1]).toMatchObject({
      node: 'pbs1',
      pid: 0xa1c,
      workerType: 'verificationjob',
      workerId: 'store1:v-9b1e2c44-77aa',
      user: 'root@pam',
      statusClass: 'running',
    });
  });
});
