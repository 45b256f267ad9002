import { randomUUID } from 'node:crypto';
import { type Actor, authorize } from '../access/actor.ts';
import type { Orm } from '../db/orm.ts';
import { NotFoundError } from '../errors.ts';
import { AuditEvent } from './audit-event.entity.ts';
import { type AuditEventType, type AuditFilter, toAuditQuery } from './audit-filter.ts';
import {
  type AuditDetails,
  genesisSignature,
  type SignedFields,
  sign,
  signatureMatches,
} from './chain.ts';
import { currentRequestOrigin } from './request-origin.ts';

/** What a caller hands to `record`; ip and path default to the current request's. */
export interface AuditRecord {
  event: AuditEventType;
  /** The actor's name, or the user name tried for a failed login. */
  user: string | null;
  success?: boolean;
  details?: AuditDetails;
  ip?: string | null;
  path?: string | null;
}

export interface AuditEventView extends Omit<SignedFields, 'previousSignature'> {
  signature: string;
}

export interface AuditVerification {
  id: string;
  sequence: number;
  /** The event's own signature matches its contents. */
  valid: boolean;
  /** Its predecessor is present and is the event it was chained to. */
  chainValid: boolean;
  /** Why verification failed; null when both hold. */
  reason: string | null;
}

export interface AuditLogVerification {
  ok: boolean;
  checked: number;
  firstBroken: AuditVerification | null;
}

// A belt to the braces of callers passing only safe facts: a key that names a secret is dropped.
const secretKey = /pass(word|phrase)?$|secret|token_?value|api_?key|private_?key|credential/i;

const pageSize = 500;

/** The tamper-evident audit log: append-only, HMAC-chained, readable by admins only. */
export class AuditLog {
  readonly #orm: Orm;
  readonly #key: Buffer;
  /** Appends run one after another, so two events never chain to the same predecessor. */
  #tail: Promise<unknown> = Promise.resolve();

  /** `key` is the derived audit key (`deriveAuditKey`), never the master key itself. */
  constructor(orm: Orm, key: Buffer) {
    this.#orm = orm;
    this.#key = key;
  }

  /** Appends an event. The server records; there is no actor to authorize. */
  record(input: AuditRecord): Promise<AuditEventView> {
    const appended = this.#tail.then(() => this.#append(input));
    this.#tail = appended.catch(() => undefined);
    return appended;
  }

  async list(
    actor: Actor,
    filter: AuditFilter = {},
  ): Promise<{ events: AuditEventView[]; total: number }> {
    authorize(actor, 'read', 'Audit');
    const { where, limit } = toAuditQuery(filter);
    const [rows, total] = await this.#orm.em
      .fork()
      .findAndCount(AuditEvent, where, { orderBy: { sequence: 'desc' }, limit });
    return { events: rows.map(toView), total };
  }

  async verify(actor: Actor, id: string): Promise<AuditVerification> {
    authorize(actor, 'read', 'Audit');
    const em = this.#orm.em.fork();
    const row = await em.findOne(AuditEvent, { id });
    if (!row) throw new NotFoundError(`no audit event with id ${id}`);
    const [predecessor] = await em.find(
      AuditEvent,
      { sequence: { $lt: row.sequence } },
      { orderBy: { sequence: 'desc' }, limit: 1 },
    );
    return this.#check(row, predecessor ?? null);
  }

  /** Walks the whole chain from the start and stops at the first broken event. */
  async verifyAll(actor: Actor): Promise<AuditLogVerification> {
    authorize(actor, 'read', 'Audit');
    let previous: AuditEvent | null = null;
    let checked = 0;
    for (;;) {
      const page: AuditEvent[] = await this.#orm.em
        .fork()
        .find(
          AuditEvent,
          { sequence: { $gt: previous?.sequence ?? 0 } },
          { orderBy: { sequence: 'asc' }, limit: pageSize },
        );
      for (const row of page) {
        const result = this.#check(row, previous);
        checked += 1;
        if (result.reason !== null) return { ok: false, checked, firstBroken: result };
        previous = row;
      }
      if (page.length < pageSize) return { ok: true, checked, firstBroken: null };
    }
  }

  async #append(input: AuditRecord): Promise<AuditEventView> {
    const em = this.#orm.em.fork();
    const [last] = await em.find(AuditEvent, {}, { orderBy: { sequence: 'desc' }, limit: 1 });
    const origin = currentRequestOrigin();
    const fields: SignedFields = {
      id: randomUUID(),
      sequence: (last?.sequence ?? 0) + 1,
      timestamp: Date.now(),
      event: input.event,
      user: input.user,
      ip: input.ip !== undefined ? input.ip : origin.ip,
      path: input.path !== undefined ? input.path : origin.path,
      success: input.success ?? true,
      details: withoutSecrets(input.details ?? {}),
      previousSignature: last?.signature ?? genesisSignature,
    };
    const row = em.create(AuditEvent, { ...fields, signature: sign(this.#key, fields) });
    await em.flush();
    return toView(row);
  }

  #check(row: AuditEvent, predecessor: AuditEvent | null): AuditVerification {
    const valid = signatureMatches(this.#key, signedFields(row), row.signature);
    const chainProblem = chainProblemOf(row, predecessor);
    const reasons = [
      ...(valid ? [] : ['the signature does not match the event: it was changed']),
      ...(chainProblem ? [chainProblem] : []),
    ];
    return {
      id: row.id,
      sequence: row.sequence,
      valid,
      chainValid: chainProblem === null,
      reason: reasons.length > 0 ? reasons.join('; ') : null,
    };
  }
}

/** Why `row` does not follow `predecessor` (the nearest earlier event), or null. */
function chainProblemOf(row: AuditEvent, predecessor: AuditEvent | null): string | null {
  const expectedBefore = row.sequence - 1;
  const foundBefore = predecessor?.sequence ?? 0;
  if (foundBefore !== expectedBefore) {
    const first = foundBefore + 1;
    const missing = first === expectedBefore ? `${first}` : `${first} to ${expectedBefore}`;
    return `the event(s) before it are missing (sequence ${missing})`;
  }
  const chainedTo = predecessor?.signature ?? genesisSignature;
  if (row.previousSignature !== chainedTo) {
    return predecessor
      ? 'the previous event is not the one it was chained to'
      : 'the first event does not chain to the genesis value';
  }
  return null;
}

function withoutSecrets(details: AuditDetails): AuditDetails {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !secretKey.test(key)));
}

function signedFields(row: AuditEvent): SignedFields {
  return {
    id: row.id,
    sequence: row.sequence,
    timestamp: row.timestamp,
    event: row.event,
    user: row.user ?? null,
    ip: row.ip ?? null,
    path: row.path ?? null,
    success: row.success,
    details: row.details,
    previousSignature: row.previousSignature,
  };
}

function toView(row: AuditEvent): AuditEventView {
  const { previousSignature: _chain, ...fields } = signedFields(row);
  return { ...fields, signature: row.signature };
}
