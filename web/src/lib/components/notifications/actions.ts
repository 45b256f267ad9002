import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { client } from '../../graphql/client.ts';
import type { NotificationTestResultFieldsFragment as TestAnswer } from '../../graphql/generated/graphql.ts';

export type { TestAnswer };

/** How a test send reads in ui/TestResult; `what` names what was sent ("email", "message"). */
export function describeTest(answer: TestAnswer, what: string) {
  if (answer.success) {
    const status = answer.statusCode ? ` with HTTP ${answer.statusCode}` : '';
    return {
      ok: true,
      title: `Test ${what} sent`,
      message: `Accepted${status}. Check that it arrived.`,
    };
  }
  return { ok: false, title: `Test ${what} failed`, message: answer.error ?? 'No reason given' };
}

export type Outcome<T> =
  | { ok: true; data: T }
  /** `field` names the input the server blamed, so the message can go next to it. */
  | { ok: false; message: string; field: string | null };

/** Each mutation answers `…Success { data }` or an error; every member fits this shape. */
interface Answer<T> {
  __typename: string;
  data?: T | null;
  message?: string;
  field?: string | null;
}

/**
 * Runs a mutation whose single field answers with a success-or-error union and flattens the
 * answer, so forms only deal with "worked" or "this message, maybe about this field".
 */
export async function run<Data, Variables extends AnyVariables, T>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => Answer<T> | undefined,
): Promise<Outcome<T>> {
  const result = await client.mutation(document, variables).toPromise();
  const answer = result.data ? pick(result.data) : undefined;
  if (!answer) {
    return {
      ok: false,
      message: result.error?.message ?? 'No answer from the server',
      field: null,
    };
  }
  if (answer.data !== undefined && answer.data !== null) return { ok: true, data: answer.data };
  return {
    ok: false,
    message: answer.message ?? `Unexpected answer (${answer.__typename})`,
    field: answer.field ?? null,
  };
}

/** One address or URL per line (commas also split addresses), blanks dropped. */
export function lines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
