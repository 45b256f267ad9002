import type {
  AuditEventView,
  AuditLogVerification,
  AuditVerification,
} from '../../audit/audit-log.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const AuditEventRef = builder.objectRef<AuditEventView>('AuditEvent').implement({
  description: 'One security-relevant event, signed and chained to the one before it',
  fields: (t) => ({
    id: t.exposeID('id'),
    sequence: t.exposeInt('sequence', { description: 'Gap-free order of recording' }),
    timestamp: t.field({ type: 'DateTime', resolve: (e) => e.timestamp }),
    event: t.exposeString('event', { description: 'node_added, settings_changed, login, …' }),
    user: t.exposeString('user', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    path: t.exposeString('path', { nullable: true }),
    success: t.exposeBoolean('success'),
    details: t.field({
      type: 'JSON',
      description: 'Facts, never secrets',
      resolve: (e) => e.details,
    }),
    signature: t.exposeString('signature', { description: 'HMAC-SHA256, hex' }),
  }),
});

const AuditEventPageRef = builder
  .objectRef<{ events: AuditEventView[]; total: number }>('AuditEventPage')
  .implement({
    fields: (t) => ({
      events: t.field({ type: [AuditEventRef], resolve: (p) => p.events }),
      total: t.exposeInt('total', { description: 'Matching events, before the limit' }),
    }),
  });

const AuditVerificationRef = builder.objectRef<AuditVerification>('AuditVerification').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    sequence: t.exposeInt('sequence'),
    valid: t.exposeBoolean('valid', { description: 'The signature matches the contents' }),
    chainValid: t.exposeBoolean('chainValid', {
      description: 'The event before it is present and is the one it was chained to',
    }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

const AuditLogVerificationRef = builder
  .objectRef<AuditLogVerification>('AuditLogVerification')
  .implement({
    fields: (t) => ({
      ok: t.exposeBoolean('ok'),
      checked: t.exposeInt('checked'),
      firstBroken: t.expose('firstBroken', { type: AuditVerificationRef, nullable: true }),
    }),
  });

const AuditFilterInput = builder.inputType('AuditFilter', {
  fields: (t) => ({
    limit: t.int({ required: false, description: '1 to 1000, default 100' }),
    event: t.string({ required: false }),
    user: t.string({ required: false }),
    success: t.boolean({ required: false }),
    startTime: t.string({ required: false, description: 'ISO 8601, inclusive' }),
    endTime: t.string({ required: false, description: 'ISO 8601, inclusive' }),
  }),
});

builder.queryFields((t) => ({
  auditEvents: t.field({
    type: AuditEventPageRef,
    description: 'The audit log, newest first (admins only)',
    errors: mutationErrors,
    args: { filter: t.arg({ type: AuditFilterInput, required: false }) },
    resolve: (_root, { filter }, { actor, services }) => services.audit.list(actor, filter ?? {}),
  }),
  verifyAuditEvent: t.field({
    type: AuditVerificationRef,
    description: 'Recomputes one event signature and checks its link to the previous event',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { actor, services }) => services.audit.verify(actor, String(id)),
  }),
  verifyAuditLog: t.field({
    type: AuditLogVerificationRef,
    description: 'Walks the whole chain and reports the first broken event',
    errors: mutationErrors,
    resolve: (_root, _args, { actor, services }) => services.audit.verifyAll(actor),
  }),
}));
