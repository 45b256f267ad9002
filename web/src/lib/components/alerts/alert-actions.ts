import { client } from '../../graphql/client.ts';
import {
  AcknowledgeAlertMutation,
  UnacknowledgeAlertMutation,
} from '../../graphql/documents/alerts.ts';
import { type Alert, alerts } from '../../stores/alerts.svelte.ts';

export type AckOutcome = { ok: true } | { ok: false; message: string };

interface Answer {
  __typename: string;
  data?: Alert;
  message?: string;
}

function settle(answer: Answer | undefined, transport: string | undefined): AckOutcome {
  if (answer?.data) {
    // The event follows, but the button should not wait for it.
    alerts.put(answer.data);
    return { ok: true };
  }
  return {
    ok: false,
    message: answer?.message ?? transport ?? `Unexpected answer (${answer?.__typename})`,
  };
}

export async function acknowledgeAlert(id: string): Promise<AckOutcome> {
  const result = await client.mutation(AcknowledgeAlertMutation, { id }).toPromise();
  return settle(result.data?.acknowledgeAlert, result.error?.message);
}

export async function unacknowledgeAlert(id: string): Promise<AckOutcome> {
  const result = await client.mutation(UnacknowledgeAlertMutation, { id }).toPromise();
  return settle(result.data?.unacknowledgeAlert, result.error?.message);
}
