import { describe, expect, it } from 'vitest';
import { normalizeScopes } from '../../../server/access/scopes.ts';
import { ValidationError } from '../../../server/errors.ts';

describe('normalizeScopes', () => {
  it('treats no scopes as "*", as Pulse does', () => {
    expect(normalizeScopes(undefined)).toEqual(['*']);
    expect(normalizeScopes([])).toEqual(['*']);
    expect(normalizeScopes(['  '])).toEqual(['*']);
  });

  it('maps older names, drops duplicates and sorts', () => {
    expect(
      normalizeScopes(['monitoring:read', 'host-agent:report', 'agent:report', 'monitoring:read']),
    ).toEqual(['agent:report', 'monitoring:read']);
  });

  it('refuses unknown scopes, naming each', () => {
    expect(() => normalizeScopes(['monitoring:read', 'root', 'sudo'])).toThrow(
      /unknown scope "root", "sudo"/,
    );
    expect(() => normalizeScopes(['root'])).toThrow(ValidationError);
  });

  it('refuses "*" next to anything else', () => {
    expect(() => normalizeScopes(['*', 'monitoring:read'])).toThrow(/cannot be combined/);
    expect(normalizeScopes(['*', '*'])).toEqual(['*']);
  });
});
