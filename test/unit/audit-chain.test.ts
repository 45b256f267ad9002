import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalize,
  deriveAuditKey,
  genesisSignature,
  type SignedFields,
  sign,
  signatureMatches,
} from '../../server/audit/chain.ts';

const key = deriveAuditKey(Buffer.alloc(32, 7));

function event(overrides: Partial<SignedFields> = {}): SignedFields {
  return {
    id: 'e1',
    sequence: 1,
    timestamp: 1_700_000_000_000,
    event: 'node_added',
    user: 'admin',
    ip: '10.0.0.10',
    path: '/api/config/nodes',
    success: true,
    details: { name: 'lab', type: 'pve', changed: ['host', 'name'] },
    previousSignature: genesisSignature,
    ...overrides,
  };
}

describe('audit canonical serialization', () => {
  it('does not depend on the order of detail keys', () => {
    const a = event({ details: { name: 'lab', type: 'pve' } });
    const b = event({ details: { type: 'pve', name: 'lab' } });
    expect(canonicalize(a)).toBe(canonicalize(b));
  });

  it('keeps fields apart by position, so a value cannot slide into its neighbour', () => {
    const a = event({ user: 'ad', ip: 'min' });
    const b = event({ user: 'admin', ip: '' });
    expect(canonicalize(a)).not.toBe(canonicalize(b));
    expect(canonicalize(event({ ip: null }))).not.toBe(canonicalize(event({ ip: 'null' })));
  });

  it('covers every field and the previous signature', () => {
    const base = canonicalize(event());
    const changes: Partial<SignedFields>[] = [
      { id: 'e2' },
      { sequence: 2 },
      { timestamp: 1 },
      { event: 'node_removed' },
      { user: 'mallory' },
      { ip: '10.0.0.11' },
      { path: '/api/x' },
      { success: false },
      { details: { name: 'lab2', type: 'pve', changed: ['host', 'name'] } },
      { previousSignature: 'a'.repeat(64) },
    ];
    for (const change of changes) expect(canonicalize(event(change))).not.toBe(base);
  });
});

describe('audit signatures', () => {
  it('is HMAC-SHA256 of the canonical form under the derived key', () => {
    const fields = event();
    const expected = createHmac('sha256', key).update(canonicalize(fields)).digest('hex');
    expect(sign(key, fields)).toBe(expected);
    expect(sign(key, fields)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives a key unlike the master key, the same every time', () => {
    const master = randomBytes(32);
    expect(deriveAuditKey(master).equals(master)).toBe(false);
    expect(deriveAuditKey(master).equals(deriveAuditKey(master))).toBe(true);
    expect(deriveAuditKey(master)).toHaveLength(32);
  });

  it('verifies a chain and detects an edit, a different key and a re-link', () => {
    const first = event();
    const firstSignature = sign(key, first);
    const second = event({ id: 'e2', sequence: 2, previousSignature: firstSignature });
    const secondSignature = sign(key, second);

    expect(signatureMatches(key, first, firstSignature)).toBe(true);
    expect(signatureMatches(key, second, secondSignature)).toBe(true);
    expect(signatureMatches(key, { ...first, details: { name: 'x' } }, firstSignature)).toBe(false);
    expect(signatureMatches(deriveAuditKey(randomBytes(32)), first, firstSignature)).toBe(false);
    // Pointing the second event at another predecessor invalidates its own signature.
    const relinked = { ...second, previousSignature: genesisSignature };
    expect(signatureMatches(key, relinked, secondSignature)).toBe(false);
    expect(signatureMatches(key, first, 'not hex')).toBe(false);
  });
});
