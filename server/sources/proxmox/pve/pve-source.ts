import type { Logger } from '../../../log/logger.ts';
import type { ClusterInfo } from '../../../nodes/node.entity.ts';
import type { NodeWithCredentials } from '../../../nodes/node.service.ts';
import type { Source, SourceSnapshot } from '../../source.ts';
import { isProxmoxError, PveClient, type PveClusterStatus, type PveNode } from '../client/index.ts';
import { endpointFor } from '../endpoint.ts';
import { RateTracker } from '../rates.ts';
import { PveCollector } from './collect.ts';
import { latestBackups, mapPveRecords } from './map-records.ts';
import { mapPveResources } from './map-resources.ts';

export interface PveSourceOptions {
  intervalMs: number;
  /** Per request. */
  timeoutMs: number;
  log: Logger;
  /** Called with what discovery learnt, to be saved for fail-over after a restart. */
  onCluster: (info: ClusterInfo) => void;
  /** The clock rates are computed against; tests drive the simulator's clock. */
  now?: () => number;
}

interface Member {
  host: string;
  fingerprint: string | null;
}

/**
 * A PVE cluster (or single node) polled through one member at a time. Discovery records every
 * member with its certificate fingerprint; when the member in use stops answering, the next
 * one takes over.
 */
export class PveSource implements Source {
  readonly id: string;
  readonly name: string;
  readonly kind = 'pve' as const;
  readonly intervalMs: number;
  readonly #node: NodeWithCredentials;
  readonly #timeoutMs: number;
  readonly #collector: PveCollector;
  readonly #rates = new RateTracker();
  readonly #onCluster: (info: ClusterInfo) => void;
  #members: Member[];
  #clients = new Map<string, PveClient>();

  constructor(node: NodeWithCredentials, options: PveSourceOptions) {
    this.id = node.id;
    this.name = node.name;
    this.intervalMs = options.intervalMs;
    this.#node = node;
    this.#timeoutMs = options.timeoutMs;
    this.#collector = new PveCollector(options.log.child({ source: node.id }), node.monitor, {
      now: options.now ?? Date.now,
    });
    this.#onCluster = options.onCluster;
    const configured = { host: node.host, fingerprint: node.fingerprint };
    const known = (node.cluster?.endpoints ?? [])
      .filter((e) => e.host !== node.host)
      .map((e) => ({ host: e.host, fingerprint: e.fingerprint }));
    this.#members = [configured, ...known];
  }

  async poll(signal: AbortSignal): Promise<SourceSnapshot> {
    let lastError: unknown = null;
    for (const member of [...this.#members]) {
      const client = this.#client(member);
      try {
        const raw = await this.#collector.collect(client, signal);
        this.#prefer(member);
        await this.#discover(client, raw.cluster, signal);
        const backups = latestBackups(raw);
        return {
          resources: mapPveResources(this.id, raw, this.#rates, backups),
          records: mapPveRecords(this.id, raw),
        };
      } catch (error) {
        // Only a member that cannot be reached is worth skipping; bad credentials fail everywhere.
        if (!isProxmoxError(error) || (error.kind !== 'unreachable' && error.kind !== 'timeout'))
          throw error;
        lastError = error;
      }
    }
    throw lastError ?? new Error('no cluster member to poll');
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((c) => c.close()));
    this.#clients.clear();
  }

  #client(member: Member): PveClient {
    let client = this.#clients.get(member.host);
    if (!client) {
      client = new PveClient(
        endpointFor(
          member.host,
          { verifySsl: this.#node.verifySsl, fingerprint: member.fingerprint },
          this.#timeoutMs,
        ),
        this.#node.credentials,
      );
      this.#clients.set(member.host, client);
    }
    return client;
  }

  #prefer(member: Member): void {
    this.#members = [member, ...this.#members.filter((m) => m !== member)];
  }

  /** Learns the members (host, port, fingerprint) so polling can fail over to them. */
  async #discover(
    client: PveClient,
    cluster: PveClusterStatus,
    signal: AbortSignal,
  ): Promise<void> {
    if (cluster.nodes.length <= 1) return;
    let nodes: PveNode[] = [];
    try {
      nodes = await client.nodes({ signal });
    } catch {
      return;
    }
    const port = new URL(this.#node.host).port || '8006';
    const endpoints = cluster.nodes.map((member) => ({
      node: member.name,
      host: member.ip
        ? `https://${member.ip.includes(':') ? `[${member.ip}]` : member.ip}:${member.port ?? port}`
        : '',
      fingerprint: nodes.find((n) => n.node === member.name)?.sslFingerprint ?? null,
      online: member.online !== false,
    }));
    const usable = endpoints.filter((e) => e.host);
    // Pinning applies to members too: each is checked against its own published fingerprint.
    const pinned = this.#node.fingerprint !== null;
    for (const e of usable) {
      if (this.#members.some((m) => m.host === e.host)) continue;
      this.#members.push({ host: e.host, fingerprint: pinned ? e.fingerprint : null });
    }
    this.#onCluster({ name: cluster.cluster?.name ?? this.#node.name, endpoints: usable });
  }
}
