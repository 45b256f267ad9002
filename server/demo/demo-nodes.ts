import type { Logger } from '../log/logger.ts';
import type { NodeWithCredentials } from '../nodes/node.service.ts';
import { defaultMonitor } from '../nodes/node-input.ts';
import type { DemoNodes } from '../sources/source-manager.ts';
import { type DemoEstate, startDemoEstate } from './index.ts';

/** Source ids of the demo estate; every resource it reports starts with one of them. */
export const demoSourceIds = ['demo-pve', 'demo-pbs', 'demo-pmg'] as const;

/**
 * The demo estate as three ordinary nodes: its HTTPS APIs on loopback are polled by the same
 * clients and pollers as a real Proxmox, with each listener's certificate pinned.
 */
export function demoNodes(log: Logger): DemoNodes {
  let estate: DemoEstate | null = null;
  return {
    async start() {
      estate = await startDemoEstate({ size: 'small' });
      const [pve] = estate.pve;
      if (!pve) throw new Error('the demo estate started without a PVE node');
      const { credentials } = estate;
      log.info({ pve: pve.baseUrl }, 'demo estate listening on loopback');
      const now = new Date();
      const common = {
        verifySsl: true,
        monitor: { ...defaultMonitor },
        pollIntervalSeconds: null,
        enabled: true,
        cluster: null,
        createdAt: now,
        updatedAt: now,
      };
      const nodes: NodeWithCredentials[] = [
        {
          ...common,
          id: 'demo-pve',
          type: 'pve',
          name: 'Demo cluster',
          host: pve.baseUrl,
          fingerprint: pve.fingerprint,
          authKind: 'token',
          username: null,
          tokenId: credentials.pve.tokenId,
          credentials: {
            kind: 'token',
            tokenId: credentials.pve.tokenId,
            secret: credentials.pve.tokenSecret,
          },
        },
        {
          ...common,
          id: 'demo-pbs',
          type: 'pbs',
          name: 'Demo backup server',
          host: estate.pbs.baseUrl,
          fingerprint: estate.pbs.fingerprint,
          authKind: 'token',
          username: null,
          tokenId: credentials.pbs.tokenId,
          credentials: {
            kind: 'token',
            tokenId: credentials.pbs.tokenId,
            secret: credentials.pbs.tokenSecret,
          },
        },
        {
          ...common,
          id: 'demo-pmg',
          type: 'pmg',
          name: 'Demo mail gateway',
          host: estate.pmg.baseUrl,
          fingerprint: estate.pmg.fingerprint,
          authKind: 'password',
          username: credentials.pmg.username,
          tokenId: null,
          credentials: {
            kind: 'password',
            username: credentials.pmg.username,
            password: credentials.pmg.password,
          },
        },
      ];
      return nodes;
    },
    async stop() {
      await estate?.stop();
      estate = null;
    },
  };
}
