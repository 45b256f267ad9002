import { ValidationError } from '../../errors.ts';
import type {
  ConnectionTarget,
  ConnectionTester,
  ConnectionTestResult,
} from '../../nodes/node.service.ts';
import type { NodeType } from '../../nodes/node-input.ts';
import {
  fetchCertificateFingerprint,
  isProxmoxError,
  PbsClient,
  PmgClient,
  PveClient,
} from './client/index.ts';
import { endpointFor } from './endpoint.ts';

/** Tries a node's connection with the real client, turning failures into advice. */
export class ProxmoxConnectionTester implements ConnectionTester {
  async fingerprint(type: NodeType, host: string): Promise<string> {
    try {
      return await fetchCertificateFingerprint(host, 10_000, type);
    } catch (error) {
      if (isProxmoxError(error)) throw new ValidationError(error.message, 'host');
      throw error;
    }
  }

  async test(target: ConnectionTarget): Promise<ConnectionTestResult> {
    const endpoint = endpointFor(target.host, target, 10_000);
    const client =
      target.type === 'pve'
        ? new PveClient(endpoint, target.credentials)
        : target.type === 'pbs'
          ? new PbsClient(endpoint, target.credentials)
          : null;
    try {
      if (client instanceof PveClient) {
        const [version, cluster] = await Promise.all([client.version(), client.clusterStatus()]);
        const names = cluster.nodes.map((n) => n.name);
        return success(
          `Proxmox VE ${version.version}`,
          version.version,
          cluster.cluster?.name ?? null,
          names,
        );
      }
      if (client instanceof PbsClient) {
        const [version, stores] = await Promise.all([client.version(), client.datastoreUsage()]);
        return success(
          `Proxmox Backup Server ${version.version}, ${stores.length} datastores`,
          version.version,
          null,
          [],
        );
      }
      const pmg = new PmgClient(endpoint, target.credentials);
      try {
        const version = await pmg.version();
        await pmg.mailStatistics();
        return success(`Proxmox Mail Gateway ${version.version}`, version.version, null, []);
      } finally {
        await pmg.close();
      }
    } catch (error) {
      if (!isProxmoxError(error)) throw error;
      return { ok: false, message: error.message, kind: error.kind, privilege: error.privilege };
    } finally {
      await client?.close();
    }
  }
}

function success(
  what: string,
  version: string | null,
  clusterName: string | null,
  nodeNames: string[],
): ConnectionTestResult {
  const suffix = clusterName ? ` (cluster ${clusterName}: ${nodeNames.join(', ')})` : '';
  return { ok: true, message: `Connected to ${what}${suffix}`, version, clusterName, nodeNames };
}
