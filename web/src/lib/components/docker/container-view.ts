import type { Resource } from '../../stores/resources.svelte.ts';
import {
  type DockerContainerResource,
  type DockerHostResource,
  isDockerHost,
} from '../resources/kinds.ts';
import type { BadgeTone } from '../ui/tone.ts';

/** The engine's states the filter offers; created, removing and dead count as "other". */
export type StateFilter = 'ALL' | 'running' | 'exited' | 'restarting' | 'paused' | 'other';
const named = new Set(['running', 'exited', 'restarting', 'paused']);

export function stateGroup(state: string): Exclude<StateFilter, 'ALL'> {
  return named.has(state) ? (state as Exclude<StateFilter, 'ALL' | 'other'>) : 'other';
}

/** A clean exit (code 0) is idle, not broken; a crash or a restart loop is. */
export function stateTone(
  container: Pick<DockerContainerResource, 'state' | 'exitCode'>,
): BadgeTone {
  switch (container.state) {
    case 'running':
      return 'ok';
    case 'restarting':
    case 'paused':
      return 'warn';
    case 'dead':
      return 'bad';
    case 'exited':
      return container.exitCode ? 'bad' : 'off';
    default:
      return 'off';
  }
}

export const stateLabel = (state: string) =>
  state ? state.charAt(0).toUpperCase() + state.slice(1) : 'Unknown';

export function healthTone(health: string | null): BadgeTone {
  if (health === 'healthy') return 'ok';
  if (health === 'unhealthy') return 'bad';
  if (health === 'starting') return 'warn';
  return 'off';
}

/** Worth a look: not healthy, crashed, or stuck restarting. */
export const needsAttention = (c: DockerContainerResource) =>
  c.containerHealth === 'unhealthy' || stateTone(c) === 'bad' || c.state === 'restarting';

/** The engine's 64-hex id, as `docker ps` shows it. */
export const shortId = (id: string) => id.slice(0, 12);

/**
 * `8080→80/tcp` for a published port (with the address when it is not every interface),
 * `80/tcp` for an exposed one. Docker lists a port once per IPv4 and IPv6 binding; one is
 * enough.
 */
export function portTexts(ports: DockerContainerResource['ports']): string[] {
  const texts = ports.map((p) => {
    const inner = `${p.privatePort}/${p.protocol}`;
    if (p.publicPort == null) return inner;
    const wildcard = !p.ip || p.ip === '0.0.0.0' || p.ip === '::';
    const address = wildcard ? '' : `${p.ip?.includes(':') ? `[${p.ip}]` : p.ip}:`;
    return `${address}${p.publicPort}→${inner}`;
  });
  return [...new Set(texts)];
}

/**
 * The Docker host a container runs on: its parent, or the one Docker host of its source when
 * the agent did not link them.
 */
export function hostOf(
  container: DockerContainerResource,
  byId: (id: string) => Resource | undefined,
  hosts: readonly DockerHostResource[],
): DockerHostResource | null {
  const parent = container.parentId ? byId(container.parentId) : undefined;
  if (parent && isDockerHost(parent)) return parent;
  const same = hosts.filter((h) => h.source === container.source);
  return same.length === 1 ? (same[0] ?? null) : null;
}

export interface ContainerFilters {
  search: string;
  state: StateFilter;
  /** A Docker host's resource id, or '' for all. */
  host: string;
}

function matches(c: DockerContainerResource, needle: string): boolean {
  if (!needle) return true;
  return [c.name, c.image, c.composeProject ?? '', c.containerId, ...c.tags].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/** The state and search filters; the host filter picks the groups, see the page. */
export function filterContainers(
  containers: readonly DockerContainerResource[],
  filters: Pick<ContainerFilters, 'search' | 'state'>,
): DockerContainerResource[] {
  const needle = filters.search.trim().toLowerCase();
  return containers
    .filter(
      (c) =>
        (filters.state === 'ALL' || stateGroup(c.state) === filters.state) && matches(c, needle),
    )
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** "Docker 27.3.1", "Podman 5.2.0". */
export const engineText = (host: Pick<DockerHostResource, 'runtime' | 'runtimeVersion'>) =>
  [stateLabel(host.runtime || 'docker'), host.runtimeVersion].filter(Boolean).join(' ');
