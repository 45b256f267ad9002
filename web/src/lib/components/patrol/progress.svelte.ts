import { client } from '../../graphql/client.ts';
import { PatrolProgressSubscription } from '../../graphql/documents/patrol.ts';
import type { PatrolProgressSubscription as ProgressResult } from '../../graphql/generated/graphql.ts';
import type { PatrolRun } from './patrol-view.ts';

type ProgressEvent = ProgressResult['patrolProgress'];

export type Phase =
  | 'started'
  | 'gathering'
  | 'deterministic'
  | 'llm'
  | 'merging'
  | 'completed'
  | 'failed';

/** The steps of a run in order; the model's step only when the run takes it. */
export const phaseSteps: readonly { phase: Phase; label: string }[] = [
  { phase: 'started', label: 'Started' },
  { phase: 'gathering', label: 'Reading the estate' },
  { phase: 'deterministic', label: 'Checks' },
  { phase: 'llm', label: 'Model pass' },
  { phase: 'merging', label: 'Updating findings' },
  { phase: 'completed', label: 'Completed' },
];

const terminal = (phase: string) => phase === 'completed' || phase === 'failed';

/**
 * The live steps of the run in progress, scheduled or asked for here, from `patrolProgress`.
 * Events of a new run replace the last one's; `onFinished` hears each run end, so the page
 * re-reads its findings whoever started the run.
 */
export class PatrolProgressFeed {
  runId = $state<string | null>(null);
  /** Phases seen for the run, in order. */
  reached = $state<Phase[]>([]);
  message = $state('');
  /** Findings so far, once the checks have run. */
  findings = $state<number | null>(null);
  /** The finished run, from its last event or from the mutation that started it. */
  run = $state<PatrolRun | null>(null);
  /** Why live progress is not available (the subscription was refused or ended). */
  error = $state<string | null>(null);

  /** A run is going: not finished, and something has been heard of it. */
  readonly active: boolean = $derived(this.reached.length > 0 && this.run === null);

  /** Subscribes; the returned function unsubscribes (an effect's cleanup). */
  follow(onFinished: (run: PatrolRun | null) => void): () => void {
    const subscription = client.subscription(PatrolProgressSubscription, {}).subscribe((result) => {
      if (result.data) {
        this.#receive(result.data.patrolProgress, onFinished);
        return;
      }
      this.error = result.error?.message ?? 'Live progress ended';
    });
    return () => subscription.unsubscribe();
  }

  /** A run this page is about to start: forget the last one's steps. */
  begin(): void {
    this.runId = null;
    this.reached = [];
    this.message = 'Starting';
    this.findings = null;
    this.run = null;
  }

  /** The run the page started has answered; events may have been missed or may still come. */
  finish(run: PatrolRun): void {
    this.runId = run.id;
    const last: Phase = run.status === 'failed' ? 'failed' : 'completed';
    if (!this.reached.includes(last)) this.reached = [...this.reached, last];
    this.findings = run.findingsCount;
    this.run = run;
  }

  #receive(event: ProgressEvent, onFinished: (run: PatrolRun | null) => void): void {
    if (event.runId !== this.runId) {
      this.runId = event.runId;
      this.reached = [];
      this.run = null;
      this.findings = null;
    }
    const phase = event.phase as Phase;
    if (!this.reached.includes(phase)) this.reached = [...this.reached, phase];
    this.message = event.message;
    if (event.findings !== null) this.findings = event.findings;
    if (terminal(event.phase)) {
      this.run = event.run ?? this.run;
      onFinished(event.run);
    }
  }
}
