import { describe, expect, it } from 'vitest';
import { inQuietHours } from '../../../server/alerts/engine/quiet-hours.ts';
import { defaultAlertConfig, type QuietHours } from '../../../server/alerts/thresholds.ts';
import { Harness, makeNode, nodeAt, sent, testConfig } from './helpers.ts';

const berlinNights: QuietHours = {
  ...defaultAlertConfig.quietHours,
  enabled: true,
  start: '22:00',
  end: '08:00',
  timezone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
};
// January: Berlin is UTC+1. 5 January 2026 is a Monday.
const utc = (dayOfMonth: number, hours: number, minutes = 0) =>
  Date.UTC(2026, 0, dayOfMonth, hours, minutes);

describe('quiet hours: the window', () => {
  it('covers an overnight window in the configured time zone', () => {
    expect(inQuietHours(berlinNights, utc(5, 20, 59))).toBe(false); // Mon 21:59 Berlin
    expect(inQuietHours(berlinNights, utc(5, 21, 0))).toBe(true); // Mon 22:00
    expect(inQuietHours(berlinNights, utc(6, 6, 59))).toBe(true); // Tue 07:59, Monday's night
    expect(inQuietHours(berlinNights, utc(6, 7, 0))).toBe(false); // Tue 08:00
  });

  it('gives the morning after to the day the window started on', () => {
    expect(inQuietHours(berlinNights, utc(10, 2))).toBe(true); // Sat 03:00: Friday's night
    expect(inQuietHours(berlinNights, utc(11, 2))).toBe(false); // Sun 03:00: Saturday's night, off
    expect(inQuietHours(berlinNights, utc(4, 22))).toBe(false); // Sun 23:00 Berlin
  });

  it('reads the clock in the zone, not in UTC', () => {
    const newYork = { ...berlinNights, timezone: 'America/New_York' }; // UTC-5
    expect(inQuietHours(newYork, utc(5, 21, 30))).toBe(false); // Mon 16:30 in New York
    expect(inQuietHours(newYork, utc(6, 3, 30))).toBe(true); // Mon 22:30 in New York
  });

  it('handles a same-day window and is off when disabled', () => {
    const lunch = { ...berlinNights, start: '12:00', end: '13:00' };
    expect(inQuietHours(lunch, utc(5, 11, 30))).toBe(true);
    expect(inQuietHours(lunch, utc(5, 12, 30))).toBe(false);
    expect(inQuietHours({ ...lunch, enabled: false }, utc(5, 11, 30))).toBe(false);
  });
});

describe('quiet hours: notifications', () => {
  const night = utc(5, 22); // Mon 23:00 Berlin
  const morning = utc(6, 7); // Tue 08:00 Berlin

  it('holds non-critical alerts and releases them when quiet hours end', () => {
    const engine = new Harness(testConfig({ quietHours: berlinNights }));
    const fired = engine.evaluate([nodeAt(85)], night);
    expect(fired.transitions).toHaveLength(1);
    expect(fired.notifications).toEqual([]);
    expect(engine.tick(morning - 60_000).notifications).toEqual([]);
    expect(sent(engine.tick(morning))).toEqual(['alert: pve-a/node/pve1:cpu']);
    expect(engine.tick(morning + 60_000).notifications).toEqual([]);
  });

  it('lets critical alerts through unless their category is suppressed', () => {
    const engine = new Harness(testConfig({ quietHours: berlinNights }));
    expect(sent(engine.evaluate([nodeAt(95)], night))).toEqual(['alert: pve-a/node/pve1:cpu']);
    const strict = new Harness(
      testConfig({ quietHours: { ...berlinNights, suppress: ['performance'] } }),
    );
    expect(strict.evaluate([nodeAt(95)], night).notifications).toEqual([]);
    expect(sent(strict.tick(morning))).toEqual(['alert: pve-a/node/pve1:cpu']);
  });

  it('drops a held alert that resolved before the morning, and holds a resolve at night', () => {
    const engine = new Harness(testConfig({ quietHours: berlinNights }));
    engine.evaluate([nodeAt(85)], night);
    engine.evaluate([makeNode('pve1')], night + 60_000);
    expect(engine.tick(morning).notifications).toEqual([]);

    const day = utc(5, 12);
    const other = new Harness(testConfig({ quietHours: berlinNights }));
    expect(sent(other.evaluate([nodeAt(85)], day))).toEqual(['alert: pve-a/node/pve1:cpu']);
    expect(other.evaluate([makeNode('pve1')], night).notifications).toEqual([]);
    expect(sent(other.tick(morning))).toEqual(['resolved: pve-a/node/pve1:cpu']);
  });
});
