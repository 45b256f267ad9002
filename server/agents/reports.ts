import { z } from 'zod';

/**
 * The three reports pulse-agent sends, in Pulse's wire shapes (`pkg/agents/*`): the subset this
 * server reads. One module for both ends, so the agent and the server cannot disagree. Unknown
 * fields are ignored (newer agents may send more); the known ones are checked, with limits, so
 * a bad report fails whole with the path of the field at fault and nothing of it lands.
 */

const text = (max = 256) => z.string().max(max);
const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();
const percent = z.number().min(0).max(100_000);
/** Epoch milliseconds or an ISO date, as Pulse's agents send either. */
const timestamp = z.union([z.number().nonnegative(), z.string().max(64)]);
const labels = z.record(text(256), text(1024));
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

export const agentInfoSchema = z.object({
  /** Stable per machine (`--agent-id`, else the machine id). */
  id: text(128).min(1),
  version: text(64),
  type: text(32).optional(),
  intervalSeconds: z.number().positive().max(86_400).optional(),
  hostname: text(255).optional(),
});

export const hostMemorySchema = z.object({
  totalBytes: bytes,
  usedBytes: bytes,
  freeBytes: bytes.optional(),
  cacheBytes: bytes.optional(),
  swapTotalBytes: bytes.optional(),
  swapUsedBytes: bytes.optional(),
});

export const hostDiskSchema = z.object({
  device: text(256),
  mountpoint: text(1024),
  filesystem: text(64).optional(),
  type: text(64).optional(),
  totalBytes: bytes,
  usedBytes: bytes,
  freeBytes: bytes.optional(),
});

/** Cumulative counters since boot; the server turns two reports into rates. */
export const hostDiskIoSchema = z.object({
  device: text(256),
  readBytes: bytes,
  writeBytes: bytes,
  readOps: count.optional(),
  writeOps: count.optional(),
});

/** Cumulative byte counters since boot; rates come from two reports. */
export const hostNetworkSchema = z.object({
  name: text(64),
  mac: text(64).optional(),
  addresses: list(text(128), 64).optional(),
  rxBytes: bytes,
  txBytes: bytes,
  speedMbps: z.number().nonnegative().optional(),
});

export const hostReportSchema = z.object({
  agent: agentInfoSchema,
  host: z.object({
    id: text(128).optional(),
    hostname: text(255).min(1),
    displayName: text(255).optional(),
    machineId: text(128).optional(),
    platform: text(64).optional(),
    osName: text(128).optional(),
    osVersion: text(128).optional(),
    kernelVersion: text(128).optional(),
    architecture: text(64).optional(),
    cpuModel: text(256).optional(),
    cpuCount: count.max(65_536).optional(),
    uptimeSeconds: z.number().nonnegative(),
    loadAverage: list(z.number().nonnegative(), 3).optional(),
    reportIp: text(128).optional(),
  }),
  metrics: z.object({
    cpuUsagePercent: percent,
    memory: hostMemorySchema,
  }),
  disks: list(hostDiskSchema, 256).default([]),
  diskIO: list(hostDiskIoSchema, 256).default([]),
  network: list(hostNetworkSchema, 256).default([]),
  sensors: z
    .object({
      /** Sensor name (`coretemp cpu`, `nvme0 composite`) → degrees Celsius. */
      temperatureCelsius: z.record(text(128), z.number().min(-100).max(300)).optional(),
    })
    .optional(),
  tags: list(text(64), 32).optional(),
  timestamp: timestamp.optional(),
});

export const dockerContainerSchema = z.object({
  id: text(128).min(1),
  name: text(256),
  image: text(512),
  createdAt: timestamp.optional(),
  /** created, running, paused, restarting, removing, exited, dead. */
  state: text(32),
  status: text(256).optional(),
  /** healthy, unhealthy, starting, or absent without a healthcheck. */
  health: text(32).optional(),
  cpuPercent: percent.optional(),
  memoryUsageBytes: bytes.optional(),
  memoryLimitBytes: bytes.optional(),
  uptimeSeconds: z.number().nonnegative().optional(),
  restartCount: count.optional(),
  exitCode: z.number().int().optional(),
  ports: list(
    z.object({
      privatePort: count.max(65_535),
      publicPort: count.max(65_535).optional(),
      protocol: text(8).optional(),
      ip: text(64).optional(),
    }),
    128,
  ).optional(),
  labels: labels.optional(),
  networkRxBytes: bytes.optional(),
  networkTxBytes: bytes.optional(),
  blockIo: z.object({ readBytes: bytes, writeBytes: bytes }).optional(),
});

export const dockerReportSchema = z.object({
  agent: agentInfoSchema,
  host: z.object({
    hostname: text(255).min(1),
    name: text(255).optional(),
    machineId: text(128).optional(),
    os: text(128).optional(),
    runtime: text(32).optional(),
    runtimeVersion: text(64).optional(),
    dockerVersion: text(64).optional(),
    kernelVersion: text(128).optional(),
    architecture: text(64).optional(),
    totalCpu: count.optional(),
    totalMemoryBytes: bytes.optional(),
    uptimeSeconds: z.number().nonnegative().optional(),
  }),
  containers: list(dockerContainerSchema, 2_000),
  timestamp: timestamp.optional(),
});

const k8sQuantity = z.object({
  /** Millicores. */
  cpu: z.number().nonnegative().optional(),
  memory: bytes.optional(),
  pods: count.optional(),
});

export const k8sNodeSchema = z.object({
  uid: text(128).min(1),
  name: text(256),
  ready: z.boolean(),
  unschedulable: z.boolean().optional(),
  kubeletVersion: text(64).optional(),
  containerRuntimeVersion: text(128).optional(),
  osImage: text(256).optional(),
  kernelVersion: text(128).optional(),
  architecture: text(64).optional(),
  capacity: k8sQuantity.optional(),
  allocatable: k8sQuantity.optional(),
  usage: k8sQuantity.optional(),
  roles: list(text(64), 16).optional(),
});

export const k8sPodSchema = z.object({
  uid: text(128).min(1),
  name: text(256),
  namespace: text(256),
  nodeName: text(256).optional(),
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: text(32),
  reason: text(256).optional(),
  message: text(2_048).optional(),
  createdAt: timestamp.optional(),
  restarts: count,
  /** Ready containers / all containers. */
  readyContainers: count.optional(),
  totalContainers: count.optional(),
  ownerKind: text(64).optional(),
  ownerName: text(256).optional(),
  labels: labels.optional(),
});

export const k8sDeploymentSchema = z.object({
  uid: text(128).min(1),
  name: text(256),
  namespace: text(256),
  desiredReplicas: count,
  updatedReplicas: count.optional(),
  readyReplicas: count,
  availableReplicas: count.optional(),
  labels: labels.optional(),
});

export const kubernetesReportSchema = z.object({
  agent: agentInfoSchema,
  cluster: z.object({
    id: text(128).min(1),
    name: text(256),
    server: text(1024).optional(),
    context: text(256).optional(),
    version: text(64).optional(),
  }),
  nodes: list(k8sNodeSchema, 5_000),
  pods: list(k8sPodSchema, 20_000),
  deployments: list(k8sDeploymentSchema, 5_000),
  namespaces: list(text(256), 5_000).default([]),
  timestamp: timestamp.optional(),
});

export type AgentInfo = z.infer<typeof agentInfoSchema>;
export type HostReport = z.infer<typeof hostReportSchema>;
export type HostReportInput = z.input<typeof hostReportSchema>;
export type DockerReport = z.infer<typeof dockerReportSchema>;
export type DockerContainerReport = z.infer<typeof dockerContainerSchema>;
export type KubernetesReport = z.infer<typeof kubernetesReportSchema>;

/** Largest report body accepted, before parsing: a 2,000-container host fits in well under it. */
export const maxReportBytes = 8 * 1024 * 1024;
