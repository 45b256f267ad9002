import { type ProductVersion, productVersion } from './decode.ts';
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
  decodeDatastoreStatus,
  decodeDatastores,
  decodeDatastoreUsage,
  decodeGcJob,
  decodeGroups,
  decodeNamespaces,
  decodeSnapshots,
  type PbsDatastore,
  type PbsDatastoreStatus,
  type PbsDatastoreUsage,
  type PbsGcJob,
  type PbsGroup,
  type PbsNamespace,
  type PbsSnapshot,
} from './pbs-datastore.ts';
import {
  decodeNodeStatus,
  decodePruneJobs,
  decodeSyncJobs,
  decodeTasks,
  decodeVerifyJobs,
  type PbsNodeStatus,
  type PbsPruneJob,
  type PbsSyncJob,
  type PbsTaskList,
  type PbsVerifyJob,
} from './pbs-jobs.ts';
import type { Envelope, PrivilegeHint } from './responses.ts';

const PBS: ProductSpec = {
  product: 'pbs',
  cookieName: 'PBSAuthCookie',
  style: 'rust',
  // The colon (not '=') before the secret is what PBS expects.
  tokenHeader: (tokenId, secret) => `PBSAPIToken=${tokenId}:${secret}`,
};

export interface PbsTaskQuery {
  start?: number;
  /** Upstream default 50; 0 means all. */
  limit?: number;
  store?: string;
  running?: boolean;
  errors?: boolean;
  /** Substring match on the worker type. */
  typefilter?: string;
  userfilter?: string;
  since?: number;
  until?: number;
}

// PBS answers 403 with a bare "permission check failed", so each call names its privilege.
const datastoreAudit = (store?: string, ns?: string): PrivilegeHint => ({
  privilege: 'Datastore.Audit',
  aclPath: ['/datastore', store, ns].filter((p) => p !== undefined && p !== '').join('/'),
});

/** Proxmox Backup Server: decoded, normalised reads of everything a monitor polls. */
export class PbsClient {
  #http: ProxmoxHttp;

  constructor(endpoint: ProxmoxEndpoint, credentials: ProxmoxCredentials) {
    this.#http = new ProxmoxHttp(PBS, endpoint, credentials);
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

  /** Datastore-only tokens often lack Sys.Audit here: a 'permission' error, not an outage. */
  nodeStatus(call?: CallOptions): Promise<PbsNodeStatus> {
    const hint = { privilege: 'Sys.Audit', aclPath: '/system/status' };
    return this.#get({ path: '/nodes/localhost/status', hint }, decodeNodeStatus, call);
  }

  datastoreUsage(call?: CallOptions): Promise<PbsDatastoreUsage[]> {
    const req = { path: '/status/datastore-usage', hint: datastoreAudit() };
    return this.#get(req, decodeDatastoreUsage, call);
  }

  datastores(call?: CallOptions): Promise<PbsDatastore[]> {
    return this.#get({ path: '/admin/datastore', hint: datastoreAudit() }, decodeDatastores, call);
  }

  datastoreStatus(store: string, call?: CallOptions): Promise<PbsDatastoreStatus> {
    const req = {
      path: `/admin/datastore/${seg(store)}/status`,
      query: { verbose: true },
      hint: datastoreAudit(store),
    };
    return this.#get(req, decodeDatastoreStatus, call);
  }

  gcStatus(store: string, call?: CallOptions): Promise<PbsGcJob> {
    const req = { path: `/admin/datastore/${seg(store)}/gc`, hint: datastoreAudit(store) };
    return this.#get(req, decodeGcJob, call);
  }

  namespaces(store: string, call?: CallOptions): Promise<PbsNamespace[]> {
    const req = { path: `/admin/datastore/${seg(store)}/namespace`, hint: datastoreAudit(store) };
    return this.#get(req, decodeNamespaces, call);
  }

  groups(store: string, ns?: string, call?: CallOptions): Promise<PbsGroup[]> {
    const req = {
      path: `/admin/datastore/${seg(store)}/groups`,
      query: { ns: ns || undefined },
      hint: datastoreAudit(store, ns),
    };
    return this.#get(req, decodeGroups, call);
  }

  /** Every snapshot of the namespace in one unpaged answer; can be large. */
  snapshots(store: string, ns?: string, call?: CallOptions): Promise<PbsSnapshot[]> {
    const req = {
      path: `/admin/datastore/${seg(store)}/snapshots`,
      query: { ns: ns || undefined },
      hint: datastoreAudit(store, ns),
    };
    return this.#get(req, decodeSnapshots, call);
  }

  syncJobs(call?: CallOptions): Promise<PbsSyncJob[]> {
    const hint = { privilege: 'Datastore.Audit,Remote.Audit', aclPath: '/remote' };
    return this.#get({ path: '/admin/sync', hint }, decodeSyncJobs, call);
  }

  verifyJobs(call?: CallOptions): Promise<PbsVerifyJob[]> {
    return this.#get({ path: '/admin/verify', hint: datastoreAudit() }, decodeVerifyJobs, call);
  }

  pruneJobs(call?: CallOptions): Promise<PbsPruneJob[]> {
    return this.#get({ path: '/admin/prune', hint: datastoreAudit() }, decodePruneJobs, call);
  }

  tasks(query: PbsTaskQuery = {}, call?: CallOptions): Promise<PbsTaskList> {
    const req = {
      path: '/nodes/localhost/tasks',
      query: { ...query },
      hint: { privilege: 'Sys.Audit', aclPath: '/system/tasks' },
    };
    return this.#http.call(req, decodeTasks, call);
  }
}
