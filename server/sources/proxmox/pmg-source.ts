import type { Logger } from '../../log/logger.ts';
import type { NodeWithCredentials } from '../../nodes/node.service.ts';
import type { MailQueues, ResourceOf } from '../../resources/model.ts';
import type { Source, SourceSnapshot } from '../source.ts';
import { PmgClient, type PmgClusterNode, type PmgQueue } from './client/index.ts';
import { degradingReads, type OptionalRead } from './degrade.ts';
import { endpointFor } from './endpoint.ts';

const queues: PmgQueue[] = ['active', 'deferred', 'hold', 'incoming'];
const n = (value: number | null) => value ?? 0;

/** A Proxmox Mail Gateway: mail flow over the last 24 h, queues and quarantine. */
export class PmgSource implements Source {
  readonly id: string;
  readonly name: string;
  readonly kind = 'pmg' as const;
  readonly intervalMs: number;
  readonly #client: PmgClient;
  readonly #optional: OptionalRead;

  constructor(node: NodeWithCredentials, intervalMs: number, timeoutMs: number, log: Logger) {
    this.id = node.id;
    this.name = node.name;
    this.intervalMs = intervalMs;
    this.#optional = degradingReads(log.child({ source: node.id }));
    this.#client = new PmgClient(endpointFor(node.host, node, timeoutMs), node.credentials);
  }

  async poll(signal: AbortSignal): Promise<SourceSnapshot> {
    const call = { signal };
    const at = Date.now();
    const c = this.#client;
    const [version, members] = await Promise.all([c.version(call), c.clusterStatus(call)]);
    const node = members.find((m) => m.type === 'master') ?? members[0];
    const nodeName = node?.name ?? 'localhost';
    const [status, mail, spam, virus, queueCounts] = await Promise.all([
      node && hasStats(node)
        ? node
        : this.#optional('node status', () => c.nodeStatus(nodeName, call), null),
      this.#optional('mail statistics', () => c.mailStatistics({}, call), null),
      this.#optional('spam quarantine', () => c.quarantineStatus('spam', call), null),
      this.#optional('virus quarantine', () => c.quarantineStatus('virus', call), null),
      this.#optional(
        'mail queues',
        async (): Promise<MailQueues> => {
          const [active, deferred, hold, incoming] = await Promise.all(
            queues.map((q) => c.queueLength(nodeName, q, call)),
          );
          return {
            active: active ?? 0,
            deferred: deferred ?? 0,
            hold: hold ?? 0,
            incoming: incoming ?? 0,
          };
        },
        null,
      ),
    ]);
    const gateway: ResourceOf<'pmg'> = {
      id: `${this.id}/gateway`,
      type: 'pmg',
      parentId: null,
      name: this.name,
      status: 'online',
      source: this.id,
      cpu: status?.cpu ?? null,
      memory: status?.memory?.total
        ? { usedBytes: status.memory.used ?? 0, totalBytes: status.memory.total }
        : null,
      disk: status?.rootfs?.total
        ? { usedBytes: status.rootfs.used ?? 0, totalBytes: status.rootfs.total }
        : null,
      network: null,
      diskIo: null,
      uptimeSeconds: status?.uptime ?? null,
      tags: [],
      lastSeenAt: at,
      details: {
        version: version.version,
        mail: mail && {
          total: n(mail.count),
          incoming: n(mail.countIn),
          outgoing: n(mail.countOut),
          spamIncoming: n(mail.spamcountIn),
          spamOutgoing: n(mail.spamcountOut),
          virusIncoming: n(mail.viruscountIn),
          virusOutgoing: n(mail.viruscountOut),
          bouncesIncoming: n(mail.bouncesIn),
          bouncesOutgoing: n(mail.bouncesOut),
          bytesIncoming: n(mail.bytesIn),
          bytesOutgoing: n(mail.bytesOut),
        },
        queues: queueCounts,
        quarantine:
          spam || virus
            ? {
                spamCount: n(spam?.count ?? null),
                spamMegabytes: n(spam?.mbytes ?? null),
                virusCount: n(virus?.count ?? null),
                virusMegabytes: n(virus?.mbytes ?? null),
              }
            : null,
      },
    };
    return { resources: [gateway], records: null };
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}

function hasStats(node: PmgClusterNode): boolean {
  return node.connError === null && node.memory !== null;
}
