import { defineEntity, p } from '@mikro-orm/core';

/** Which parts of an instance to collect; all on by default. */
export interface MonitorOptions {
  vms: boolean;
  containers: boolean;
  storage: boolean;
  backups: boolean;
  physicalDisks: boolean;
}

/** What discovery learnt about a PVE cluster, used for fail-over. */
export interface ClusterInfo {
  name: string;
  endpoints: { node: string; host: string; fingerprint: string | null; online: boolean }[];
}

/** A configured PVE, PBS or PMG connection. Credentials are sealed with the master key. */
export const NodeConnectionSchema = defineEntity({
  name: 'NodeConnection',
  tableName: 'node_connection',
  properties: {
    id: p.string().primary(),
    type: p.string(),
    name: p.string().unique(),
    host: p.string(),
    authKind: p.string(),
    username: p.string().nullable(),
    tokenId: p.string().nullable(),
    sealedSecret: p.text(),
    verifySsl: p.boolean(),
    fingerprint: p.string().nullable(),
    monitor: p.json<MonitorOptions>(),
    pollIntervalSeconds: p.integer().nullable(),
    cluster: p.json<ClusterInfo>().nullable(),
    enabled: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class NodeConnection extends NodeConnectionSchema.class {}
NodeConnectionSchema.setClass(NodeConnection);
