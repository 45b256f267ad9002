/** How a tool call went: running until it finishes; refused when the asker may not read it. */
export type ToolState = 'running' | 'done' | 'refused' | 'failed';

export type AnswerPart =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; name: string; state: ToolState };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  model: string;
}

/** Why an answer stopped short, in words for the person asking. */
export interface ChatProblem {
  kind: 'not-configured' | 'budget' | 'provider' | 'denied' | 'signed-out' | 'other';
  message: string;
}

export type Turn =
  | { role: 'user'; text: string }
  | {
      role: 'assistant';
      parts: AnswerPart[];
      streaming: boolean;
      usage: Usage | null;
      problem: ChatProblem | null;
      stopped: boolean;
    };

export type AssistantTurn = Extract<Turn, { role: 'assistant' }>;

export const emptyAnswer = (streaming: boolean): AssistantTurn => ({
  role: 'assistant',
  parts: [],
  streaming,
  usage: null,
  problem: null,
  stopped: false,
});

/** Appends a piece of text, starting a new paragraph run after a tool call. */
export function addText(turn: AssistantTurn, delta: string): void {
  const last = turn.parts.at(-1);
  if (last?.kind === 'text') last.text += delta;
  else turn.parts.push({ kind: 'text', text: delta });
}

/** A tool started (a new chip) or finished (the last running chip of that name). */
export function addTool(
  turn: AssistantTurn,
  name: string,
  phase: string,
  ok: boolean | null,
): void {
  if (phase !== 'finished') {
    turn.parts.push({ kind: 'tool', name, state: 'running' });
    return;
  }
  const running = turn.parts.findLast(
    (p): p is Extract<AnswerPart, { kind: 'tool' }> =>
      p.kind === 'tool' && p.name === name && p.state === 'running',
  );
  // The live event only says "not ok": almost always a refusal of data the asker may not read.
  const state: ToolState = ok ? 'done' : 'refused';
  if (running) running.state = state;
  else turn.parts.push({ kind: 'tool', name, state });
}

interface SavedMessage {
  role: string;
  content: string;
}

/** A tool result's outcome, from the envelope the server wrote (never shown itself). */
function savedToolPart(content: string): AnswerPart | null {
  try {
    const result: unknown = JSON.parse(content);
    if (typeof result !== 'object' || result === null || !('tool' in result)) return null;
    const name = String(result.tool);
    const state: ToolState =
      'refused' in result && result.refused ? 'refused' : 'error' in result ? 'failed' : 'done';
    return { kind: 'tool', name, state };
  } catch {
    return null;
  }
}

/** A saved conversation as turns: each question, then its tool calls and answer text in order. */
export function turnsOf(messages: readonly SavedMessage[]): Turn[] {
  const turns: Turn[] = [];
  let answer: AssistantTurn | null = null;
  for (const message of messages) {
    if (message.role === 'user') {
      answer = null;
      turns.push({ role: 'user', text: message.content });
      continue;
    }
    if (!answer) {
      answer = emptyAnswer(false);
      turns.push(answer);
    }
    if (message.role === 'tool') {
      const part = savedToolPart(message.content);
      if (part) answer.parts.push(part);
    } else if (message.content.trim()) {
      if (answer.parts.at(-1)?.kind === 'text') addText(answer, '\n\n');
      addText(answer, message.content);
    }
  }
  return turns;
}
