import { defineEntity, p } from '@mikro-orm/core';
import type { AuditDetails } from './chain.ts';

/**
 * One security-relevant event. `signature` is an HMAC over the fields and
 * `previousSignature`, which is the signature of the event with the sequence before it: a
 * chain, so an edited or deleted row is detectable. Rows are only ever inserted.
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.string().primary(),
    sequence: p.integer().unique(),
    timestamp: p.bigint('number').index(),
    event: p.string().index(),
    user: p.string().nullable(),
    ip: p.string().nullable(),
    path: p.string().nullable(),
    success: p.boolean(),
    details: p.json<AuditDetails>(),
    previousSignature: p.string(),
    signature: p.string(),
  },
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
