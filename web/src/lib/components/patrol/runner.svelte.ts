import { ask, mutate } from '../../graphql/answers.ts';
import { PatrolEstimateQuery, RunPatrolMutation } from '../../graphql/documents/patrol.ts';
import type { PatrolEstimateView, PatrolRun } from './patrol-view.ts';
import type { PatrolProgressFeed } from './progress.svelte.ts';

export type RunStage = 'idle' | 'estimating' | 'confirm' | 'running' | 'done' | 'failed';

/**
 * A manual run in two steps: first the estimate of what the model would read (nothing is
 * sent), then, once confirmed, the run itself with its progress from the feed.
 */
export class PatrolRunner {
  stage = $state<RunStage>('idle');
  estimate = $state<PatrolEstimateView | null>(null);
  /** The finished run this page asked for. */
  run = $state<PatrolRun | null>(null);
  error = $state<string | null>(null);

  readonly #feed: PatrolProgressFeed;
  readonly #onFinished: () => void;

  constructor(feed: PatrolProgressFeed, onFinished: () => void) {
    this.#feed = feed;
    this.#onFinished = onFinished;
  }

  async prepare(): Promise<void> {
    this.stage = 'estimating';
    this.error = null;
    this.run = null;
    const answer = await ask('query', PatrolEstimateQuery, {}, (d) => d.patrolEstimate);
    if (this.stage !== 'estimating') return; // cancelled meanwhile
    if (answer.ok) {
      this.estimate = answer.data;
      this.stage = 'confirm';
    } else {
      this.error = answer.message;
      this.stage = 'failed';
    }
  }

  async confirm(): Promise<void> {
    this.stage = 'running';
    this.error = null;
    this.#feed.begin();
    const answer = await mutate(RunPatrolMutation, {}, (d) => d.runPatrol);
    if (answer.ok) {
      this.run = answer.data;
      this.#feed.finish(answer.data);
      this.stage = answer.data.status === 'failed' ? 'failed' : 'done';
      if (answer.data.status === 'failed') this.error = answer.data.error ?? 'The run failed';
    } else {
      this.error = answer.message;
      this.stage = 'failed';
    }
    this.#onFinished();
  }

  close(): void {
    this.stage = 'idle';
    this.error = null;
  }
}
