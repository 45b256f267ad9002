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

/** One address or URL per line (commas also split addresses), blanks dropped. */
export function lines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
