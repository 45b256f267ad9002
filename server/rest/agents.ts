import type { AgentKind } from '../access/abilities.ts';
import type { AgentView } from '../agents/agent.service.ts';
import { maxReportBytes } from '../agents/reports.ts';
import type { Route } from './router.ts';

/** Pulse's lookup answer: the host as its installer and agent read it. */
function pulseHost(agent: AgentView) {
  return {
    id: agent.id,
    hostname: agent.hostname,
    displayName: agent.hostname,
    status: agent.status,
    connected: agent.status === 'online',
    lastSeen: agent.lastReportAt,
    agentVersion: agent.version,
    kinds: agent.kinds,
    linkedNodeId: agent.linkedNodeId,
  };
}

function reportRoute(path: string, kind: AgentKind): Route {
  return {
    method: 'POST',
    path,
    maxBodyBytes: maxReportBytes,
    handle: ({ actor, services, body }) => services.agents.report(actor, kind, body),
  };
}

/** Host agent management, under Pulse's `/api/agents/host` and the unified `/api/agents/agent`. */
function managementRoutes(base: string): Route[] {
  return [
    {
      method: 'GET',
      path: `${base}/lookup`,
      handle: async ({ actor, services, query }) => {
        const id = query.get('id') ?? undefined;
        const hostname = query.get('hostname') ?? undefined;
        const agent = await services.agents.lookup(actor, {
          ...(id && { id }),
          ...(hostname && { hostname }),
        });
        return { success: true, host: pulseHost(agent) };
      },
    },
    {
      method: 'POST',
      path: `${base}/uninstall`,
      handle: ({ actor, services, body }) => services.agents.uninstall(actor, body),
    },
    {
      method: 'POST',
      path: `${base}/link`,
      handle: ({ actor, services, body }) => services.agents.link(actor, body),
    },
    {
      method: 'POST',
      path: `${base}/:id/allow-reenroll`,
      handle: async ({ actor, services, params }) => {
        const agent = await services.agents.allowReenroll(actor, params.id ?? '');
        return { success: true, agentId: agent.id };
      },
    },
    {
      method: 'POST',
      path: `${base}/unlink`,
      handle: ({ actor, services, body }) => services.agents.unlink(actor, body),
    },
    {
      method: 'DELETE',
      path: `${base}/:id`,
      handle: async ({ actor, services, params }) => {
        await services.agents.remove(actor, params.id ?? '');
        return { success: true, agentId: params.id };
      },
    },
    {
      method: 'GET',
      path: `${base}/:id/config`,
      handle: ({ actor, services, params }) => services.agents.config(actor, params.id ?? ''),
    },
    {
      method: 'PATCH',
      path: `${base}/:id/config`,
      handle: async ({ actor, services, params, body }) => {
        const agent = await services.agents.updateConfig(actor, params.id ?? '', body);
        return { success: true, agentId: agent.id, config: agent.config };
      },
    },
  ];
}

/**
 * Pulse's Docker runtime and Kubernetes cluster removal: by agent id or by the runtime's or
 * cluster's resource id. Reports of that kind are refused until re-enrollment is allowed.
 */
function kindRoutes(base: string, kind: Exclude<AgentKind, 'host'>): Route[] {
  return [
    {
      method: 'DELETE',
      path: `${base}/:id`,
      handle: async ({ actor, services, params }) => {
        const agent = await services.agents.removeKind(actor, params.id ?? '', kind);
        return { success: true, agentId: agent.id };
      },
    },
    {
      method: 'POST',
      path: `${base}/:id/allow-reenroll`,
      handle: async ({ actor, services, params }) => {
        const agent = await services.agents.allowReenroll(actor, params.id ?? '', kind);
        return { success: true, agentId: agent.id };
      },
    },
  ];
}

/** Reports from pulse-agent, and what installers and people do with agents. */
export const agentRoutes: Route[] = [
  reportRoute('/api/agents/host/report', 'host'),
  reportRoute('/api/agents/agent/report', 'host'),
  reportRoute('/api/agents/docker/report', 'docker'),
  reportRoute('/api/agents/kubernetes/report', 'kubernetes'),
  ...managementRoutes('/api/agents/host'),
  ...managementRoutes('/api/agents/agent'),
  ...kindRoutes('/api/agents/docker/runtimes', 'docker'),
  ...kindRoutes('/api/agents/kubernetes/clusters', 'kubernetes'),
];
