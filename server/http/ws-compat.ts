import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { anonymousActor, systemActor } from '../access/actor.ts';
import type { Services } from '../app.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import { pulseState } from '../rest/state.ts';
import { credentialsOf } from './exchange.ts';

type State = ReturnType<typeof pulseState>;
type Message = { type: string; data?: unknown; timestamp?: number };

const coalesceMs = 100;
const pingEveryMs = 30_000;

/**
 * Pulse's `/ws` stream for existing clients: `welcome`, then `initialState` (the whole
 * state), then `rawData` deltas (changed top-level keys, and `resourceDelta` with upserted
 * and removed resources), coalesced over 100 ms and built once for all clients.
 */
export function createPulseWebSocket(options: {
  services: Services;
  auth: Authenticator;
  bus: EventBus;
  log: Logger;
}) {
  const { services, auth, bus, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let last: State | null = null;
  let timer: NodeJS.Timeout | null = null;

  const send = (socket: WebSocket, message: Message) => {
    if (socket.readyState === socket.OPEN)
      socket.send(JSON.stringify({ ...message, timestamp: Date.now() }));
  };
  const current = () => pulseState(systemActor, services);

  const flush = () => {
    timer = null;
    if (wss.clients.size === 0) {
      last = null;
      return;
    }
    const next = current();
    const data = last ? delta(last, next) : next;
    last = next;
    if (!data) return;
    for (const socket of wss.clients) send(socket, { type: 'rawData', data });
  };
  const schedule = () => {
    if (!timer && wss.clients.size > 0) timer = setTimeout(flush, coalesceMs);
  };
  // Listen to state changes only while someone is connected.
  let unsubscribe: (() => void)[] = [];
  const listen = () => {
    if (unsubscribe.length > 0) return;
    unsubscribe = [
      bus.subscribe('resources.changed', schedule),
      bus.subscribe('records.changed', schedule),
    ];
  };
  const stopListening = () => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    last = null;
  };

  const pinger = setInterval(() => {
    for (const socket of wss.clients)
      send(socket, { type: 'ping', data: { timestamp: Date.now() } });
  }, pingEveryMs);
  pinger.unref();

  wss.on('connection', (socket: WebSocket) => {
    listen();
    socket.on('close', () => {
      if (wss.clients.size === 0) stopListening();
    });
    send(socket, { type: 'welcome', data: { message: 'Connected to Pulse', orgId: 'default' } });
    const state = current();
    last ??= state;
    send(socket, { type: 'initialState', data: state });
    socket.on('message', (raw) => {
      let message: Message;
      try {
        message = JSON.parse(String(raw)) as Message;
      } catch {
        send(socket, { type: 'error', data: { message: 'messages must be JSON' } });
        return;
      }
      if (message.type === 'ping') send(socket, { type: 'pong', data: { timestamp: Date.now() } });
      else if (message.type === 'requestData') send(socket, { type: 'rawData', data: current() });
    });
    socket.on('error', (error) => log.debug({ err: error }, '/ws client error'));
  });

  return {
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const token = url.searchParams.get('token') ?? undefined;
      const actor = await auth.identify(credentialsOf(req, token)).catch(() => anonymousActor);
      if (!actor.ability.can('read', 'Resource')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      stopListening();
      clearInterval(pinger);
      if (timer) clearTimeout(timer);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      for (const client of wss.clients) client.terminate();
    },
  };
}

/** Changed top-level keys; resources as upserts and removals rather than the whole list. */
function delta(before: State, after: State): Record<string, unknown> | null {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof State)[]) {
    if (key === 'resources' || key === 'lastUpdate') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  const previous = new Map(before.resources.map((r) => [r.id, JSON.stringify(r)]));
  const upserts = after.resources.filter((r) => previous.get(r.id) !== JSON.stringify(r));
  const present = new Set(after.resources.map((r) => r.id));
  const removed = before.resources.map((r) => r.id).filter((id) => !present.has(id));
  if (upserts.length > 0 || removed.length > 0) {
    changed.resourceDelta = { upserts, removed, order: after.resources.map((r) => r.id) };
  }
  if (Object.keys(changed).length === 0) return null;
  changed.lastUpdate = after.lastUpdate;
  return changed;
}
