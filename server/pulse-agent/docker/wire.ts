/**
 * The parts of the Docker Engine API's replies this agent reads (API reference v1.47; Podman's
 * compatible service answers the same shapes). Everything is optional: older engines and
 * Podman leave fields out, and a missing field must not fail a report.
 */

/** GET /version. */
export interface EngineVersion {
  Platform?: { Name?: string };
  Components?: { Name?: string; Version?: string; Details?: Record<string, unknown> }[];
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
}

/** GET /info. */
export interface EngineInfo {
  ID?: string;
  /** The host name of the engine's machine. */
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
}

export interface EnginePort {
  IP?: string;
  PrivatePort?: number;
  PublicPort?: number;
  Type?: string;
}

/** One item of GET /containers/json. */
export interface ContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  /** Epoch seconds. */
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: EnginePort[] | null;
  Labels?: Record<string, string> | null;
}

/** GET /containers/{id}/json. */
export interface ContainerInspect {
  Id?: string;
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string; FailingStreak?: number } | null;
  };
}

export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  /** Host CPU time in nanoseconds, all CPUs together; absent in an empty `precpu_stats`. */
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface BlkioEntry {
  major?: number;
  minor?: number;
  /** `Read`/`Write` on cgroup v1, `read`/`write` on cgroup v2. */
  op?: string;
  value?: number;
}

/** GET /containers/{id}/stats?stream=false&one-shot=true. */
export interface ContainerStats {
  read?: string;
  cpu_stats?: CpuStats;
  /** The engine's previous sample; zero-valued for a one-shot read. */
  precpu_stats?: CpuStats;
  memory_stats?: {
    usage?: number;
    limit?: number;
    /** cgroup v1: `total_inactive_file`, `cache`; cgroup v2: `inactive_file`. */
    stats?: Record<string, number>;
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: BlkioEntry[] | null };
}
