import type { Logger } from '../log/logger.ts';
import type { NodeWithCredentials } from '../nodes/node.service.ts';
import { defaultMonitor } from '../nodes/node-input.ts';
import type { DemoNodes } from '../sources/source-manager.ts';
import { type DemoEstate, startDemoEstate } from './index.ts';

/**
 * A running estate as three ordinary nodes (PVE cluster, PBS, PMG), each listener's
 * certificate pinned, with ids under `prefix` (`demo` gives demo-pve, demo-pbs, demo-pmg).
 */
export function nodesForEstate(estate: DemoEstate, prefix = 'demo'): NodeWithCredentials[] {
  const [pve] = estate.pve;
  if (!pve) throw new Error('the demo estate started without a PVE node');
  const { credentials } = estate;
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
  const token = (tokenId: string, secret: string) => ({
    authKind: 'token' as const,
    username: null,
    tokenId,
    credentials: { kind: 'token' as const, tokenId, secret },
  });
  return [
    {
      ...common,
      ...token(credentials.pve.tokenId, credentials.pve.tokenSecret),
      id: `${prefix}-pve`,
      type: 'pve',
      name: 'Demo cluster',
      host: pve.baseUrl,
      fingerprint: pve.fingerprint,
    },
    {
      ...common,
      ...token(credentials.pbs.tokenId, credentials.pbs.tokenSecret),
      id: `${prefix}-pbs`,
      type: 'pbs',
      name: 'Demo backup server',
      host: estate.pbs.baseUrl,
      fingerprint: estate.pbs.fingerprint,
    },
    {
      ...common,
      id: `${prefix}-pmg`,
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
}

/**
 * The built-in demo estate as sources: its HTTPS APIs on loopback are polled by the same
 * clients and pollers as a real Proxmox.
 */
export function demoNodes(log: Logger, size: 'small' | 'large' = 'small'): DemoNodes {
  let estate: DemoEstate | null = null;
  return {
    async start() {
      estate = await startDemoEstate({ size });
      log.info({ pve: estate.pve[0]?.baseUrl }, 'demo estate listening on loopback');
      return nodesForEstate(estate);
    },
    async stop() {
      await estate?.stop();
      estate = null;
    },
  };
}
