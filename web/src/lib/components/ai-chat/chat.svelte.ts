import type { CombinedError } from '@urql/core';
import { ask as askOnce, mutate } from '../../graphql/answers.ts';
import { client, onSocketEvent } from '../../graphql/client.ts';
import {
  AiChatReadinessQuery,
  AiChatSubscription,
  AiConversationQuery,
  AiConversationsQuery,
  DeleteAiConversationMutation,
} from '../../graphql/documents/ai-chat.ts';
import type { AiConversationFieldsFragment } from '../../graphql/generated/graphql.ts';
import { session } from '../../stores/session.svelte.ts';
import { problemOf } from './problems.ts';
import { type AssistantTurn, addText, addTool, emptyAnswer, type Turn, turnsOf } from './turns.ts';

export type Conversation = AiConversationFieldsFragment;

/**
 * Whether this caller can ask: `off` when AI is disabled or has no model (admins learn that up
 * front; others when a question is refused for it), `denied` when their access has no assistant.
 */
export type ChatAccess = 'checking' | 'ready' | 'off' | 'denied';

const isRefusal = (error: CombinedError | undefined) =>
  error?.graphQLErrors.some((e) => {
    const code = e.extensions?.code;
    return code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
  }) === true;

/**
 * The assistant drawer's state, shared by the header button and the drawer: whether it is
 * open, the conversation on screen (streamed turn by turn), and the saved conversations.
 */
class AiChat {
  open = $state(false);
  view = $state<'chat' | 'conversations'>('chat');
  access = $state<ChatAccess>('checking');
  turns = $state<Turn[]>([]);
  conversationId = $state<string | null>(null);
  conversations = $state<Conversation[]>([]);
  /** False until the list has been read once, so "no conversations" is not said too early. */
  listed = $state(false);
  listError = $state<string | null>(null);
  /** The conversation being opened or deleted, for its busy state. */
  busyId = $state<string | null>(null);
  actionError = $state<string | null>(null);

  readonly streaming: boolean = $derived(
    this.turns.some((t) => t.role === 'assistant' && t.streaming),
  );

  #answer: { unsubscribe(): void } | null = null;
  /** The server said AI is not set up; stays until an admin check says otherwise. */
  #toldOff = false;

  toggle(): void {
    if (this.open) this.close();
    else this.show();
  }

  show(): void {
    this.open = true;
    void this.check();
  }

  close(): void {
    this.open = false;
  }

  /** Reads what the caller may do and their conversations; runs each time the drawer opens. */
  async check(): Promise<void> {
    const listing = this.#list();
    if (session.canManage) {
      const settings = await askOnce('query', AiChatReadinessQuery, {}, (d) => d.aiSettings);
      if (settings.ok) {
        const { enabled, model, chatModel } = settings.data;
        this.#toldOff = !(enabled && (chatModel || model));
      }
    }
    const allowed = await listing;
    this.access = !allowed ? 'denied' : this.#toldOff ? 'off' : 'ready';
  }

  /** False when the server refuses this caller the assistant altogether. */
  async #list(): Promise<boolean> {
    const result = await client
      .query(AiConversationsQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (isRefusal(result.error)) return false;
    if (result.data) {
      this.conversations = result.data.aiConversations;
      this.listError = null;
      this.listed = true;
    } else {
      this.listError = result.error?.message ?? 'The server sent no data';
    }
    return true;
  }

  refreshList(): Promise<boolean> {
    return this.#list();
  }

  /** Asks one question, in the open conversation if there is one, streaming the answer in. */
  ask(message: string, resourceId: string | null): void {
    const text = message.trim();
    if (!text || this.streaming) return;
    this.actionError = null;
    this.turns.push({ role: 'user', text });
    this.turns.push(emptyAnswer(true));
    // The proxied turn, so the changes below are seen.
    const answer = this.turns.at(-1) as AssistantTurn;
    const input = {
      message: text,
      ...(this.conversationId && { conversationId: this.conversationId }),
      ...(resourceId && { resourceId }),
    };
    const finish = () => {
      answer.streaming = false;
      this.#answer?.unsubscribe();
      this.#answer = null;
      void this.#list();
    };
    // graphql-ws would subscribe again after a reconnect, asking the model the same question a
    // second time under a new conversation: a dropped socket ends this answer instead.
    const offSocket = onSocketEvent((event) => {
      if (event !== 'closed' || !answer.streaming) return;
      answer.problem = {
        kind: 'other',
        message: 'The connection to Pulse dropped before the answer finished. Ask again to retry.',
      };
      finish();
    });
    const events = client.subscription(AiChatSubscription, { input }).subscribe((result) => {
      // After an error urql repeats the last event's data beside it: the error decides.
      if (result.error) {
        answer.problem = problemOf(result.error);
        if (answer.problem.kind === 'not-configured') {
          this.#toldOff = true;
          this.access = 'off';
        }
        finish();
        return;
      }
      const event = result.data?.aiChat;
      if (!event) return;
      if (event.__typename === 'AiChatStarted') this.conversationId = event.conversationId;
      else if (event.__typename === 'AiChatText') addText(answer, event.delta);
      else if (event.__typename === 'AiChatTool')
        addTool(answer, event.name, event.phase, event.ok);
      else if (event.__typename === 'AiChatDone') {
        this.conversationId = event.conversationId;
        answer.usage = event.usage;
        finish();
      }
    });
    this.#answer = {
      unsubscribe: () => {
        offSocket();
        events.unsubscribe();
      },
    };
  }

  /** Stops the answer in progress; the server stops the model call and keeps what was said. */
  stop(): void {
    const answer = this.turns.at(-1);
    if (answer?.role === 'assistant' && answer.streaming) {
      answer.stopped = true;
      answer.streaming = false;
    }
    this.#answer?.unsubscribe();
    this.#answer = null;
    void this.#list();
  }

  newChat(): void {
    this.stop();
    this.turns = [];
    this.conversationId = null;
    this.actionError = null;
    this.view = 'chat';
  }

  async openConversation(id: string): Promise<void> {
    this.stop();
    this.busyId = id;
    this.actionError = null;
    const found = await askOnce('query', AiConversationQuery, { id }, (d) => d.aiConversation);
    this.busyId = null;
    if (!found.ok) {
      this.actionError = `Could not open that conversation: ${found.message}`;
      return;
    }
    this.turns = turnsOf(found.data.messages);
    this.conversationId = found.data.conversation.id;
    this.view = 'chat';
  }

  async remove(id: string): Promise<void> {
    this.busyId = id;
    this.actionError = null;
    const removed = await mutate(
      DeleteAiConversationMutation,
      { id },
      (d) => d.deleteAiConversation,
    );
    this.busyId = null;
    if (!removed.ok) {
      this.actionError = `Could not delete that conversation: ${removed.message}`;
      return;
    }
    this.conversations = this.conversations.filter((c) => c.id !== id);
    if (this.conversationId === id) this.newChat();
    this.view = 'conversations';
  }
}

export const aiChat = new AiChat();
