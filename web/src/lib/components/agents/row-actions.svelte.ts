import type { Outcome } from './agent-actions.ts';

/**
 * What an agent row's buttons are doing: the action that runs, the last refusal, and whether
 * the destructive one waits for its confirmation. A change that went through is the page's to
 * announce, through `onchanged`.
 */
export class AgentRowActions<Action extends string> {
  busy = $state<Action | null>(null);
  error = $state<string | null>(null);
  confirming = $state(false);
  readonly #onchanged: (notice: string) => void;

  constructor(onchanged: (notice: string) => void) {
    this.#onchanged = onchanged;
  }

  async run<T>(action: Action, call: () => Promise<Outcome<T>>, notice: string): Promise<void> {
    this.busy = action;
    this.error = null;
    const outcome = await call();
    this.busy = null;
    this.confirming = false;
    if (outcome.ok) this.#onchanged(notice);
    else this.error = outcome.message;
  }
}
