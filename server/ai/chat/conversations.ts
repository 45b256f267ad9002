import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.ts';
import { NotFoundError } from '../../errors.ts';
import type { ChatMessage } from '../chat-model.ts';
import { AiConversation, AiMessage } from './conversation.entity.ts';

export interface ConversationSummary {
  id: string;
  title: string;
  resourceId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationView extends ConversationSummary {
  messages: ChatMessage[];
}

const summary = (c: AiConversation): ConversationSummary => ({
  id: c.id,
  title: c.title,
  resourceId: c.resourceId ?? null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

function toMessage(row: AiMessage): ChatMessage {
  if (row.role === 'tool') {
    return {
      role: 'tool',
      toolCallId: row.toolCallId ?? '',
      content: row.content,
      ...(row.isError && { isError: true }),
    };
  }
  if (row.role === 'assistant') {
    return {
      role: 'assistant',
      content: row.content,
      ...(row.toolCalls?.length && { toolCalls: row.toolCalls }),
    };
  }
  return {
    role: 'user',
    content: row.content,
    ...(row.resourceInView && { resourceInView: row.resourceInView }),
  };
}

/** Saved conversations; every read is by owner, so nobody sees another's chats. */
export class ConversationStore {
  readonly #orm: Orm;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  async list(owner: string): Promise<ConversationSummary[]> {
    const rows = await this.#orm.em
      .fork()
      .find(AiConversation, { owner }, { orderBy: { updatedAt: 'desc' } });
    return rows.map(summary);
  }

  async get(owner: string, id: string): Promise<ConversationView> {
    const em = this.#orm.em.fork();
    const conversation = await em.findOne(AiConversation, { id, owner });
    if (!conversation) throw new NotFoundError(`no conversation ${id}`);
    const rows = await em.find(AiMessage, { conversationId: id }, { orderBy: { position: 'asc' } });
    return { ...summary(conversation), messages: rows.map(toMessage) };
  }

  async create(owner: string, title: string, resourceId: string | null): Promise<string> {
    const em = this.#orm.em.fork();
    const now = new Date();
    const id = randomUUID();
    em.create(AiConversation, {
      id,
      owner,
      title: title.slice(0, 120),
      resourceId,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    return id;
  }

  /** Appends turns after the ones already saved. */
  async append(id: string, messages: readonly ChatMessage[]): Promise<void> {
    const em = this.#orm.em.fork();
    const position = await em.count(AiMessage, { conversationId: id });
    const now = new Date();
    messages.forEach((message, i) => {
      em.create(AiMessage, {
        id: randomUUID(),
        conversationId: id,
        position: position + i,
        role: message.role,
        content: message.content,
        toolCalls: message.role === 'assistant' ? [...(message.toolCalls ?? [])] : null,
        toolCallId: message.role === 'tool' ? message.toolCallId : null,
        resourceInView: message.role === 'user' ? (message.resourceInView ?? null) : null,
        isError: message.role === 'tool' && message.isError === true,
        createdAt: now,
      });
    });
    await em.nativeUpdate(AiConversation, { id }, { updatedAt: now });
    await em.flush();
  }

  async delete(owner: string, id: string): Promise<void> {
    const em = this.#orm.em.fork();
    const deleted = await em.nativeDelete(AiConversation, { id, owner });
    if (deleted === 0) throw new NotFoundError(`no conversation ${id}`);
    await em.nativeDelete(AiMessage, { conversationId: id });
  }
}
