import { client } from '../../graphql/client.ts';
import {
  AddNodeMutation,
  NodeCertificateFingerprintQuery,
  RemoveNodeMutation,
  TestNodeConnectionMutation,
  UpdateNodeMutation,
} from '../../graphql/documents/nodes.ts';
import type {
  NodeConnectionFieldsFragment,
  NodeConnectionInput,
  NodeType,
  TestNodeConnectionMutation as TestResultShape,
} from '../../graphql/generated/graphql.ts';
import { type FormField, formField } from './node-form.ts';

export type TestResult = Extract<
  TestResultShape['testNodeConnection'],
  { __typename: 'MutationTestNodeConnectionSuccess' }
>['data'];

export type Outcome<T> =
  | { ok: true; data: T }
  /** `field` is set when the server blamed one input, so the message goes next to it. */
  | { ok: false; message: string; field: FormField | null };

/**
 * Every mutation answers with a union: its `…Success { data }`, or an error with a message
 * (a ValidationError also names the field). Each member fits this one loose shape.
 */
interface Answer<T> {
  __typename: string;
  data?: T;
  message?: string;
  field?: string | null;
}

function unwrap<T>(answer: Answer<T> | undefined, transport: string | undefined): Outcome<T> {
  if (!answer) return { ok: false, message: transport ?? 'No answer from the server', field: null };
  if (answer.data !== undefined) return { ok: true, data: answer.data };
  return {
    ok: false,
    message: answer.message ?? `Unexpected answer (${answer.__typename})`,
    field: formField(answer.field ?? null),
  };
}

export async function testConnection(
  input: NodeConnectionInput,
  id: string | null,
): Promise<Outcome<TestResult>> {
  // With the id, the server fills in secrets the form left blank from the saved node.
  const result = await client
    .mutation(TestNodeConnectionMutation, { input: { ...input, id } })
    .toPromise();
  return unwrap(result.data?.testNodeConnection, result.error?.message);
}

export async function saveNode(
  input: NodeConnectionInput,
  id: string | null,
): Promise<Outcome<NodeConnectionFieldsFragment>> {
  if (id === null) {
    const result = await client.mutation(AddNodeMutation, { input }).toPromise();
    return unwrap(result.data?.addNode, result.error?.message);
  }
  // The type of a saved node cannot change; sending it anyway would only be refused.
  const { type: _type, ...patch } = input;
  const result = await client.mutation(UpdateNodeMutation, { id, input: patch }).toPromise();
  return unwrap(result.data?.updateNode, result.error?.message);
}

export async function removeNode(id: string): Promise<Outcome<string>> {
  const result = await client.mutation(RemoveNodeMutation, { id }).toPromise();
  return unwrap(result.data?.removeNode, result.error?.message);
}

/**
 * The fingerprint of the certificate the host presents. A ValidationError without a field
 * (e.g. the host did not answer) is about the address, so it goes under the host input.
 */
export async function fetchFingerprint(type: NodeType, host: string): Promise<Outcome<string>> {
  const result = await client
    .query(
      NodeCertificateFingerprintQuery,
      { type, host: host.trim() },
      { requestPolicy: 'network-only' },
    )
    .toPromise();
  const answer = result.data?.nodeCertificateFingerprint;
  const outcome = unwrap(answer, result.error?.message);
  if (!outcome.ok && outcome.field === null && answer?.__typename === 'ValidationError') {
    return { ...outcome, field: 'host' };
  }
  return outcome;
}
