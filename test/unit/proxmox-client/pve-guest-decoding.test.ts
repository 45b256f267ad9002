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
  '/nodes/pve1/qemu/101/status/current': ok({
    vmid: 101,
    name: 'web-01',
    status: 'running',
    qmpstatus: 'paused',
    cpus: 4,
    maxmem: 8589934592,
    mem: 3221225472,
    balloon: 8589934592,
    agent: 1,
    ha: { managed: 0 },
    ballooninfo: {
      actual: 8589934592,
      total_mem: 8000000000,
      free_mem: 5000000000,
      last_update: 1717170336,
    },
    blockstat: { scsi0: { rd_bytes: 10, wr_bytes: '20' } },
    nics: { tap101i0: { netin: 5, netout: 6 } },
  }),
  '/nodes/pve1/qemu/102/status/current': ok({
    status: 'stopped',
    agent: { enabled: 1, available: 0 },
    ha: { managed: 1, state: 'started', group: 'g1' },
  }),
  '/nodes/pve1/qemu/103/status/current': ok({ vmid: 103, status: 'running' }),
  '/nodes/pve1/lxc/105/status/current': ok({
    vmid: 105,
    status: 'running',
    swap: '1024',
    maxswap: 536870912,
    disk: 123,
  }),
  '/nodes/pve1/qemu/101/snapshot': ok([
    { name: 'before-upgrade', description: 'pre', snaptime: 1717000000, vmstate: 1 },
    { name: 'nightly', snaptime: '1717100000', parent: 'before-upgrade' },
    { name: 'current', description: 'You are here!', running: 1, parent: 'nightly' },
  ]),
  '/nodes/pve1/qemu/101/agent/get-fsinfo': ok({
    result: [
      {
        name: 'sda1',
        mountpoint: '/',
        type: 'ext4',
        'total-bytes': 1000,
        'used-bytes': 400,
        disk: [{ 'bus-type': 'scsi', bus: 0, target: 0, unit: 0, dev: '/dev/sda1' }],
      },
    ],
  }),
  '/nodes/pve1/qemu/101/agent/network-get-interfaces': ok({
    result: [
      {
        name: 'eth0',
        'hardware-address': 'bc:24:11:aa:bb:cc',
        'ip-addresses': [{ 'ip-address': '10.0.0.31', 'ip-address-type': 'ipv4', prefix: 24 }],
        statistics: { 'rx-bytes': 100, 'tx-bytes': 200 },
      },
    ],
  }),
  '/nodes/pve1/qemu/101/agent/get-osinfo': ok({
    result: { id: 'debian', 'pretty-name': 'Debian 12', 'version-id': '12' },
  }),
  '/nodes/pve1/storage': ok([
    {
      storage: 'local',
      type: 'dir',
      content: 'iso,vztmpl,backup',
      enabled: 1,
      active: 1,
      shared: 0,
      total: 100861726720,
      used: 9663676416,
      avail: 86050172928,
      used_fraction: 0.0958,
    },
    { storage: 'pbs-main', type: 'pbs', content: 'backup', enabled: 1, active: 0, shared: 1 },
  ]),
  '/nodes/pve1/storage/pbs-main/content': ok([
    {
      volid: 'pbs-main:backup/vm/101/2025-06-01T00:00:04Z',
      content: 'backup',
      format: 'pbs-vm',
      subtype: 'qemu',
      vmid: '101',
      ctime: 1748736004,
      size: 34359739478,
      notes: 'web-01',
      protected: 1,
      encrypted: '1',
      verification: { state: 'ok', upid: 'UPID:x' },
    },
    {
      volid: 'local:backup/vzdump-lxc-105.tar.zst',
      format: 'tar.zst',
      vmid: 105,
      ctime: 1748736000,
    },
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
describe('PVE decoding: guests, agent and storage', () => {
  it('reads both agent flag shapes, balloon info and HA state of a VM', async () => {
    const vm = await pve.qemuStatus('pve1', 101);
    expect(vm).toMatchObject({
      vmid: 101,
      qmpStatus: 'paused',
      cpus: 4,
      agentEnabled: true,
      agentAvailable: null,
      ha: { managed: false, state: null, group: null },
    });
    expect(vm.ballooninfo).toMatchObject({
      totalMem: 8000000000,
      freeMem: 5000000000,
      maxMem: null,
    });
    expect(vm.blockStat.scsi0).toEqual({
      rdBytes: 10,
      wrBytes: 20,
      rdOperations: null,
      wrOperations: null,
    });
    expect(vm.nics.tap101i0).toEqual({ netIn: 5, netOut: 6 });
    const drifted = await pve.qemuStatus('pve1', 102);
    expect(drifted).toMatchObject({
      vmid: 102,
      agentEnabled: true,
      agentAvailable: false,
      ha: { managed: true, state: 'started', group: 'g1' },
    });
    const plain = await pve.qemuStatus('pve1', 103);
    expect(plain).toMatchObject({
      agentEnabled: false,
      ha: null,
      ballooninfo: null,
      blockStat: {},
    });
  });

  it('reads container status', async () => {
    expect(await pve.lxcStatus('pve1', 105)).toMatchObject({
      vmid: 105,
      swap: 1024,
      disk: 123,
      ha: null,
    });
  });

  it('skips the "current" pseudo snapshot', async () => {
    const snapshots = await pve.snapshots('pve1', 'qemu', 101);
    expect(snapshots.map((s) => s.name)).toEqual(['before-upgrade', 'nightly']);
    expect(snapshots[0]).toMatchObject({ vmState: true, snapTime: 1717000000, parent: null });
    expect(snapshots[1]).toMatchObject({
      vmState: null,
      snapTime: 1717100000,
      parent: 'before-upgrade',
    });
  });

  it('unwraps guest agent results', async () => {
    const [fs] = await pve.agentFsInfo('pve1', 101);
    expect(fs).toMatchObject({
      mountpoint: '/',
      totalBytes: 1000,
      usedBytes: 400,
      totalBytesPrivileged: null,
    });
    expect(fs?.disks[0]).toMatchObject({ busType: 'scsi', dev: '/dev/sda1', serial: null });
    const [eth0] = await pve.agentNetworkInterfaces('pve1', 101);
    expect(eth0?.ipAddresses).toEqual([{ address: '10.0.0.31', type: 'ipv4', prefix: 24 }]);
    expect(eth0?.statistics).toMatchObject({ rxBytes: 100, txBytes: 200, rxErrs: null });
    expect(await pve.agentOsInfo('pve1', 101)).toMatchObject({
      id: 'debian',
      prettyName: 'Debian 12',
      versionId: '12',
      kernelRelease: null,
    });
  });

  it('reads storage, leaving sizes of inactive storage unknown', async () => {
    const [local, pbs] = await pve.storage('pve1');
    expect(local).toMatchObject({
      content: ['iso', 'vztmpl', 'backup'],
      active: true,
      shared: false,
      usedFraction: 0.0958,
    });
    expect(pbs).toMatchObject({ active: false, total: null, used: null, avail: null });
  });

  it('reads backup content with protection, encryption and verification', async () => {
    const [remote, local] = await pve.storageContent('pve1', 'pbs-main', { content: 'backup' });
    expect(server.requests.at(-1)?.query.get('content')).toBe('backup');
    expect(remote).toMatchObject({
      format: 'pbs-vm',
      subtype: 'qemu',
      vmid: 101,
      protected: true,
      encrypted: '1',
      verification: { state: 'ok', upid: 'UPID:x' },
    });
    expect(local).toMatchObject({
      protected: false,
      encrypted: null,
      verification: null,
      size: null,
      subtype: null,
    });
  });
});
