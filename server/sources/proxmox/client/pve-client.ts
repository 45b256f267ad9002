import { expectObject, type ProductVersion, productVersion, str } from './decode.ts';
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
  decodeAgentFsInfo,
  decodeAgentInterfaces,
  decodeAgentOsInfo,
  type PveAgentFilesystem,
  type PveAgentInterface,
  type PveAgentOsInfo,
} from './pve-agent.ts';
import { decodeCephStatus, isCephAbsent, type PveCephStatus } from './pve-ceph.ts';
import {
  decodeBackupJobs,
  decodeClusterResources,
  decodeClusterStatus,
  decodeHaStatus,
  decodeNodes,
  decodeReplicationJobs,
  type PveBackupJob,
  type PveClusterResource,
  type PveClusterStatus,
  type PveHaEntry,
  type PveNode,
  type PveReplicationJob,
} from './pve-cluster.ts';
import {
  decodeGuestConfig,
  decodeGuestList,
  decodeLxcInterfaces,
  decodeLxcStatus,
  decodeQemuStatus,
  decodeSnapshots,
  type PveGuest,
  type PveLxcInterface,
  type PveLxcStatus,
  type PveQemuStatus,
  type PveSnapshot,
} from './pve-guest.ts';
import {
  decodeDisks,
  decodeNodeStatus,
  decodeReplicationStatus,
  decodeRrd,
  decodeStorage,
  decodeStorageContent,
  decodeTasks,
  type PveDisk,
  type PveNodeStatus,
  type PveReplicationStatus,
  type PveStorage,
  type PveStorageItem,
  type PveTaskList,
  type RrdRow,
} from './pve-node.ts';
import type { Envelope, PrivilegeHint } from './responses.ts';

const PVE: ProductSpec = {
  product: 'pve',
  cookieName: 'PVEAuthCookie',
  style: 'perl',
  tokenHeader: (tokenId, secret) => `PVEAPIToken=${tokenId}=${secret}`,
};

export type PveGuestType = 'qemu' | 'lxc';
export type RrdTimeframe = 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade';

export interface PveVersion extends ProductVersion {
  console: string | null;
}

export interface PveTaskQuery {
  /** Exact task type, e.g. `vzdump`. */
  typefilter?: string;
  /** `archive` (default upstream) hides running tasks; `all` shows them. */
  source?: 'archive' | 'active' | 'all';
  start?: number;
  /** Upstream default 50; 0 means no limit. */
  limit?: number;
  /** Only failed tasks. */
  errors?: boolean;
  vmid?: number;
  userfilter?: string;
  since?: number;
  until?: number;
}

const sysAudit = (aclPath: string): PrivilegeHint => ({ privilege: 'Sys.Audit', aclPath });
const vmAudit = (vmid: number): PrivilegeHint => ({
  privilege: 'VM.Audit',
  aclPath: `/vms/${vmid}`,
});
const storageAudit = (storage: string): PrivilegeHint => ({
  privilege: 'Datastore.Audit',
  aclPath: `/storage/${storage}`,
});

/** Proxmox VE: decoded, normalised reads of everything a monitor polls. */
export class PveClient {
  #http: ProxmoxHttp;

  constructor(endpoint: ProxmoxEndpoint, credentials: ProxmoxCredentials) {
    this.#http = new ProxmoxHttp(PVE, endpoint, credentials);
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  #get<T>(req: ApiRequest, decode: (data: unknown) => T, call?: CallOptions): Promise<T> {
    return this.#http.call(req, (env: Envelope) => decode(env.data), call);
  }

  version(call?: CallOptions): Promise<PveVersion> {
    return this.#get({ path: '/version' }, decodeVersion, call);
  }

  nodeVersion(node: string, call?: CallOptions): Promise<PveVersion> {
    return this.#get({ path: `/nodes/${seg(node)}/version` }, decodeVersion, call);
  }

  clusterStatus(call?: CallOptions): Promise<PveClusterStatus> {
    return this.#get({ path: '/cluster/status', hint: sysAudit('/') }, decodeClusterStatus, call);
  }

  clusterResources(
    filter: { type?: 'vm' | 'storage' | 'node' | 'sdn' } = {},
    call?: CallOptions,
  ): Promise<PveClusterResource[]> {
    const req = { path: '/cluster/resources', query: { type: filter.type } };
    return this.#get(req, decodeClusterResources, call);
  }

  nodes(call?: CallOptions): Promise<PveNode[]> {
    return this.#get({ path: '/nodes' }, decodeNodes, call);
  }

  nodeStatus(node: string, call?: CallOptions): Promise<PveNodeStatus> {
    const path = `/nodes/${seg(node)}/status`;
    return this.#get({ path, hint: sysAudit(`/nodes/${node}`) }, decodeNodeStatus, call);
  }

  guests(node: string, type: PveGuestType, call?: CallOptions): Promise<PveGuest[]> {
    return this.#get({ path: `/nodes/${seg(node)}/${type}` }, decodeGuestList, call);
  }

  qemuStatus(node: string, vmid: number, call?: CallOptions): Promise<PveQemuStatus> {
    const path = `/nodes/${seg(node)}/qemu/${seg(vmid)}/status/current`;
    return this.#get({ path, hint: vmAudit(vmid) }, (d) => decodeQemuStatus(d, vmid), call);
  }

  lxcStatus(node: string, vmid: number, call?: CallOptions): Promise<PveLxcStatus> {
    const path = `/nodes/${seg(node)}/lxc/${seg(vmid)}/status/current`;
    return this.#get({ path, hint: vmAudit(vmid) }, (d) => decodeLxcStatus(d, vmid), call);
  }

  guestConfig(
    node: string,
    type: PveGuestType,
    vmid: number,
    call?: CallOptions,
  ): Promise<Record<string, string>> {
    const path = `/nodes/${seg(node)}/${type}/${seg(vmid)}/config`;
    return this.#get({ path, hint: vmAudit(vmid) }, decodeGuestConfig, call);
  }

  lxcInterfaces(node: string, vmid: number, call?: CallOptions): Promise<PveLxcInterface[]> {
    const path = `/nodes/${seg(node)}/lxc/${seg(vmid)}/interfaces`;
    return this.#get({ path, hint: vmAudit(vmid) }, decodeLxcInterfaces, call);
  }

  /** Guest-agent failures (not configured, not running, timeout) are 500s: kind 'upstream'. */
  agentFsInfo(node: string, vmid: number, call?: CallOptions): Promise<PveAgentFilesystem[]> {
    return this.#get(this.#agent(node, vmid, 'get-fsinfo'), decodeAgentFsInfo, call);
  }

  agentNetworkInterfaces(
    node: string,
    vmid: number,
    call?: CallOptions,
  ): Promise<PveAgentInterface[]> {
    const req = this.#agent(node, vmid, 'network-get-interfaces');
    return this.#get(req, decodeAgentInterfaces, call);
  }

  agentOsInfo(node: string, vmid: number, call?: CallOptions): Promise<PveAgentOsInfo> {
    return this.#get(this.#agent(node, vmid, 'get-osinfo'), decodeAgentOsInfo, call);
  }

  #agent(node: string, vmid: number, command: string): ApiRequest {
    return {
      path: `/nodes/${seg(node)}/qemu/${seg(vmid)}/agent/${command}`,
      hint: { privilege: 'VM.GuestAgent.Audit|VM.Monitor', aclPath: `/vms/${vmid}` },
    };
  }

  /** Real snapshots only: the `current` pseudo entry is dropped. */
  snapshots(
    node: string,
    type: PveGuestType,
    vmid: number,
    call?: CallOptions,
  ): Promise<PveSnapshot[]> {
    const path = `/nodes/${seg(node)}/${type}/${seg(vmid)}/snapshot`;
    return this.#get({ path, hint: vmAudit(vmid) }, decodeSnapshots, call);
  }

  storage(
    node: string,
    filter: { content?: string; enabled?: boolean } = {},
    call?: CallOptions,
  ): Promise<PveStorage[]> {
    const req = { path: `/nodes/${seg(node)}/storage`, query: filter };
    return this.#get(req, decodeStorage, call);
  }

  /** PBS-backed storage answers slowly (10-20 s+); pass a longer `timeoutMs`. */
  storageContent(
    node: string,
    storage: string,
    filter: { content?: string; vmid?: number } = {},
    call?: CallOptions,
  ): Promise<PveStorageItem[]> {
    const path = `/nodes/${seg(node)}/storage/${seg(storage)}/content`;
    const req = { path, query: filter, hint: storageAudit(storage) };
    return this.#get(req, decodeStorageContent, call);
  }

  backupJobs(call?: CallOptions): Promise<PveBackupJob[]> {
    return this.#get({ path: '/cluster/backup', hint: sysAudit('/') }, decodeBackupJobs, call);
  }

  tasks(node: string, query: PveTaskQuery = {}, call?: CallOptions): Promise<PveTaskList> {
    const req = {
      path: `/nodes/${seg(node)}/tasks`,
      query: { ...query },
      hint: sysAudit(`/nodes/${node}`),
    };
    return this.#http.call(req, decodeTasks, call);
  }

  disks(node: string, opts: { skipSmart?: boolean } = {}, call?: CallOptions): Promise<PveDisk[]> {
    const req = {
      path: `/nodes/${seg(node)}/disks/list`,
      query: { skipsmart: opts.skipSmart },
      hint: sysAudit(`/nodes/${node}`),
    };
    return this.#get(req, decodeDisks, call);
  }

  replicationJobs(call?: CallOptions): Promise<PveReplicationJob[]> {
    return this.#get({ path: '/cluster/replication' }, decodeReplicationJobs, call);
  }

  replicationStatus(node: string, call?: CallOptions): Promise<PveReplicationStatus[]> {
    return this.#get({ path: `/nodes/${seg(node)}/replication` }, decodeReplicationStatus, call);
  }

  haStatus(call?: CallOptions): Promise<PveHaEntry[]> {
    const req = { path: '/cluster/ha/status/current', hint: sysAudit('/') };
    return this.#get(req, decodeHaStatus, call);
  }

  /** Null when Ceph is not installed or not initialised on the cluster. */
  async cephStatus(call?: CallOptions): Promise<PveCephStatus | null> {
    const hint = { privilege: 'Sys.Audit|Datastore.Audit', aclPath: '/' };
    try {
      return await this.#get({ path: '/cluster/ceph/status', hint }, decodeCephStatus, call);
    } catch (error) {
      if (isCephAbsent(error)) return null;
      throw error;
    }
  }

  rrdData(
    node: string,
    timeframe: RrdTimeframe,
    cf: 'AVERAGE' | 'MAX' = 'AVERAGE',
    call?: CallOptions,
  ): Promise<RrdRow[]> {
    const req = {
      path: `/nodes/${seg(node)}/rrddata`,
      query: { timeframe, cf },
      hint: sysAudit(`/nodes/${node}`),
    };
    return this.#get(req, decodeRrd, call);
  }

  guestRrdData(
    node: string,
    type: PveGuestType,
    vmid: number,
    timeframe: RrdTimeframe,
    cf: 'AVERAGE' | 'MAX' = 'AVERAGE',
    call?: CallOptions,
  ): Promise<RrdRow[]> {
    const req = {
      path: `/nodes/${seg(node)}/${type}/${seg(vmid)}/rrddata`,
      query: { timeframe, cf },
      hint: vmAudit(vmid),
    };
    return this.#get(req, decodeRrd, call);
  }
}

function decodeVersion(data: unknown): PveVersion {
  return { ...productVersion(data), console: str(expectObject(data, 'version').console) };
}
