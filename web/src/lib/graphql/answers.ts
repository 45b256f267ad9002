import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { client } from './client.ts';

/** A `…Success { data }` or one of the typed errors, as every mutation field answers. */
interface Answer<T> {
  __typename: string;
  data?: T | null;
  message?: string;
  field?: string | null;
}

export type Outcome<T> =
  | { ok: true; data: T }
  /** `field` names the input the server blamed, so the message can go next to it. */
  | { ok: false; message: string; field: string | null };

/** Flattens a union answer (or its absence, with the transport's error) to worked-or-why. */
export function outcome<T>(answer: Answer<T> | undefined, transportError?: string): Outcome<T> {
  if (!answer) {
    return { ok: false, message: transportError ?? 'No answer from the server', field: null };
  }
  if (answer.data !== undefined && answer.data !== null) return { ok: true, data: answer.data };
  return {
    ok: false,
    message: answer.message ?? `Unexpected answer (${answer.__typename})`,
    field: answer.field ?? null,
  };
}

/** Runs a mutation or a one-off query whose single field answers a success-or-error union. */
export async function ask<Data, Variables extends AnyVariables, T>(
  kind: 'query' | 'mutation',
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => Answer<T> | undefined,
): Promise<Outcome<T>> {
  const result =
    kind === 'query'
      ? await client.query(document, variables, { requestPolicy: 'network-only' }).toPromise()
      : await client.mutation(document, variables).toPromise();
  return outcome(result.data ? pick(result.data) : undefined, result.error?.message);
}

/**
 * Runs a mutation whose single field answers with a success-or-error union, so forms only
 * deal with "worked" or "this message, maybe about this field".
 */
export function mutate<Data, Variables extends AnyVariables, T>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => Answer<T> | undefined,
): Promise<Outcome<T>> {
  return ask('mutation', document, variables, pick);
}
