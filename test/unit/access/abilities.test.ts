import { describe, expect, it } from 'vitest';
import {
  type Action,
  abilityFor,
  type Role,
  type SubjectType,
} from '../../../server/access/abilities.ts';
import { account, anonymousActor, authorize, makeActor } from '../../../server/access/actor.ts';
import type { Scope } from '../../../server/access/scopes.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../server/errors.ts';

const subjects: SubjectType[] = [
  'Resource',
  'Settings',
  'Node',
  'Notification',
  'Alert',
  'Audit',
  'Account',
];
const actions: Action[] = ['read', 'update', 'acknowledge', 'manage'];

/** Everything an ability allows, as "action Subject" strings. */
function allowed(role: Role | null, scopes: Scope[] | null): string[] {
  const ability = abilityFor({ role, scopes, username: null });
  return subjects.flatMap((s) => actions.filter((a) => ability.can(a, s)).map((a) => `${a} ${s}`));
}

describe('roles', () => {
  it('let a viewer read monitoring data, settings and nodes, and nothing else', () => {
    expect(allowed('viewer', null)).toEqual([
      'read Resource',
      'read Settings',
      'read Node',
      'read Alert',
    ]);
  });

  it('let an operator also acknowledge alerts and annotate guests, and write nothing else', () => {
    expect(allowed('operator', null)).toEqual([
      'read Resource',
      'update Resource',
      'read Settings',
      'read Node',
      'read Alert',
      'acknowledge Alert',
    ]);
  });

  it('let an admin do everything', () => {
    expect(allowed('admin', null)).toHaveLength(subjects.length * actions.length);
  });

  it('let a person read and change their own account only', () => {
    const ability = abilityFor({ role: 'viewer', scopes: null, username: 'bob' });
    expect(ability.can('update', account('bob'))).toBe(true);
    expect(ability.can('read', account('bob'))).toBe(true);
    expect(ability.can('update', account('alice'))).toBe(false);
    expect(ability.can('manage', 'Account')).toBe(false);
  });
});

describe('token scopes', () => {
  it('narrow an admin token to what each scope names', () => {
    expect(allowed('admin', ['monitoring:read'])).toEqual(['read Resource', 'read Alert']);
    expect(allowed('admin', ['monitoring:write'])).toEqual([
      'update Resource',
      'acknowledge Alert',
    ]);
    expect(allowed('admin', ['settings:read'])).toEqual([
      'read Settings',
      'read Node',
      'read Alert',
    ]);
    expect(allowed('admin', ['audit:read'])).toEqual(['read Audit']);
    expect(allowed('admin', ['agent:report'])).toEqual([]);
    expect(allowed('admin', ['*'])).toEqual(allowed('admin', null));
  });

  it('never give a token more than its creator’s role', () => {
    // A scope's permissions pass only where the role has the very same one.
    expect(allowed('viewer', ['settings:write'])).toEqual([]);
    expect(allowed('viewer', ['settings:read'])).toEqual([
      'read Settings',
      'read Node',
      'read Alert',
    ]);
    expect(allowed('viewer', ['monitoring:write'])).toEqual([]);
    expect(allowed('operator', ['monitoring:write'])).toEqual([
      'update Resource',
      'acknowledge Alert',
    ]);
    expect(allowed('viewer', ['*'])).toEqual(allowed('viewer', null));
  });

  it('give a token no "own account" rights', () => {
    const token = makeActor({
      kind: 'token',
      name: 'ci',
      role: 'admin',
      scopes: ['monitoring:read'],
      method: 'token',
    });
    expect(token.ability.can('update', account('ci'))).toBe(false);
  });
});

describe('authorize', () => {
  it('answers 401 to nobody and 403 to somebody', () => {
    expect(() => authorize(anonymousActor, 'read', 'Resource')).toThrow(UnauthenticatedError);
    const viewer = makeActor({ kind: 'user', name: 'bob', role: 'viewer', method: 'session' });
    expect(() => authorize(viewer, 'manage', 'Settings')).toThrow(ForbiddenError);
    expect(() => authorize(viewer, 'read', 'Resource')).not.toThrow();
  });
});
