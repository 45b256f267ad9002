import { defineEntity, p } from '@mikro-orm/core';
import type { ToolCall } from '../chat-model.ts';

/** A saved chat, owned by the user (or token) name that started it. */
export const AiConversationSchema = defineEntity({
  name: 'AiConversation',
  tableName: 'ai_conversation',
  properties: {
    id: p.string().primary(),
    owner: p.string().index(),
    title: p.string(),
    /** The resource in view when the conversation started, if any. */
    resourceId: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class AiConversation extends AiConversationSchema.class {}
AiConversationSchema.setClass(AiConversation);

/** One turn: the user's question, the model's text and tool calls, or a tool's result. */
export const AiMessageSchema = defineEntity({
  name: 'AiMessage',
  tableName: 'ai_message',
  properties: {
    id: p.string().primary(),
    conversationId: p.string().index(),
    position: p.integer(),
    /** user, assistant or tool. */
    role: p.string(),
    content: p.text(),
    toolCalls: p.json<ToolCall[]>().nullable(),
    toolCallId: p.string().nullable(),
    /** On a question: the resource in view when it was asked (sent to the model as data). */
    resourceInView: p.string().nullable(),
    isError: p.boolean(),
    createdAt: p.datetime(),
  },
});

export class AiMessage extends AiMessageSchema.class {}
AiMessageSchema.setClass(AiMessage);
