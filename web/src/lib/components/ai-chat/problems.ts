import type { CombinedError } from '@urql/core';
import type { ChatProblem } from './turns.ts';

/** The server's code for an error, from the first GraphQL error that has one. */
const codeOf = (error: CombinedError) =>
  error.graphQLErrors.map((e) => e.extensions?.code).find((c) => typeof c === 'string');

/** Turns what the chat subscription failed with into a sentence and what to do about it. */
export function problemOf(error: CombinedError): ChatProblem {
  const code = codeOf(error);
  const said = error.graphQLErrors[0]?.message ?? error.message;
  if (code === 'AI_NOT_CONFIGURED') {
    return { kind: 'not-configured', message: 'The assistant is not set up yet.' };
  }
  if (code === 'AI_BUDGET_REACHED') {
    return { kind: 'budget', message: sentence(said) };
  }
  if (code === 'AI_PROVIDER') {
    return {
      kind: 'provider',
      message: `The AI provider did not answer: ${sentence(said)} Try again, or check the provider in the AI settings.`,
    };
  }
  if (code === 'FORBIDDEN') {
    return { kind: 'denied', message: 'Your account is not allowed to use the assistant.' };
  }
  if (code === 'UNAUTHENTICATED') {
    return { kind: 'signed-out', message: 'You are signed out. Sign in again to ask.' };
  }
  if (error.networkError || !code) {
    return {
      kind: 'other',
      message: 'The connection to Pulse dropped before the answer finished. Try again.',
    };
  }
  return { kind: 'other', message: sentence(said) };
}

/** Server messages are lower-case fragments ("the monthly AI budget ... is spent"). */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capital = `${trimmed[0]?.toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
