import type { Actor } from '../access/actor.ts';
import type { Services } from '../app.ts';

/** What every resolver receives: who is calling, and the services to ask. */
export interface Context {
  actor: Actor;
  services: Services;
}
