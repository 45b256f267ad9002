import type {
  AgentFieldsFragment,
  AgentKind,
  AgentStatus,
} from '../../graphql/generated/graphql.ts';
import type { Resource } from '../../stores/resources.svelte.ts';
import {
  byName,
  detailHref,
  isDockerHost,
  isHost,
  isK8sCluster,
  isNode,
} from '../resources/kinds.ts';
import type { BadgeTone } from '../ui/tone.ts';

export type Agent = AgentFieldsFragment;

export const kindLabel: Record<AgentKind, string> = {
  HOST: 'Host',
  DOCKER: 'Docker',
  KUBERNETES: 'Kubernetes',
};

/** Host first, as the agent always reports it and the modules come on top. */
const kindOrder: AgentKind[] = ['HOST', 'DOCKER', 'KUBERNETES'];
export const inKindOrder = (kinds: readonly AgentKind[]) =>
  kindOrder.filter((k) => kinds.includes(k));

type LiveStatus = Exclude<AgentStatus, 'REMOVED'>;

export const statusLook: Record<LiveStatus, { label: string; tone: BadgeTone; title: string }> = {
  ONLINE: { label: 'Online', tone: 'ok', title: 'Reports arrive on time' },
  STALE: {
    label: 'Stale',
    tone: 'warn',
    title: 'A report is late: one and a half intervals without one',
  },
  OFFLINE: {
    label: 'Offline',
    tone: 'bad',
    title: 'Three intervals without a report; its resources are marked offline',
  },
};

export const isRemoved = (a: Agent) => a.status === 'REMOVED';

/** Natural host name order, so node2 sorts before node10. */
export const byHostname = (a: Agent, b: Agent) =>
  a.hostname.localeCompare(b.hostname, undefined, { numeric: true });

/** "every 30 s", "every 2 min". */
export function every(seconds: number): string {
  return seconds >= 120 && seconds % 60 === 0 ? `every ${seconds / 60} min` : `every ${seconds} s`;
}

export interface PageLink {
  label: string;
  href: string;
}

/**
 * The dashboard pages of what an agent reports, found by the agent id its resources carry:
 * its host, its Docker runtime and each Kubernetes cluster it reports.
 */
export function reportedPages(agent: Agent, resources: readonly Resource[]): PageLink[] {
  const links: PageLink[] = [];
  const add = (label: string, r: Resource) => {
    const href = detailHref(r);
    if (href) links.push({ label, href });
  };
  const mine = resources.filter(
    (r) => (isHost(r) || isDockerHost(r) || isK8sCluster(r)) && r.agentId === agent.id,
  );
  for (const r of mine.filter(isHost)) add('Host', r);
  for (const r of mine.filter(isDockerHost)) add('Docker', r);
  const clusters = mine.filter(isK8sCluster).sort(byName);
  for (const r of clusters) add(clusters.length > 1 ? `Kubernetes: ${r.name}` : 'Kubernetes', r);
  return links;
}

export interface NodeChoice {
  id: string;
  name: string;
}

/** The PVE nodes a host agent can be linked to, by name. */
export function nodeChoices(resources: readonly Resource[]): NodeChoice[] {
  return resources
    .filter(isNode)
    .sort(byName)
    .map((n) => ({ id: n.id, name: n.cluster ? `${n.name} (${n.cluster})` : n.name }));
}

/** The linked node's name and page, or its bare id while Pulse does not see that node. */
export function linkedNode(agent: Agent, resources: readonly Resource[]): PageLink | null {
  if (!agent.linkedNodeId) return null;
  const node = resources.find((r) => r.id === agent.linkedNodeId);
  if (!node) return { label: agent.linkedNodeId, href: '' };
  return { label: node.name, href: detailHref(node) ?? '' };
}
