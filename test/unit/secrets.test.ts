import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config/env.ts';
import { createSecretBox, loadEncryptionKey } from '../../server/config/secrets.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('credentials at rest', () => {
  it('creates a 0600 key file once and reuses it', () => {
    const first = loadEncryptionKey(null, dir);
    const file = join(dir, '.encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadEncryptionKey(null, dir).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('prefers PULSE_ENCRYPTION_KEY and rejects a key of the wrong size', () => {
    const hex = 'a1'.repeat(32);
    expect(loadEncryptionKey(hex, dir).toString('hex')).toBe(hex);
    expect(() => loadEncryptionKey('short', dir)).toThrow(ConfigError);
  });

  it('seals with a fresh IV each time, opens what it sealed, and refuses tampering', () => {
    const box = createSecretBox(loadEncryptionKey(null, dir));
    const a = box.seal('token-secret');
    const b = box.seal('token-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('token-secret');
    expect(box.open(a)).toBe('token-secret');
    const parts = a.split(':');
    const body = Buffer.from(parts[3] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('cannot open with another key', () => {
    const sealed = createSecretBox(loadEncryptionKey('b2'.repeat(32), dir)).seal('x');
    expect(() => createSecretBox(loadEncryptionKey('c3'.repeat(32), dir)).open(sealed)).toThrow();
  });
});
