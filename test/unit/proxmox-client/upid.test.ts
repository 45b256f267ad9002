import { describe, expect, it } from 'vitest';
import { parsePbsUpid, parsePveUpid } from '../../../server/sources/proxmox/client/index.ts';
import { taskStatusClass } from '../../../server/sources/proxmox/client/upid.ts';

describe('UPIDs and task statuses', () => {
  it('parses a PVE UPID, including token users and an empty id', () => {
    expect(parsePveUpid('UPID:pve2:0002A1F3:01B2C3D4:6659F0A0:vzdump::root@pam:')).toEqual({
      node: 'pve2',
      pid: 0x2a1f3,
      pstart: 0x1b2c3d4,
      startTime: 0x6659f0a0,
      type: 'vzdump',
      id: null,
      user: 'root@pam',
    });
    expect(
      parsePveUpid('UPID:pve1:00001234:00ABCDEF:6659F100:qmstart:101:monitor@pve!pulse:'),
    ).toMatchObject({
      id: '101',
      user: 'monitor@pve!pulse',
    });
    expect(parsePveUpid('UPID:pve1:xyz')).toBeNull();
  });

  it('parses a PBS UPID and unescapes the worker id but not the auth id', () => {
    expect(
      parsePbsUpid(
        'UPID:pbs1:00000A1C:00123ABC:00000004:683BB2F0:verificationjob:store1\\x3av\\x2d9b1e2c44\\x2d77aa:pve-sync@pbs:',
      ),
    ).toEqual({
      node: 'pbs1',
      pid: 0xa1c,
      pstart: 0x123abc,
      taskId: 4,
      startTime: 0x683bb2f0,
      workerType: 'verificationjob',
      workerId: 'store1:v-9b1e2c44-77aa',
      authId: 'pve-sync@pbs',
    });
    expect(
      parsePbsUpid(
        'UPID:pbs1:000003E8:0000A1B2:00000001:683BB2F0:backup:store1\\x3avm-101:root@pam:',
      )?.workerId,
    ).toBe('store1:vm/101');
    expect(parsePbsUpid('UPID:pve2:0002A1F3:01B2C3D4:6659F0A0:vzdump::root@pam:')).toBeNull();
  });

  it('classes task statuses like the statusfilter does', () => {
    expect(taskStatusClass('OK', 1)).toBe('ok');
    expect(taskStatusClass('WARNINGS: 3', 1)).toBe('warning');
    expect(taskStatusClass('job errors', 1)).toBe('error');
    expect(taskStatusClass('unexpected status', 1)).toBe('unknown');
    expect(taskStatusClass(null, null)).toBe('running');
    expect(taskStatusClass('RUNNING', null)).toBe('running');
  });
});
