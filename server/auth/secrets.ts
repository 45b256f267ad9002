import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { ValidationError } from '../errors.ts';

/** Pulse's cost: about a quarter of a second per check on a small machine. */
export const bcryptCost = 12;
export const minPasswordLength = 12;

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** 32 random bytes as 64 hex characters: the shape of Pulse's own tokens. */
export const randomToken = () => randomBytes(32).toString('hex');

/** Compares two strings without revealing where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export const isBcryptHash = (value: string) => /^\$2[aby]\$\d{2}\$.{53}$/.test(value);

export function checkPasswordStrength(password: string, field = 'password'): void {
  if (password.length < minPasswordLength) {
    throw new ValidationError(
      `the password must be at least ${minPasswordLength} characters long`,
      field,
    );
  }
  if (Buffer.byteLength(password) > 72) {
    // bcrypt ignores everything after 72 bytes; a longer password would be silently shortened.
    throw new ValidationError('the password must be at most 72 bytes long', field);
  }
}

export const hashPassword = (password: string) => bcrypt.hash(password, bcryptCost);

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  return bcrypt.compare(password, hash);
}

/** The first and last four characters of a token: enough to recognise, not to use. */
export const tokenHint = (token: string) => `${token.slice(0, 4)}…${token.slice(-4)}`;
