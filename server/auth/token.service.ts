import { randomUUID } from 'node:crypto';
import type { Role } from '../access/abilities.ts';
import { type Actor, authorize } from '../access/actor.ts';
import { normalizeScopes, type Scope } from '../access/scopes.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Orm } from '../db/orm.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { ApiToken } from './api-token.entity.ts';
import type { SecurityPosture } from './posture.ts';
import { randomToken, sha256Hex, tokenHint } from './secrets.ts';

export interface TokenView {
  id: string;
  name: string;
  hint: string;
  scopes: Scope[];
  createdAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  /** env: from API_TOKEN(S); it cannot be revoked here. */
  source: 'stored' | 'env';
}

export interface CreatedToken {
  token: string;
  record: TokenView;
}

/** Who a presented token is, once checked. */
export interface TokenIdentity {
  id: string;
  name: string;
  role: Role;
  scopes: Scope[];
}

export interface NewToken {
  name?: string;
  scopes?: readonly string[];
  /** Days until it stops working; none: never. */
  expiresInDays?: number | null;
  /** A value chosen by the client (quick setup); otherwise Pulse makes one. */
  value?: string;
}

const lastUsedEveryMs = 60_000;

/** API tokens: stored as SHA-256 hashes, shown once, scoped, revocable. */
export class TokenService {
  readonly #orm: Orm;
  readonly #bus: EventBus;
  readonly #audit: AuditLog;
  readonly #posture: SecurityPosture;
  /** API_TOKEN / API_TOKENS: hash → identity; full access, as in Pulse. */
  readonly #envTokens = new Map<string, TokenIdentity>();

  constructor(parts: {
    orm: Orm;
    bus: EventBus;
    audit: AuditLog;
    posture: SecurityPosture;
    envTokens: readonly string[];
  }) {
    const { orm, bus, audit, posture, envTokens } = parts;
    this.#orm = orm;
    this.#bus = bus;
    this.#audit = audit;
    this.#posture = posture;
    envTokens.forEach((value, index) => {
      const hash = sha256Hex(value);
      const id = `env-${hash.slice(0, 8)}`;
      const name = index === 0 ? 'api-token' : `api-token-${index + 1}`;
      this.#envTokens.set(hash, { id, name, role: 'admin', scopes: ['*'] });
    });
  }

  get hasEnvTokens(): boolean {
    return this.#envTokens.size > 0;
  }

  async count(): Promise<number> {
    return (await this.#orm.em.fork().count(ApiToken, {})) + this.#envTokens.size;
  }

  /** Checks a presented token; records when and from where it was last used. */
  async identify(value: string, ip: string | null): Promise<TokenIdentity | null> {
    const hash = sha256Hex(value);
    const fromEnv = this.#envTokens.get(hash);
    if (fromEnv) return fromEnv;
    const em = this.#orm.em.fork();
    const row = await em.findOne(ApiToken, { hash });
    if (!row) return null;
    const now = new Date();
    if (row.expiresAt && row.expiresAt <= now) return null;
    const newIp = ip !== null && row.lastUsedIp !== ip;
    if (newIp || !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUsedEveryMs) {
      if (newIp && row.lastUsedIp !== null) {
        await this.#audit.record({
          event: 'token_used_new_ip',
          user: row.name,
          ip,
          details: { tokenId: row.id, previousIp: row.lastUsedIp ?? null },
        });
      }
      row.lastUsedAt = now;
      row.lastUsedIp = ip ?? row.lastUsedIp;
      await em.flush();
    }
    return { id: row.id, name: row.name, role: row.role as Role, scopes: row.scopes };
  }

  /** The name of a token that still works (not revoked, not expired), or null. */
  async nameOf(id: string): Promise<string | null> {
    const fromEnv = [...this.#envTokens.values()].find((t) => t.id === id);
    if (fromEnv) return fromEnv.name;
    const row = await this.#orm.em.fork().findOne(ApiToken, { id });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return null;
    return row.name;
  }

  async list(actor: Actor): Promise<TokenView[]> {
    authorize(actor, 'manage', 'Account');
    const rows = await this.#orm.em.fork().find(ApiToken, {}, { orderBy: { createdAt: 'asc' } });
    const env: TokenView[] = [...this.#envTokens.values()].map((t) => ({
      id: t.id,
      name: t.name,
      hint: 'set in the environment',
      scopes: t.scopes,
      createdAt: null,
      expiresAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      source: 'env',
    }));
    return [...env, ...rows.map(toView)];
  }

  async create(actor: Actor, input: NewToken): Promise<CreatedToken> {
    authorize(actor, 'manage', 'Account');
    const name = input.name?.trim() || 'API token';
    if (name.length > 100)
      throw new ValidationError('the name is longer than 100 characters', 'name');
    const scopes = normalizeScopes(input.scopes);
    assertGrantable(actor, scopes);
    const days = input.expiresInDays ?? null;
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
      throw new ValidationError(
        'expiresInDays must be a whole number from 1 to 3650',
        'expiresInDays',
      );
    }
    const token = input.value ?? randomToken();
    if (token.length < 16 || token.length > 256 || /\s/.test(token)) {
      throw new ValidationError('a token must be 16 to 256 characters without spaces', 'apiToken');
    }
    const now = new Date();
    const em = this.#orm.em.fork();
    if (await em.count(ApiToken, { hash: sha256Hex(token) })) {
      throw new ValidationError('that token value is already in use', 'apiToken');
    }
    const row = em.create(ApiToken, {
      id: randomUUID(),
      name,
      hash: sha256Hex(token),
      hint: tokenHint(token),
      scopes,
      role: actor.kind === 'token' ? 'admin' : (actor.role ?? 'viewer'),
      createdBy: actor.name,
      createdAt: now,
      expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000),
      lastUsedAt: null,
      lastUsedIp: null,
    });
    await em.flush();
    await this.#posture.refresh();
    await this.#audit.record({
      event: 'token_created',
      user: actor.name,
      details: { tokenId: row.id, name, scopes },
    });
    return { token, record: toView(row) };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'manage', 'Account');
    if (id.startsWith('env-')) {
      throw new ValidationError(
        'this token comes from API_TOKEN(S); remove it there and restart',
        'id',
      );
    }
    const em = this.#orm.em.fork();
    const row = await em.findOne(ApiToken, { id });
    if (!row) throw new NotFoundError(`no API token with id ${id}`);
    em.remove(row);
    await em.flush();
    await this.#posture.refresh();
    await this.#audit.record({
      event: 'token_revoked',
      user: actor.name,
      details: { tokenId: id, name: row.name },
    });
    this.#bus.publish('credentials.revoked', { credentialIds: [id] });
  }

  /** Pulse's "regenerate": revokes every stored token and makes one full-access token. */
  async regenerate(actor: Actor): Promise<CreatedToken> {
    authorize(actor, 'manage', 'Account');
    const em = this.#orm.em.fork();
    const old = await em.find(ApiToken, {});
    const created = await this.create(actor, { name: 'API token', scopes: ['*'] });
    await em.nativeDelete(ApiToken, { id: { $in: old.map((t) => t.id) } });
    if (old.length > 0) {
      this.#bus.publish('credentials.revoked', { credentialIds: old.map((t) => t.id) });
    }
    return created;
  }

  /** Whether a value is a working token, without using it (admin check). */
  async validate(actor: Actor, value: string): Promise<boolean> {
    authorize(actor, 'manage', 'Account');
    const hash = sha256Hex(value);
    if (this.#envTokens.has(hash)) return true;
    const row = await this.#orm.em.fork().findOne(ApiToken, { hash });
    return row !== null && (!row.expiresAt || row.expiresAt > new Date());
  }
}

/**
 * A token that may make tokens (settings:write) gives only the scopes it holds itself;
 * otherwise it could mint a "*" or audit:read token and step past its own narrowing.
 */
function assertGrantable(actor: Actor, scopes: readonly Scope[]): void {
  if (actor.kind !== 'token' || actor.scopes === null || actor.scopes.includes('*')) return;
  const held = actor.scopes;
  const beyond = scopes.filter((scope) => !held.includes(scope));
  if (beyond.length > 0) {
    throw new ForbiddenError(
      `a token can only grant scopes it holds; not ${beyond.map((s) => `"${s}"`).join(', ')}`,
    );
  }
}

function toView(row: ApiToken): TokenView {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt ?? null,
    lastUsedAt: row.lastUsedAt ?? null,
    lastUsedIp: row.lastUsedIp ?? null,
    source: 'stored',
  };
}
