import { expectList, type ProductVersion, productVersion } from './decode.ts';
import {
  type ApiRequest,
  type CallOptions,
  type ProductSpec,
  type ProxmoxCredentials,
  type ProxmoxEndpoint,
  ProxmoxHttp,
  seg,
} from './http.ts';
import {
  decodeBackups,
  decodeClusterStatus,
  decodeMailCount,
  decodeMailStatistics,
  decodeNodeStatus,
  decodeQshape,
  decodeQuarantineStatus,
  decodeSpamScores,
  type PmgBackup,
  type PmgClusterNode,
  type PmgMailCountBucket,
  type PmgMailStatistics,
  type PmgNodeStatus,
  type PmgQshapeRow,
  type PmgQuarantineStatus,
  type PmgSpamScore,
} from './pmg-decode.ts';
import type { Envelope } from './responses.ts';

const PMG: ProductSpec = {
  product: 'pmg',
  cookieName: 'PMGAuthCookie',
  style: 'perl',
  // pmgproxy has no API tokens; the transport refuses token credentials up front.
  tokenHeader: null,
};

export type PmgQueue = 'active' | 'deferred' | 'hold' | 'incoming';

export interface PmgTimeRange {
  /** Epoch seconds; the server defaults to the last 24 hours. */
  starttime?: number;
  endtime?: number;
}

/** Proxmox Mail Gateway (user and password only): decoded, normalised statistics. */
export class PmgClient {
  #http: ProxmoxHttp;

  /** Throws a ProxmoxError of kind 'auth' when given an API token. */
  constructor(endpoint: ProxmoxEndpoint, credentials: ProxmoxCredentials) {
    this.#http = new ProxmoxHttp(PMG, endpoint, credentials);
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  #get<T>(req: ApiRequest, decode: (data: unknown) => T, call?: CallOptions): Promise<T> {
    return this.#http.call(req, (env: Envelope) => decode(env.data), call);
  }

  version(call?: CallOptions): Promise<ProductVersion> {
    return this.#get({ path: '/version' }, productVersion, call);
  }

  /** Without `list_single_node=1` a standalone PMG answers an empty list. */
  clusterStatus(call?: CallOptions): Promise<PmgClusterNode[]> {
    const req = { path: '/config/cluster/status', query: { list_single_node: 1 } };
    return this.#get(req, decodeClusterStatus, call);
  }

  nodeStatus(node: string, call?: CallOptions): Promise<PmgNodeStatus> {
    return this.#get({ path: `/nodes/${seg(node)}/status` }, decodeNodeStatus, call);
  }

  mailStatistics(range: PmgTimeRange = {}, call?: CallOptions): Promise<PmgMailStatistics> {
    const req = { path: '/statistics/mail', query: { ...range } };
    return this.#get(req, decodeMailStatistics, call);
  }

  /** `timespan` is the bucket width in seconds (3600 = hourly). */
  mailCount(
    timespan: number,
    range: PmgTimeRange = {},
    call?: CallOptions,
  ): Promise<PmgMailCountBucket[]> {
    const req = { path: '/statistics/mailcount', query: { timespan, ...range } };
    return this.#get(req, decodeMailCount, call);
  }

  spamScores(range: PmgTimeRange = {}, call?: CallOptions): Promise<PmgSpamScore[]> {
    const req = { path: '/statistics/spamscores', query: { ...range } };
    return this.#get(req, decodeSpamScores, call);
  }

  quarantineStatus(kind: 'spam' | 'virus', call?: CallOptions): Promise<PmgQuarantineStatus> {
    return this.#get({ path: `/quarantine/${kind}status` }, decodeQuarantineStatus, call);
  }

  /**
   * Messages (one row per recipient) in a postfix queue. The queue index has no counts, so
   * this asks for one row and reads the paging `total`, which Perl omits when zero.
   */
  queueLength(node: string, queue: PmgQueue, call?: CallOptions): Promise<number> {
    const req = {
      path: `/nodes/${seg(node)}/postfix/queue/${seg(queue)}`,
      query: { start: 0, limit: 1 },
    };
    return this.#http.call(
      req,
      (env) => {
        const rows = expectList(env.data, 'queue');
        return env.total ?? rows.length;
      },
      call,
    );
  }

  /** Age distribution; the `TOTAL` row holds the queue length. */
  qshape(node: string, queue: PmgQueue = 'deferred', call?: CallOptions): Promise<PmgQshapeRow[]> {
    const req = { path: `/nodes/${seg(node)}/postfix/qshape`, query: { queue } };
    return this.#get(req, decodeQshape, call);
  }

  backups(node: string, call?: CallOptions): Promise<PmgBackup[]> {
    return this.#get({ path: `/nodes/${seg(node)}/backup` }, decodeBackups, call);
  }
}
