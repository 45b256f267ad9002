import { subject } from '@casl/ability';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import {
  type Ability,
  type AccountSubject,
  type Action,
  type AgentKind,
  type AgentSubject,
  abilityFor,
  type Role,
  type Subject,
} from './abilities.ts';
import type { Scope } from './scopes.ts';

/** How the caller proved who they are. */
export type AuthMethod = 'session' | 'token' | 'basic' | 'proxy' | 'anonymous' | 'system';

/** Who is calling: every service method receives one and checks it first. */
export interface Actor {
  kind: 'anonymous' | 'user' | 'token' | 'system';
  /** The user name, or the token's name. */
  name: string;
  role: Role | null;
  /** A token's scopes; null for people. */
  scopes: readonly Scope[] | null;
  method: AuthMethod;
  /** The session or token id the call rides on, so revoking it can end live subscriptions. */
  credentialId: string | null;
  ability: Ability;
}

export interface ActorInit {
  kind: Actor['kind'];
  name: string;
  role: Role | null;
  method: AuthMethod;
  scopes?: readonly Scope[] | null;
  credentialId?: string | null;
}

export function makeActor(init: ActorInit): Actor {
  const scopes = init.scopes ?? null;
  const username = init.kind === 'user' ? init.name : null;
  return {
    kind: init.kind,
    name: init.name,
    role: init.role,
    scopes,
    method: init.method,
    credentialId: init.credentialId ?? null,
    ability: abilityFor({ role: init.role, scopes, username }),
  };
}

export const anonymousActor: Actor = makeActor({
  kind: 'anonymous',
  name: 'anonymous',
  role: null,
  method: 'anonymous',
});

/** The server itself (start-up tasks, pollers). */
export const systemActor: Actor = makeActor({
  kind: 'system',
  name: 'system',
  role: 'admin',
  method: 'system',
});

/** A user's account as a subject, for the "own account" rules. */
export const account = (username: string): AccountSubject => subject('Account', { username });

/**
 * Agents of one kind as a subject, for the per-kind report and manage scopes. Always check
 * agent rules with this, never with the bare 'Agent' type: CASL answers a type-level check
 * with yes when any conditional rule exists, so docker:manage would pass for host agents.
 */
export const agentsOf = (kind: AgentKind): AgentSubject => subject('Agent', { kind });

/** Throws unless the actor may perform the action: 401 for nobody, 403 for somebody. */
export function authorize(actor: Actor, action: Action, target: Subject): void {
  if (actor.ability.can(action, target)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('authentication required');
  const what =
    typeof target === 'string'
      ? target
      : 'username' in target
        ? `account ${target.username}`
        : action === 'report'
          ? `${target.kind} agent reports`
          : `${target.kind} agents`;
  throw new ForbiddenError(`not allowed to ${action} ${what}`);
}
