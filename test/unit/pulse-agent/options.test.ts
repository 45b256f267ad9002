import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../server/pulse-agent/backoff.ts';
import { parseCommand, parseInterval, UsageError } from '../../../server/pulse-agent/options.ts';

const base = ['--url', 'https://pulse.lan:7655/', '--token', 'abc123'];
const run = (
  argv: string[],
  env: Record<string, string> = {},
  files: Record<string, string> = {},
) => {
  const parsed = parseCommand(argv, env, (path) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return text;
  });
  if (parsed.command !== 'run') throw new Error(`expected run, got ${parsed.command}`);
  return parsed.options;
};

describe('pulse-agent options', () => {
  it('has sensible defaults: host only, every 30 s, certificates checked', () => {
    expect(run(base)).toEqual({
      url: 'https://pulse.lan:7655',
      token: 'abc123',
      intervalSeconds: 30,
      docker: null,
      kubernetes: null,
      tags: [],
      insecure: false,
      logLevel: 'info',
    });
  });

  it('reads every flag', () => {
    const options = run([
      ...base,
      '--interval=1m30s',
      '--enable-docker',
      '--enable-kubernetes',
      '--kubeconfig',
      '/etc/rancher/k3s/k3s.yaml',
      '--agent-id',
      'pve-1',
      '--tag',
      'lab',
      '--tag',
      'rack-2,lab',
      '--insecure',
    ]);
    expect(options).toMatchObject({
      intervalSeconds: 90,
      docker: { socketPath: '/var/run/docker.sock' },
      kubernetes: { kubeconfigPath: '/etc/rancher/k3s/k3s.yaml' },
      agentId: 'pve-1',
      tags: ['lab', 'rack-2'],
      insecure: true,
    });
  });

  it('takes a socket or kubeconfig path as enabling that module', () => {
    expect(run([...base, '--docker-socket', '/run/podman/podman.sock']).docker).toEqual({
      socketPath: '/run/podman/podman.sock',
    });
    expect(run([...base, '--enable-kubernetes']).kubernetes).toEqual({});
  });

  it('reads PULSE_URL, PULSE_TOKEN and PULSE_TOKEN_FILE; flags win', () => {
    expect(run([], { PULSE_URL: 'http://10.0.0.5:7655', PULSE_TOKEN: ' t0ken\n' })).toMatchObject({
      url: 'http://10.0.0.5:7655',
      token: 't0ken',
    });
    const fromFile = run(
      [],
      { PULSE_URL: 'http://pulse', PULSE_TOKEN_FILE: '/var/lib/pulse-agent/token' },
      { '/var/lib/pulse-agent/token': 'from-file\n' },
    );
    expect(fromFile.token).toBe('from-file');
    expect(run(base, { PULSE_URL: 'http://other', PULSE_TOKEN: 'other' })).toMatchObject({
      url: 'https://pulse.lan:7655',
      token: 'abc123',
    });
  });

  it('answers --help and --version without needing a URL', () => {
    expect(parseCommand(['--help'], {})).toEqual({ command: 'help' });
    expect(parseCommand(['-h'], {})).toEqual({ command: 'help' });
    expect(parseCommand(['--version'], {})).toEqual({ command: 'version' });
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--url'], /--url/],
    [['--insecure=yes', ...base], /--insecure/],
    [['stray', ...base], /stray/],
    [['--token', 'x'], /--url is required/],
    [['--url', 'https://pulse'], /--token is required/],
    [['--url', 'pulse.lan', '--token', 'x'], /not a URL/],
    [['--url', 'ftp://pulse.lan', '--token', 'x'], /http:\/\/ or https:\/\//],
    [['--url', 'https://u:p@pulse.lan', '--token', 'x'], /without credentials/],
    [[...base, '--interval', 'soon'], /--interval "soon" is not a duration/],
    [[...base, '--interval', '0s'], /between 1s and 24h/],
    [[...base, '--interval', '48h'], /between 1s and 24h/],
    [['--url', 'https://p', '--token', 'has space'], /cannot carry/],
    [
      ['--url', 'https://p', '--token-file', '/missing'],
      /--token-file "\/missing" cannot be read \(ENOENT\)/,
    ],
    [[...base, '--tag', 'x'.repeat(65)], /--tag/],
    [[...base, '--agent-id', ''], /--agent-id/],
    [[...base, '--log-level', 'loud'], /--log-level/],
  ])('refuses %j with one clear line', (argv, message) => {
    expect(() => run(argv)).toThrow(UsageError);
    expect(() => run(argv)).toThrow(message);
  });

  it('parses intervals', () => {
    expect(parseInterval('30s')).toBe(30);
    expect(parseInterval('45')).toBe(45);
    expect(parseInterval('2m')).toBe(120);
    expect(parseInterval('1h')).toBe(3600);
    expect(parseInterval('1500ms')).toBe(1.5);
  });
});

describe('retry backoff', () => {
  const policy = { baseMs: 1_000, capMs: 300_000, authFloorMs: 60_000 };

  it('doubles per failure with jitter in the upper half, capped at five minutes', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(4, policy, () => 1)).toBe(8_000);
    expect(retryDelayMs(4, policy, () => 0)).toBe(4_000);
    expect(retryDelayMs(30, policy, () => 1)).toBe(300_000);
    expect(retryDelayMs(1_000, policy, () => 0.5)).toBe(225_000);
  });
});
