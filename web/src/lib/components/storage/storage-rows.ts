import type { ResourceStatus } from '../../graphql/generated/graphql.ts';
import type { StorageResource } from '../resources/kinds.ts';

export interface StorageRow {
  key: string;
  name: string;
  storageType: string;
  content: string[];
  shared: boolean;
  /** The nodes reporting it: one for local storage, every member for shared storage. */
  nodes: string[];
  disk: StorageResource['disk'];
  active: boolean;
  enabled: boolean;
  status: ResourceStatus;
}

const contentLabels: Record<string, string> = {
  images: 'Disk images',
  rootdir: 'CT volumes',
  vztmpl: 'CT templates',
  iso: 'ISO images',
  backup: 'Backups',
  snippets: 'Snippets',
  import: 'Import',
};

export const contentLabel = (content: string): string => contentLabels[content] ?? content;

/**
 * One row per storage. PVE reports a shared storage once per node that can reach it; those
 * reports are one pool, so they become one row naming every node (all see the same usage).
 */
export function storageRows(list: readonly StorageResource[]): StorageRow[] {
  const rows = new Map<string, StorageRow>();
  for (const s of list) {
    const key = s.shared ? `${s.source}/shared/${s.name}` : s.id;
    const node = s.storageNode ?? '';
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        key,
        name: s.name,
        storageType: s.storageType,
        content: [...s.content],
        shared: s.shared,
        nodes: node ? [node] : [],
        disk: s.disk,
        active: s.active,
        enabled: s.enabled,
        status: s.status,
      });
      continue;
    }
    if (node) row.nodes.push(node);
    // A node that cannot mount it reports no usage; take the figures from one that can.
    if (!row.disk && s.disk) row.disk = s.disk;
    if (s.active && !row.active) row.status = s.status;
    row.active ||= s.active;
    row.enabled ||= s.enabled;
  }
  for (const row of rows.values())
    row.nodes.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  // Fullest first: the pool about to fill up is the one to look at.
  return [...rows.values()].sort(
    (a, b) => (b.disk?.fraction ?? -1) - (a.disk?.fraction ?? -1) || a.name.localeCompare(b.name),
  );
}
