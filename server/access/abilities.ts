import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';

export type Action = 'read' | 'update' | 'manage';
export type Subject = 'Resource' | 'Settings' | 'Node' | 'Notification' | 'Alert' | 'Audit' | 'all';
export type Ability = MongoAbility<[Action, Subject]>;

export type Role = 'admin' | 'viewer';

/** What each role may do; a caller with no role may do nothing. */
export function abilityFor(role: Role | null): Ability {
  const { can, build } = new AbilityBuilder<Ability>(createMongoAbility);
  if (role === 'admin') can('manage', 'all');
  if (role === 'viewer') {
    can('read', 'Resource');
    can('read', 'Settings');
    can('read', 'Node');
    can('read', 'Alert');
  }
  return build();
}
