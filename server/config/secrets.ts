import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './env.ts';

/** Seals and opens small secrets (node credentials) with AES-256-GCM. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const keyFileName = '.encryption.key';

function parseKey(raw: string, origin: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(`${origin} must be 32 bytes, as 64 hex characters or base64`);
  }
  return key;
}

/**
 * The master key: PULSE_ENCRYPTION_KEY when set, else a key file in the data directory,
 * created (0600) on first start. Losing it makes stored credentials unreadable.
 */
export function loadEncryptionKey(fromEnv: string | null, dataDir: string): Buffer {
  if (fromEnv) return parseKey(fromEnv, 'PULSE_ENCRYPTION_KEY');
  const file = join(dataDir, keyFileName);
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64'));
      return `v1:${parts.join(':')}`;
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) {
        throw new Error('sealed secret has an unknown format');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
      return plain.toString('utf8');
    },
  };
}
