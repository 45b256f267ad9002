import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../server/errors.ts';
import {
  credentialsFrom,
  normalizeFingerprint,
  normalizeHost,
} from '../../server/nodes/node-input.ts';

describe('normalizeHost', () => {
  it.each([
    ['10.0.0.5', 'pve', 'https://10.0.0.5:8006'],
    ['pbs.lan', 'pbs', 'https://pbs.lan:8007'],
    ['https://pve.lan:8006/', 'pve', 'https://pve.lan:8006'],
    ['pve.lan:443', 'pve', 'https://pve.lan:443'],
    ['https://pmg.lan/api2/json', 'pmg', 'https://pmg.lan:8006'],
    ['[fd00::5]', 'pve', 'https://[fd00::5]:8006'],
  ] as const)('%s (%s) → %s', (raw, type, expected) => {
    expect(normalizeHost(raw, type)).toBe(expected);
  });

  it.each(['', 'http://pve.lan:8006', 'https://pve.lan/some/path', 'not a host name'])(
    'rejects %j with a ValidationError on host',
    (raw) => {
      expect(() => normalizeHost(raw, 'pve')).toThrow(ValidationError);
    },
  );
});

describe('normalizeFingerprint', () => {
  const hex = 'ab'.repeat(32);
  it('accepts any case and separators, returning AA:BB form', () => {
    expect(normalizeFingerprint(hex)).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeFingerprint(Array(32).fill('ab').join(':'))).toBe(
      Array(32).fill('AB').join(':'),
    );
    expect(normalizeFingerprint('')).toBeNull();
    expect(normalizeFingerprint(null)).toBeNull();
  });
  it('rejects a fingerprint of the wrong length', () => {
    expect(() => normalizeFingerprint('AB:CD')).toThrow(/SHA-256/);
  });
});

describe('credentialsFrom', () => {
  it('reads a token, requiring user@realm!name and a value', () => {
    expect(
      credentialsFrom({
        type: 'pve',
        name: 'x',
        host: 'h',
        tokenId: 'mon@pve!pulse',
        tokenValue: ' s3cret ',
      }),
    ).toEqual({ kind: 'token', tokenId: 'mon@pve!pulse', secret: 's3cret' });
    expect(() =>
      credentialsFrom({ type: 'pve', name: 'x', host: 'h', tokenId: 'pulse', tokenValue: 's' }),
    ).toThrow(/user@realm!tokenname/);
    expect(() => credentialsFrom({ type: 'pve', name: 'x', host: 'h', tokenId: 'a@b!c' })).toThrow(
      /tokenValue/,
    );
  });

  it('adds @pam to a user without a realm', () => {
    expect(
      credentialsFrom({ type: 'pbs', name: 'x', host: 'h', username: 'root', password: 'pw' }),
    ).toEqual({ kind: 'password', username: 'root@pam', password: 'pw' });
  });

  it('refuses API tokens for PMG, which has none', () => {
    expect(() =>
      credentialsFrom({ type: 'pmg', name: 'x', host: 'h', tokenId: 'a@pmg!b', tokenValue: 's' }),
    ).toThrow(/no API tokens/);
  });

  it('requires some credentials', () => {
    expect(() => credentialsFrom({ type: 'pve', name: 'x', host: 'h' })).toThrow(
      /user and password or an API token/,
    );
  });
});
