import type { ChatStreamEvent } from '../ai/chat/chat.service.ts';
import { NamedEventStream, type Route, type ServerSentEvent } from './router.ts';

function streamed(event: ChatStreamEvent): ServerSentEvent {
  if (event.type === 'started') {
    return { event: 'started', data: { conversationId: event.conversationId } };
  }
  if (event.type === 'text') return { event: 'text', data: { delta: event.delta } };
  if (event.type === 'tool') {
    return { event: 'tool', data: { phase: event.phase, name: event.name, ok: event.ok } };
  }
  return { event: 'done', data: { conversationId: event.conversationId, usage: event.usage } };
}

/** The assistant: one answer, a streamed answer (server-sent events), saved conversations. */
export const aiChatRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/ai/execute',
    handle: ({ actor, services, body }) => services.chat.answer(actor, body),
  },
  {
    method: 'POST',
    path: '/api/ai/execute/stream',
    handle: ({ actor, services, body }) =>
      new NamedEventStream(async function* (signal) {
        for await (const event of services.chat.ask(actor, body, signal)) {
          yield streamed(event);
        }
      }),
  },
  {
    method: 'GET',
    path: '/api/ai/sessions',
    handle: ({ actor, services }) => services.chat.conversations(actor),
  },
  {
    method: 'GET',
    path: '/api/ai/sessions/:id',
    handle: ({ actor, services, params }) => services.chat.conversation(actor, params.id ?? ''),
  },
  {
    method: 'DELETE',
    path: '/api/ai/sessions/:id',
    handle: ({ actor, services, params }) =>
      services.chat.deleteConversation(actor, params.id ?? ''),
  },
];
