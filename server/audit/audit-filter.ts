import type { FilterQuery } from '@mikro-orm/core';
import { ValidationError } from '../errors.ts';
import type { AuditEvent } from './audit-event.entity.ts';

/** The events Pulse records. */
export const auditEventTypes = [
  'login',
  'login_failed',
  'lockout',
  'logout',
  'password_changed',
  'security_setup',
  'lockout_reset',
  'session_revoked',
  'recovery',
  'oidc_settings_changed',
  'ai_settings_changed',
  'ai_cost_reset',
  'token_created',
  'token_revoked',
  'token_used_new_ip',
  'settings_changed',
  'node_added',
  'node_updated',
  'node_removed',
  'alert_config_changed',
  'agent_removed',
  'agent_reenroll_allowed',
  'agent_token_changed',
  'agent_changed',
  'export',
  'import',
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

/** What a caller may narrow the list by; absent (or null) means "any". */
export interface AuditFilter {
  limit?: number | null;
  event?: string | null;
  user?: string | null;
  success?: boolean | null;
  /** ISO 8601, inclusive. */
  startTime?: string | null;
  /** ISO 8601, inclusive. */
  endTime?: string | null;
}

export const defaultAuditLimit = 100;
export const maxAuditLimit = 1000;

function instant(value: string, field: string): number {
  // Date.parse accepts "1" or "March 7"; demand something that looks like ISO 8601.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError(
      `${field} must be an ISO 8601 time, e.g. 2024-01-31T23:59:59Z`,
      field,
    );
  }
  return ms;
}

/** Checks a filter and turns it into a query; throws a ValidationError naming the field. */
export function toAuditQuery(filter: AuditFilter): {
  where: FilterQuery<AuditEvent>;
  limit: number;
} {
  const limit = filter.limit ?? defaultAuditLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxAuditLimit) {
    throw new ValidationError(`limit must be a whole number from 1 to ${maxAuditLimit}`, 'limit');
  }
  const where: FilterQuery<AuditEvent> = {};
  if (filter.event != null) {
    if (!(auditEventTypes as readonly string[]).includes(filter.event)) {
      throw new ValidationError(`event must be one of ${auditEventTypes.join(', ')}`, 'event');
    }
    where.event = filter.event;
  }
  if (filter.user != null) where.user = filter.user;
  if (filter.success != null) where.success = filter.success;
  const start = filter.startTime == null ? null : instant(filter.startTime, 'startTime');
  const end = filter.endTime == null ? null : instant(filter.endTime, 'endTime');
  if (start !== null && end !== null && start > end) {
    throw new ValidationError('startTime must not be after endTime', 'startTime');
  }
  if (start !== null || end !== null) {
    where.timestamp = {
      ...(start !== null && { $gte: start }),
      ...(end !== null && { $lte: end }),
    };
  }
  return { where, limit };
}
