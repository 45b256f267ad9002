import { describe, expect, it } from 'vitest';
import {
  AlertConfigError,
  alertConfigFrom,
  applyConfigPatch,
  parseAlertConfig,
} from '../../../server/alerts/engine/config-schema.ts';
import {
  defaultAlertConfig,
  effectiveSettings,
  holdSeconds,
  resolveThreshold,
  resourceKeyOf,
  scopeOf,
} from '../../../server/alerts/thresholds.ts';
import { makeNode, makeVm, storageAt } from './helpers.ts';

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AlertConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected an AlertConfigError');
}

describe('threshold model', () => {
  it('groups resource types into threshold scopes', () => {
    expect(scopeOf('vm')).toBe('guest');
    expect(scopeOf('container')).toBe('guest');
    expect(scopeOf('dockerContainer')).toBe('docker');
    expect(scopeOf('k8sPod')).toBe('k8s');
    expect(scopeOf('pbsDatastore')).toBe('pbsDatastore');
  });

  it('keys a guest on cluster (or source) and VMID, anything else on its id', () => {
    expect(resourceKeyOf(makeVm(100))).toBe('guest:pve-a:100');
    expect(resourceKeyOf(makeVm(100), 'prod')).toBe('guest:prod:100');
    expect(resourceKeyOf(makeNode('pve1'))).toBe('pve-a/node/pve1');
    expect(resourceKeyOf(storageAt(10))).toBe('pve-a/storage/pve1/local-lvm');
  });

  it('fills in clear (trigger - 5) and critical (trigger + 10, at most 99 for percentages)', () => {
    expect(resolveThreshold('cpu', { trigger: 80 })).toEqual({
      trigger: 80,
      clear: 75,
      critical: 90,
    });
    expect(resolveThreshold('disk', { trigger: 95, clear: 90 })).toEqual({
      trigger: 95,
      clear: 90,
      critical: 99,
    });
    expect(resolveThreshold('temperature', { trigger: 95 })?.critical).toBe(105);
    expect(resolveThreshold('cpu', { trigger: 0 })).toBeNull();
    expect(resolveThreshold('cpu', undefined)).toBeNull();
  });

  it('merges built-in defaults ← type defaults ← override', () => {
    const config = alertConfigFrom({
      defaults: { node: { cpu: { trigger: 70, clear: 60 } } },
      overrides: {
        'pve-a/node/pve1': {
          thresholds: { memory: { trigger: 95 }, disk: { trigger: 0 } },
          monitorOnly: true,
        },
      },
    });
    const pve1 = effectiveSettings(config, 'node', 'pve-a/node/pve1');
    expect(pve1.thresholds.cpu).toEqual({ trigger: 70, clear: 60, critical: 80 });
    expect(pve1.thresholds.memory).toEqual({ trigger: 95, clear: 90, critical: 99 });
    expect(pve1.thresholds.disk).toBeUndefined();
    expect(pve1.monitorOnly).toBe(true);
    const pve2 = effectiveSettings(config, 'node', 'pve-a/node/pve2');
    expect(pve2.thresholds.memory).toEqual({ trigger: 85, clear: 80, critical: 95 });
    expect(pve2.monitorOnly).toBe(false);
  });

  it('looks up the time threshold per metric, then per type, then the default', () => {
    const config = alertConfigFrom({
      timeThresholds: { default: 5, byType: { guest: 30 }, byMetric: { guest: { memory: 120 } } },
    });
    expect(holdSeconds(config, 'guest', 'memory')).toBe(120);
    expect(holdSeconds(config, 'guest', 'cpu')).toBe(30);
    expect(holdSeconds(config, 'node', 'cpu')).toBe(5);
  });
});

describe('config validation', () => {
  it('accepts the defaults unchanged', () => {
    expect(parseAlertConfig(defaultAlertConfig)).toEqual(defaultAlertConfig);
    expect(alertConfigFrom()).toEqual(defaultAlertConfig);
  });

  it('names the offending field in each message', () => {
    const issues = issuesOf(() =>
      alertConfigFrom({
        defaults: { node: { cpu: { trigger: 80, clear: 90 } } },
        quietHours: { start: '25:00', timezone: 'Mars/Olympus' },
        cooldownMinutes: -1,
        grouping: { windowSecs: 30 },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'defaults.node.cpu.clear: clear must not be above trigger',
        'quietHours.start: expected HH:MM (24-hour)',
        'quietHours.timezone: expected an IANA time zone, e.g. Europe/Berlin',
        expect.stringMatching(/^cooldownMinutes: /),
        expect.stringMatching(/^grouping: .*windowSecs/),
      ]),
    );
  });

  it('rejects escalation steps out of order and days outside 0..6', () => {
    const issues = issuesOf(() =>
      alertConfigFrom({
        escalation: { steps: [{ afterMinutes: 30 }, { afterMinutes: 15 }] },
        quietHours: { days: [7] },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'escalation.steps: steps must be in increasing afterMinutes',
        expect.stringMatching(/^quietHours\.days\.0: /),
      ]),
    );
  });

  it('merges a patch, replaces arrays and removes an override set to null', () => {
    const withOverride = alertConfigFrom({ overrides: { 'guest:pve-a:100': { disabled: true } } });
    expect(withOverride.overrides['guest:pve-a:100']).toEqual({ disabled: true });
    const patched = applyConfigPatch(withOverride, {
      overrides: { 'guest:pve-a:100': null },
      quietHours: { days: [0, 6] },
    });
    expect(patched.overrides).toEqual({});
    expect(patched.quietHours.days).toEqual([0, 6]);
    expect(patched.quietHours.start).toBe('22:00');
    expect(() => applyConfigPatch(withOverride, [1])).toThrow(AlertConfigError);
  });
});
