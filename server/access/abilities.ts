import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import type { Scope } from './scopes.ts';

export type Action = 'read' | 'update' | 'acknowledge' | 'report' | 'manage';
/** What a permission is about. `Account` is a user's login, sessions and tokens. */
export type SubjectType =
  | 'Resource'
  | 'Settings'
  | 'Node'
  | 'Notification'
  | 'Alert'
  | 'Audit'
  | 'Account'
  /** The assistant and model listing (read), patrol actions (update), AI settings (manage). */
  | 'AI'
  /** Patrol findings: read, act on (acknowledge), run the patrol and keep its rules (manage). */
  | 'Finding'
  /**
   * pulse-agent: send reports (of one kind, by condition), read the registry and an agent's
   * remote config (read), unlink, delete and configure agents (update).
   */
  | 'Agent'
  | 'all';
/** A subject with fields, for rules with conditions (an account is its own user's). */
export type AccountSubject = ForcedSubject<'Account'> & { username: string };
/** What an agent reports about; a report scope covers one kind. */
export type AgentKind = 'host' | 'docker' | 'kubernetes';
/** Agents of one kind, for the per-kind report and manage rules. */
export type AgentSubject = ForcedSubject<'Agent'> & { kind: AgentKind };
export type Subject = SubjectType | AccountSubject | AgentSubject;
export type Ability = MongoAbility<[Action, Subject]>;

export const roles = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** An action on a subject, optionally only where the subject's fields match. */
type Permission =
  | readonly [Action, SubjectType]
  | readonly [Action, SubjectType, Readonly<Record<string, unknown>>];

const readOnly: Permission[] = [
  ['read', 'Resource'],
  ['read', 'Alert'],
  ['read', 'Settings'],
  ['read', 'Node'],
  ['read', 'AI'],
  ['read', 'Finding'],
  ['read', 'Agent'],
];

/** What each built-in role may do. Admin may do everything, including what is added later. */
const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [['manage', 'all']],
  // Operators also annotate guests (notes, tags, links): part of running them, not configuring Pulse.
  operator: [
    ...readOnly,
    ['acknowledge', 'Alert'],
    ['acknowledge', 'Finding'],
    ['update', 'Resource'],
  ],
  viewer: readOnly,
};

/**
 * What each scope lets a token do, at most: a token never does more than its creator's role
 * allows. Scopes without an entry grant nothing on today's API.
 */
const scopePermissions: Partial<Record<Scope, readonly Permission[]>> = {
  'monitoring:read': [
    ['read', 'Resource'],
    ['read', 'Alert'],
    ['read', 'Finding'],
    ['read', 'Agent'],
  ],
  'monitoring:write': [
    ['acknowledge', 'Alert'],
    ['update', 'Resource'],
    ['acknowledge', 'Finding'],
  ],
  'settings:read': [
    ['read', 'Settings'],
    ['read', 'Node'],
    ['read', 'Alert'],
  ],
  'settings:write': [
    ['manage', 'Settings'],
    ['manage', 'Node'],
    ['manage', 'Notification'],
    ['manage', 'Alert'],
    ['manage', 'Account'],
    ['manage', 'AI'],
  ],
  'audit:read': [['read', 'Audit']],
  // An agent's token reports its own kind only; `agent:report` also lets the agent read its
  // remote config, look itself up and unregister (the service checks "itself").
  'agent:report': [['report', 'Agent', { kind: 'host' }]],
  'docker:report': [['report', 'Agent', { kind: 'docker' }]],
  'kubernetes:report': [['report', 'Agent', { kind: 'kubernetes' }]],
  'agent:config:read': [['read', 'Agent']],
  'agent:manage': [
    ['read', 'Agent'],
    ['update', 'Agent'],
  ],
  // Pulse's Docker runtime and Kubernetes cluster routes: remove one kind, allow it back.
  'docker:manage': [
    ['read', 'Agent'],
    ['update', 'Agent', { kind: 'docker' }],
  ],
  'kubernetes:manage': [
    ['read', 'Agent'],
    ['update', 'Agent', { kind: 'kubernetes' }],
  ],
  'ai:chat': [['read', 'AI']],
  // Runs the patrol and keeps its rules, as Pulse's `ai:execute` does on every patrol route.
  'ai:execute': [
    ['read', 'AI'],
    ['update', 'AI'],
    ['manage', 'Finding'],
  ],
};

export interface Grant {
  role: Role | null;
  /** null: not a token, so not narrowed. */
  scopes: readonly Scope[] | null;
  /** The signed-in user's name, for rules about their own account. */
  username: string | null;
}

/**
 * The one place a caller's ability is built: its role's permissions, narrowed by its token's
 * scopes. A person may always read and change their own account (password, sessions).
 */
export function abilityFor({ role, scopes, username }: Grant): Ability {
  const roleAbility = build(role ? rolePermissions[role] : []);
  const { can, build: finish } = new AbilityBuilder<Ability>(createMongoAbility);
  if (scopes === null || scopes.includes('*')) {
    for (const permission of role ? rolePermissions[role] : []) grant(can, permission);
  } else {
    for (const scope of scopes) {
      for (const permission of scopePermissions[scope] ?? []) {
        if (roleAbility.can(permission[0], permission[1])) grant(can, permission);
      }
    }
  }
  if (role && username && scopes === null) {
    can('read', 'Account', { username });
    can('update', 'Account', { username });
  }
  return finish();
}

function build(permissions: readonly Permission[]): Ability {
  const { can, build: finish } = new AbilityBuilder<Ability>(createMongoAbility);
  for (const permission of permissions) grant(can, permission);
  return finish();
}

function grant(can: AbilityBuilder<Ability>['can'], [action, subject, conditions]: Permission) {
  if (conditions) can(action, subject, conditions);
  else can(action, subject);
}
