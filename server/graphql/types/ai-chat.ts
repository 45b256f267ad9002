import type { ChatStreamEvent, ChatUsageTotals } from '../../ai/chat/chat.service.ts';
import type { ConversationSummary, ConversationView } from '../../ai/chat/conversations.ts';
import type { ChatMessage } from '../../ai/chat-model.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

type StartedEvent = Extract<ChatStreamEvent, { type: 'started' }>;
type TextEvent = Extract<ChatStreamEvent, { type: 'text' }>;
type ToolEvent = Extract<ChatStreamEvent, { type: 'tool' }>;
type DoneEvent = Extract<ChatStreamEvent, { type: 'done' }>;

const AiChatUsageRef = builder.objectRef<ChatUsageTotals>('AiChatUsage').implement({
  fields: (t) => ({
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd', { nullable: true, description: 'Null: no known price' }),
    model: t.exposeString('model'),
  }),
});

const AiChatStartedRef = builder.objectRef<StartedEvent>('AiChatStarted').implement({
  description: 'The first event: the conversation this answer is saved in',
  fields: (t) => ({ conversationId: t.exposeID('conversationId') }),
});

const AiChatTextRef = builder.objectRef<TextEvent>('AiChatText').implement({
  description: 'A piece of the answer, in order',
  fields: (t) => ({ delta: t.exposeString('delta') }),
});

const AiChatToolRef = builder.objectRef<ToolEvent>('AiChatTool').implement({
  description: 'A read-only tool the assistant started or finished',
  fields: (t) => ({
    phase: t.exposeString('phase', { description: 'started or finished' }),
    name: t.exposeString('name'),
    ok: t.exposeBoolean('ok', { nullable: true, description: 'Null while started' }),
  }),
});

const AiChatDoneRef = builder.objectRef<DoneEvent>('AiChatDone').implement({
  description: 'The answer is complete and the conversation saved',
  fields: (t) => ({
    conversationId: t.exposeID('conversationId'),
    usage: t.field({ type: AiChatUsageRef, resolve: (e) => e.usage }),
  }),
});

const eventTypeNames = {
  started: 'AiChatStarted',
  text: 'AiChatText',
  tool: 'AiChatTool',
  done: 'AiChatDone',
} as const satisfies Record<ChatStreamEvent['type'], string>;

const AiChatEventRef = builder.unionType('AiChatEvent', {
  types: [AiChatStartedRef, AiChatTextRef, AiChatToolRef, AiChatDoneRef],
  resolveType: (event) => eventTypeNames[event.type],
});

const AiChatMessageRef = builder.objectRef<ChatMessage>('AiChatMessage').implement({
  fields: (t) => ({
    role: t.exposeString('role', { description: 'user, assistant or tool' }),
    content: t.exposeString('content'),
    toolCalls: t.stringList({
      description: 'The tools an assistant turn called',
      resolve: (m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.name) : []),
    }),
  }),
});

const AiConversationRef = builder.objectRef<ConversationSummary>('AiConversation').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    resourceId: t.exposeString('resourceId', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
  }),
});

const AiConversationDetailRef = builder
  .objectRef<ConversationView>('AiConversationDetail')
  .implement({
    fields: (t) => ({
      conversation: t.field({ type: AiConversationRef, resolve: (c) => c }),
      messages: t.field({ type: [AiChatMessageRef], resolve: (c) => c.messages }),
    }),
  });

const AiChatInput = builder.inputType('AiChatInput', {
  fields: (t) => ({
    message: t.string({ required: true }),
    conversationId: t.id({ description: 'Continue this conversation; none starts a new one' }),
    resourceId: t.id({ description: 'The resource in view, given to the assistant as context' }),
  }),
});

builder.queryFields((t) => ({
  aiConversations: t.field({
    type: [AiConversationRef],
    description: "The caller's own saved conversations, newest first",
    resolve: (_root, _args, { services, actor }) => services.chat.conversations(actor),
  }),
  aiConversation: t.field({
    type: AiConversationDetailRef,
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.chat.conversation(actor, String(id)),
  }),
}));

builder.mutationFields((t) => ({
  deleteAiConversation: t.field({
    type: 'Boolean',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { services, actor }) => {
      await services.chat.deleteConversation(actor, String(id));
      return true;
    },
  }),
}));

builder.subscriptionField('aiChat', (t) =>
  t.field({
    type: AiChatEventRef,
    description: 'Asks the assistant; streams text, tool progress, then done',
    args: { input: t.arg({ type: AiChatInput, required: true }) },
    subscribe: async function* (_root, { input }, { services, actor }) {
      const aborted = new AbortController();
      try {
        yield* services.chat.ask(
          actor,
          {
            message: input.message,
            conversationId: input.conversationId == null ? null : String(input.conversationId),
            resourceId: input.resourceId == null ? null : String(input.resourceId),
          },
          aborted.signal,
        );
      } finally {
        // The client went away (or the answer ended): stop the model call.
        aborted.abort();
      }
    },
    resolve: (event) => event,
  }),
);
