export type {
  BootInfo,
  DiskUsage,
  KernelInfo,
  LoadAverage,
  MemoryUsage,
  ProductVersion,
} from './decode.ts';
export {
  isProxmoxError,
  ProxmoxError,
  type ProxmoxErrorKind,
  type ProxmoxProduct,
} from './errors.ts';
export type { CallOptions, ProxmoxCredentials, ProxmoxEndpoint } from './http.ts';
export * from './pbs-client.ts';
export type {
  PbsDatastore,
  PbsDatastoreStatus,
  PbsDatastoreUsage,
  PbsGcJob,
  PbsGcStatus,
  PbsGroup,
  PbsNamespace,
  PbsSnapshot,
  PbsSnapshotFile,
} from './pbs-datastore.ts';
export type {
  PbsJobState,
  PbsNodeStatus,
  PbsPruneJob,
  PbsSyncJob,
  PbsTask,
  PbsTaskList,
  PbsVerifyJob,
} from './pbs-jobs.ts';
export * from './pmg-client.ts';
export type {
  PmgBackup,
  PmgClusterNode,
  PmgMailCountBucket,
  PmgMailCounts,
  PmgMailStatistics,
  PmgNodeStatus,
  PmgQshapeRow,
  PmgQuarantineStatus,
  PmgSpamScore,
} from './pmg-decode.ts';
export type {
  PveAgentDisk,
  PveAgentFilesystem,
  PveAgentInterface,
  PveAgentInterfaceStats,
  PveAgentIpAddress,
  PveAgentOsInfo,
} from './pve-agent.ts';
export type {
  PveCephCheck,
  PveCephStatus,
} from './pve-ceph.ts';
export * from './pve-client.ts';
export type {
  PveBackupJob,
  PveClusterInfo,
  PveClusterNode,
  PveClusterResource,
  PveClusterStatus,
  PveHaEntry,
  PveNode,
  PveReplicationJob,
} from './pve-cluster.ts';
export type {
  PveBalloonInfo,
  PveBlockStat,
  PveGuest,
  PveHaState,
  PveLxcInterface,
  PveLxcStatus,
  PveQemuStatus,
  PveSnapshot,
} from './pve-guest.ts';
export type {
  PveCpuInfo,
  PveDisk,
  PveNodeStatus,
  PveReplicationStatus,
  PveStorage,
  PveStorageItem,
  PveTask,
  PveTaskList,
  RrdRow,
} from './pve-node.ts';
export { fetchCertificateFingerprint, normaliseFingerprint, type TlsPolicy } from './tls.ts';
export {
  type PbsUpid,
  type PveUpid,
  parsePbsUpid,
  parsePveUpid,
  type TaskStatusClass,
} from './upid.ts';
