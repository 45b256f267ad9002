import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { type Ability, type Action, abilityFor, type Role, type Subject } from './abilities.ts';

/** Who is calling: every service method receives one and checks it first. */
export interface Actor {
  kind: 'anonymous' | 'user' | 'token' | 'system';
  name: string;
  role: Role | null;
  ability: Ability;
}

export function makeActor(kind: Actor['kind'], name: string, role: Role | null): Actor {
  return { kind, name, role, ability: abilityFor(role) };
}

/** The server itself (start-up tasks, pollers). */
export const systemActor: Actor = makeActor('system', 'system', 'admin');

/** Throws unless the actor may perform the action: 401 for nobody, 403 for somebody. */
export function authorize(actor: Actor, action: Action, subject: Subject): void {
  if (actor.ability.can(action, subject)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('authentication required');
  throw new ForbiddenError(`not allowed to ${action} ${subject}`);
}
