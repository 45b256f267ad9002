import type { IconName } from './components/ui/icons.ts';
import type { ResourceType } from './graphql/generated/graphql.ts';

export interface Area {
  /** URL segment; '' is the overview at `/`. */
  slug: string;
  label: string;
  icon: IconName;
  /** One sentence on what the page is for, shown under its title. */
  summary: string;
  /** What the finished page will show; only areas still being built have plans. */
  plans?: string[];
  /** Resource types the page is about, to show what is already being watched. */
  types?: ResourceType[];
}

export interface AreaGroup {
  label: string;
  areas: Area[];
}

export const areaGroups: AreaGroup[] = [
  {
    label: 'Monitor',
    areas: [
      {
        slug: '',
        label: 'Overview',
        icon: 'overview',
        summary: 'Everything Pulse is watching, updated live.',
      },
      {
        slug: 'nodes',
        label: 'Nodes',
        icon: 'server',
        summary: 'Every Proxmox VE node in your clusters, with its health at a glance.',
      },
      {
        slug: 'guests',
        label: 'Guests',
        icon: 'box',
        summary: 'All virtual machines and LXC containers across your nodes.',
      },
      {
        slug: 'storage',
        label: 'Storage',
        icon: 'database',
        summary: 'Capacity of every storage pool, local and shared, and of your backup datastores.',
      },
      {
        slug: 'backups',
        label: 'Backups',
        icon: 'archive',
        summary: 'Which guests are backed up, how recently, and how the jobs are doing.',
      },
      {
        slug: 'mail',
        label: 'Mail',
        icon: 'mail',
        summary: 'Proxmox Mail Gateway traffic, queues and quarantine.',
      },
    ],
  },
  {
    label: 'Workloads',
    areas: [
      {
        slug: 'docker',
        label: 'Docker',
        icon: 'container',
        summary: 'Docker and Podman hosts reporting through pulse-agent.',
        types: ['DOCKER_HOST', 'DOCKER_CONTAINER'],
      },
      {
        slug: 'kubernetes',
        label: 'Kubernetes',
        icon: 'helm',
        summary: 'Clusters, nodes, deployments and pods.',
        types: ['K8S_CLUSTER', 'K8S_NODE', 'K8S_DEPLOYMENT', 'K8S_POD'],
      },
      {
        slug: 'hosts',
        label: 'Hosts',
        icon: 'monitor',
        summary: 'Standalone machines reporting through pulse-agent.',
        types: ['HOST'],
      },
    ],
  },
  {
    label: 'Operate',
    areas: [
      {
        slug: 'alerts',
        label: 'Alerts',
        icon: 'bell',
        summary: 'Thresholds, active alerts and where notifications go.',
      },
      {
        slug: 'patrol',
        label: 'AI Patrol',
        icon: 'sparkles',
        summary: 'An assistant that reviews your estate and explains what needs attention.',
      },
      {
        slug: 'settings',
        label: 'Settings',
        icon: 'settings',
        summary: 'Connections, security and system preferences.',
      },
    ],
  },
];

export const areas: Area[] = areaGroups.flatMap((group) => group.areas);

export const findArea = (slug: string): Area | undefined =>
  slug === '' ? undefined : areas.find((area) => area.slug === slug);

/** An area that has a page of its own; the lookup cannot fail for the slugs used in routes. */
export function area(slug: string): Area {
  const found = areas.find((a) => a.slug === slug);
  if (!found) throw new Error(`no area "${slug}"`);
  return found;
}
