import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const handlerFile = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** SvelteKit's adapter-node handler, or a plain page saying how to build it. */
export async function loadDashboard(): Promise<NodeHandler> {
  if (existsSync(handlerFile)) {
    const module = (await import(handlerFile)) as { handler: NodeHandler };
    return module.handler;
  }
  return (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The Pulse dashboard is not built yet: run `npm run build` (npm start does it).\n');
  };
}
