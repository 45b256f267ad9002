/** A query's success-or-error union, as the patrol panels show it. */
interface Answer<T> {
  __typename: string;
  data?: T;
  message?: string;
}

export interface Read<T> {
  data: T | null;
  /** Why there is no data; null while loading or when there is data. */
  problem: string | null;
  /** The install is not licensed for this (a PaymentRequiredError). */
  needsPro: boolean;
}

export function read<T>(answer: Answer<T> | undefined, transportError: string | null): Read<T> {
  if (answer?.data !== undefined) return { data: answer.data, problem: null, needsPro: false };
  if (answer) {
    const needsPro = answer.__typename === 'PaymentRequiredError';
    return {
      data: null,
      problem: answer.message ?? `Unexpected answer (${answer.__typename})`,
      needsPro,
    };
  }
  return { data: null, problem: transportError, needsPro: false };
}

/** The sentence shown where a Pro feature would be, whatever the server's wording. */
export function proSentence(what: string): string {
  return `${what} need Pulse Pro, which this install is not licensed for. The deterministic checks and their findings stay free.`;
}
