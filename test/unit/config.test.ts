import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/env.ts';

describe('loadConfig', () => {
  it('uses the documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 7655,
      dataDir: './data',
      adminUser: null,
      apiTokens: [],
      publicUrl: null,
      logLevel: 'info',
      demoMode: 'auto',
      demoSize: 'small',
      environment: 'production',
      connectionTimeoutSeconds: 15,
      pollIntervals: { pve: 10, pbs: 60, pmg: 60 },
    });
  });

  it('reads FRONTEND_PORT, falling back to PORT', () => {
    expect(loadConfig({ FRONTEND_PORT: '8080', PORT: '9000' }).port).toBe(8080);
    expect(loadConfig({ PORT: '9000' }).port).toBe(9000);
  });

  it.each([
    [{ FRONTEND_PORT: 'abc' }, /FRONTEND_PORT/],
    [{ FRONTEND_PORT: '70000' }, /FRONTEND_PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ PULSE_PUBLIC_URL: 'not a url' }, /PULSE_PUBLIC_URL/],
    [{ PULSE_PUBLIC_URL: 'ftp://pulse.lan' }, /PULSE_PUBLIC_URL/],
    [{ PULSE_AUTH_USER: 'admin' }, /PULSE_AUTH_PASS/],
    [{ PULSE_AUTH_PASS: 'secret' }, /PULSE_AUTH_USER/],
    [{ API_TOKEN: 'short' }, /API_TOKEN/],
    [{ PULSE_MOCK_MODE: 'maybe' }, /PULSE_MOCK_MODE/],
    [{ PULSE_DEMO_SIZE: 'huge' }, /PULSE_DEMO_SIZE/],
    [{ PVE_POLLING_INTERVAL: '1' }, /PVE_POLLING_INTERVAL/],
    [{ CONNECTION_TIMEOUT: 'soon' }, /CONNECTION_TIMEOUT/],
    [{ PULSE_METRICS_RETENTION_RAW_HOURS: '0' }, /PULSE_METRICS_RETENTION_RAW_HOURS/],
    [{ PULSE_METRICS_RETENTION_DAILY_DAYS: 'ever' }, /PULSE_METRICS_RETENTION_DAILY_DAYS/],
  ])('rejects %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads the metrics retention per tier, defaulting to 24 h, 7 d, 90 d and 2 years', () => {
    expect(loadConfig({}).metricsRetention).toEqual({
      rawHours: 24,
      minuteDays: 7,
      hourlyDays: 90,
      dailyDays: 730,
    });
    const config = loadConfig({
      PULSE_METRICS_RETENTION_RAW_HOURS: '6',
      PULSE_METRICS_RETENTION_MINUTE_DAYS: '2',
      PULSE_METRICS_RETENTION_HOURLY_DAYS: '30',
      PULSE_METRICS_RETENTION_DAILY_DAYS: '365',
    });
    expect(config.metricsRetention).toEqual({
      rawHours: 6,
      minuteDays: 2,
      hourlyDays: 30,
      dailyDays: 365,
    });
  });

  it('never puts a secret value in the error message', () => {
    try {
      loadConfig({ API_TOKEN: 'tiny-secret' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('tiny-secret');
    }
  });

  it('merges API_TOKEN and the comma-separated API_TOKENS without duplicates', () => {
    const token = 'a'.repeat(32);
    const other = 'b'.repeat(32);
    const config = loadConfig({ API_TOKEN: token, API_TOKENS: `${other}, ${token},` });
    expect(config.apiTokens).toEqual([token, other]);
  });

  it('reads the admin account, demo switch, log level and public URL', () => {
    const config = loadConfig({
      PULSE_AUTH_USER: 'admin',
      PULSE_AUTH_PASS: 'correct horse',
      PULSE_MOCK_MODE: 'false',
      LOG_LEVEL: 'DEBUG',
      PULSE_PUBLIC_URL: 'https://pulse.example.org/',
    });
    expect(config.adminUser).toEqual({ username: 'admin', password: 'correct horse' });
    expect(config.demoMode).toBe('off');
    expect(config.logLevel).toBe('debug');
    expect(config.publicUrl).toBe('https://pulse.example.org');
  });
});
