import { describe, expect, it } from 'vitest';
import type { AgentKind, Role } from '../../../server/access/abilities.ts';
import { agentsOf, authorize, makeActor } from '../../../server/access/actor.ts';
import type { Scope } from '../../../server/access/scopes.ts';
import { ForbiddenError } from '../../../server/errors.ts';

const kinds: AgentKind[] = ['host', 'docker', 'kubernetes'];
const token = (scopes: Scope[], role: Role = 'admin') =>
  makeActor({ kind: 'token', name: 't', role, method: 'token', scopes });

/** The kinds an actor may report, and what else it may do with agents. */
function agentRights(actor: ReturnType<typeof token>) {
  return {
    report: kinds.filter((k) => actor.ability.can('report', agentsOf(k))),
    read: actor.ability.can('read', 'Agent'),
    manage: kinds.filter((k) => actor.ability.can('update', agentsOf(k))),
  };
}

describe('agent permissions', () => {
  it('lets each report scope report its own kind only', () => {
    expect(agentRights(token(['agent:report']))).toEqual({
      report: ['host'],
      read: false,
      manage: [],
    });
    expect(agentRights(token(['docker:report']))).toEqual({
      report: ['docker'],
      read: false,
      manage: [],
    });
    expect(agentRights(token(['kubernetes:report', 'docker:report'])).report).toEqual([
      'docker',
      'kubernetes',
    ]);
  });

  it('lets agent:manage read and change agents without reporting, and * do everything', () => {
    expect(agentRights(token(['agent:manage']))).toEqual({ report: [], read: true, manage: kinds });
    expect(agentRights(token(['agent:config:read']))).toEqual({
      report: [],
      read: true,
      manage: [],
    });
    expect(agentRights(token(['*']))).toEqual({ report: kinds, read: true, manage: kinds });
  });

  it('lets docker:manage and kubernetes:manage manage their own kind only', () => {
    expect(agentRights(token(['docker:manage']))).toEqual({
      report: [],
      read: true,
      manage: ['docker'],
    });
    expect(agentRights(token(['kubernetes:manage'])).manage).toEqual(['kubernetes']);
    expect(() => authorize(token(['docker:manage']), 'update', agentsOf('host'))).toThrow(
      new ForbiddenError('not allowed to update host agents'),
    );
  });

  it('lets people read agents, and only admins report or change them', () => {
    const person = (role: Role) => makeActor({ kind: 'user', name: role, role, method: 'session' });
    expect(agentRights(person('viewer'))).toEqual({ report: [], read: true, manage: [] });
    expect(agentRights(person('operator'))).toEqual({ report: [], read: true, manage: [] });
    expect(agentRights(person('admin'))).toEqual({ report: kinds, read: true, manage: kinds });
  });

  it('never lets a token report more than its creator may', () => {
    expect(agentRights(token(['agent:report'], 'viewer')).report).toEqual([]);
  });

  it('names the kind when refusing a report', () => {
    expect(() => authorize(token(['docker:report']), 'report', agentsOf('host'))).toThrow(
      new ForbiddenError('not allowed to report host agent reports'),
    );
  });
});
