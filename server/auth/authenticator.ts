import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { type Actor, makeActor } from '../access/actor.ts';
import type { Config } from '../config/env.ts';

/** Reads one request header by lower-case name, from whatever transport carried it. */
export type HeaderReader = (name: string) => string | undefined;

const sha256 = (value: string) => createHash('sha256').update(value).digest();
const isBcryptHash = (value: string) => /^\$2[aby]\$\d{2}\$/.test(value);

/**
 * Turns request credentials into an Actor. With no credentials configured Pulse is open, as
 * Pulse is before its security setup: every caller acts as admin. Once PULSE_AUTH_USER/PASS or
 * API_TOKEN(S) are set, a caller must present one of them (X-API-Token, Bearer, or Basic).
 */
export class Authenticator {
  readonly #tokenHashes: Buffer[];
  readonly #admin: { username: string; password: string } | null;
  /** sha256 of a Basic password already verified against the bcrypt hash: bcrypt is slow. */
  #verifiedPassword: Buffer | null = null;

  constructor(config: Pick<Config, 'apiTokens' | 'adminUser'>) {
    this.#tokenHashes = config.apiTokens.map(sha256);
    this.#admin = config.adminUser;
  }

  get required(): boolean {
    return this.#tokenHashes.length > 0 || this.#admin !== null;
  }

  async identify(header: HeaderReader, connectionToken?: string): Promise<Actor> {
    if (!this.required) return makeActor('anonymous', 'anonymous', 'admin');
    const token = connectionToken ?? header('x-api-token') ?? bearer(header('authorization'));
    if (token && this.#matchesToken(token)) return makeActor('token', 'api-token', 'admin');
    const basic = parseBasic(header('authorization'));
    if (basic && (await this.#matchesAdmin(basic.username, basic.password))) {
      return makeActor('user', basic.username, 'admin');
    }
    return makeActor('anonymous', 'anonymous', null);
  }

  #matchesToken(token: string): boolean {
    const candidate = sha256(token);
    // Compare against every token so timing does not reveal which one matched.
    return this.#tokenHashes.reduce(
      (found, hash) => timingSafeEqual(hash, candidate) || found,
      false,
    );
  }

  async #matchesAdmin(username: string, password: string): Promise<boolean> {
    const admin = this.#admin;
    if (!admin) return false;
    const userOk = timingSafeEqual(sha256(username), sha256(admin.username));
    const candidate = sha256(password);
    if (!isBcryptHash(admin.password)) {
      return timingSafeEqual(candidate, sha256(admin.password)) && userOk;
    }
    if (this.#verifiedPassword && timingSafeEqual(this.#verifiedPassword, candidate)) return userOk;
    const ok = await bcrypt.compare(password, admin.password);
    if (ok) this.#verifiedPassword = candidate;
    return ok && userOk;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
}

function parseBasic(
  authorization: string | undefined,
): { username: string; password: string } | null {
  const match = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
