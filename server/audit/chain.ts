import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Facts about an event, never secrets: names, types, hosts, changed keys. */
export type AuditDetailValue = string | number | boolean | null | AuditDetailValue[];
export type AuditDetails = Record<string, AuditDetailValue>;

/** The fields a signature covers, in the order they are serialized. */
export interface SignedFields {
  id: string;
  sequence: number;
  timestamp: number;
  event: string;
  user: string | null;
  ip: string | null;
  path: string | null;
  success: boolean;
  details: AuditDetails;
  previousSignature: string;
}

/** What the first event chains to: there is no predecessor to sign over. */
export const genesisSignature = '0'.repeat(64);

/** The HKDF label: changing it (or the version) gives an unrelated key. */
const auditKeyPurpose = 'pulse audit log signing v1';

/**
 * A signing key for the audit log, derived from the master key so that a leak of one
 * (e.g. a signature oracle) says nothing about the key that seals node credentials.
 */
export function deriveAuditKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), auditKeyPurpose, 32));
}

/** Objects with their keys sorted, at every depth, so equal details serialize equally. */
function canonicalValue(value: AuditDetailValue | AuditDetails): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === 'object') {
    const sorted = Object.keys(value).sort();
    return Object.fromEntries(sorted.map((key) => [key, canonicalValue(value[key] ?? null)]));
  }
  return value;
}

/**
 * One unambiguous string per event. A JSON array with a version tag: field order is fixed
 * by position, so no value can be shifted into a neighbouring field.
 */
export function canonicalize(fields: SignedFields): string {
  return JSON.stringify([
    'pulse-audit-v1',
    fields.id,
    fields.sequence,
    fields.timestamp,
    fields.event,
    fields.user,
    fields.ip,
    fields.path,
    fields.success,
    canonicalValue(fields.details),
    fields.previousSignature,
  ]);
}

export function sign(key: Buffer, fields: SignedFields): string {
  return createHmac('sha256', key).update(canonicalize(fields)).digest('hex');
}

/** Constant-time: a signature check must not leak how many leading characters matched. */
export function signatureMatches(key: Buffer, fields: SignedFields, signature: string): boolean {
  const expected = Buffer.from(sign(key, fields), 'hex');
  const actual = Buffer.from(signature, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
