import { systemActor } from '../../access/actor.ts';
import type { Config } from '../../config/env.ts';
import type { Logger } from '../../log/logger.ts';
import type { ClusterInfo } from '../../nodes/node.entity.ts';
import type { NodeService, NodeWithCredentials } from '../../nodes/node.service.ts';
import type { Source } from '../source.ts';
import { PbsSource } from './pbs-source.ts';
import { PmgSource } from './pmg-source.ts';
import { PveSource } from './pve/pve-source.ts';

/** Builds the poller for a configured node of any Proxmox product. */
export function createProxmoxSource(
  node: NodeWithCredentials,
  config: Pick<Config, 'pollIntervals' | 'connectionTimeoutSeconds'>,
  log: Logger,
  nodes: NodeService,
): Source {
  const intervalMs = (node.pollIntervalSeconds ?? config.pollIntervals[node.type]) * 1000;
  const timeoutMs = config.connectionTimeoutSeconds * 1000;
  switch (node.type) {
    case 'pve': {
      const record = (info: ClusterInfo) =>
        void nodes.recordCluster(systemActor, node.id, info).catch((error: unknown) => {
          log.warn({ err: error, node: node.id }, 'could not save the discovered cluster');
        });
      return new PveSource(node, { intervalMs, timeoutMs, log, onCluster: record });
    }
    case 'pbs':
      return new PbsSource(node, intervalMs, timeoutMs, log);
    case 'pmg':
      return new PmgSource(node, intervalMs, timeoutMs, log);
  }
}
