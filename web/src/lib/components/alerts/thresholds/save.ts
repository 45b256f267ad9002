import { client } from '../../../graphql/client.ts';
import { AlertConfigQuery, UpdateAlertConfigMutation } from '../../../graphql/documents/alerts.ts';

export type ConfigOutcome = { ok: true; config: unknown } | { ok: false; message: string };

export async function loadConfig(): Promise<ConfigOutcome> {
  const result = await client
    .query(AlertConfigQuery, {}, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.data) return { ok: true, config: result.data.alertConfig };
  return { ok: false, message: result.error?.message ?? 'The server sent no alert config' };
}

/** The server merges the patch, validates the whole result and answers with the new config. */
export async function saveConfig(patch: Record<string, unknown>): Promise<ConfigOutcome> {
  const result = await client.mutation(UpdateAlertConfigMutation, { patch }).toPromise();
  const answer = result.data?.updateAlertConfig;
  if (answer?.__typename === 'MutationUpdateAlertConfigSuccess') {
    return { ok: true, config: answer.data };
  }
  const message = answer && 'message' in answer ? answer.message : undefined;
  return { ok: false, message: message ?? result.error?.message ?? 'No answer from the server' };
}

/**
 * "invalid alert config: defaults.guest.cpu.clear: clear must not be above trigger" reads
 * better as one line per problem, without the prefix.
 */
export function problems(message: string): string[] {
  return message
    .replace(/^invalid alert config:\s*/, '')
    .split('; ')
    .filter(Boolean);
}
