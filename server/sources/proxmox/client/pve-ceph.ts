import {
  bool,
  expectObject,
  int,
  isObject,
  type Json,
  nested,
  num,
  obj,
  str,
  strList,
} from './decode.ts';
import { isProxmoxError } from './errors.ts';

export interface PveCephCheck {
  /** `OSD_DOWN`, `MON_DISK_LOW`... */
  code: string;
  severity: string | null;
  message: string | null;
  count: number | null;
  muted: boolean | null;
}

export interface PveCephStatus {
  fsid: string | null;
  /** `HEALTH_OK`, `HEALTH_WARN`, `HEALTH_ERR`. */
  health: string | null;
  checks: PveCephCheck[];
  quorumNames: string[];
  monmap: { epoch: number | null; numMons: number | null } | null;
  osdmap: {
    numOsds: number | null;
    numUpOsds: number | null;
    numInOsds: number | null;
    numRemappedPgs: number | null;
  } | null;
  pgmap: {
    numPgs: number | null;
    pgsByState: { stateName: string; count: number | null }[];
    /** Bytes. */
    dataBytes: number | null;
    bytesUsed: number | null;
    bytesAvail: number | null;
    bytesTotal: number | null;
    readBytesSec: number | null;
    writeBytesSec: number | null;
    readOpPerSec: number | null;
    writeOpPerSec: number | null;
  } | null;
  mgrmap: { available: boolean | null; numStandbys: number | null } | null;
}

export function decodeCephStatus(data: unknown): PveCephStatus {
  const o = expectObject(data, 'ceph status');
  const health = obj(o.health);
  return {
    fsid: str(o.fsid),
    health: str(health?.status) ?? str(health?.overall_status),
    checks: cephChecks(health?.checks),
    quorumNames: strList(o.quorum_names),
    monmap: nested(o.monmap, (m) => ({
      epoch: int(m.epoch),
      numMons: int(m.num_mons) ?? (Array.isArray(m.mons) ? m.mons.length : null),
    })),
    // Older Ceph nests the counters one level deeper (osdmap.osdmap).
    osdmap: nested(o.osdmap, (outer) => {
      const m = obj(outer.osdmap) ?? outer;
      return {
        numOsds: int(m.num_osds),
        numUpOsds: int(m.num_up_osds),
        numInOsds: int(m.num_in_osds),
        numRemappedPgs: int(m.num_remapped_pgs),
      };
    }),
    pgmap: nested(o.pgmap, (p) => ({
      numPgs: int(p.num_pgs),
      pgsByState: (Array.isArray(p.pgs_by_state) ? p.pgs_by_state.filter(isObject) : []).flatMap(
        (s) => {
          const stateName = str(s.state_name);
          return stateName === null ? [] : [{ stateName, count: int(s.count) }];
        },
      ),
      dataBytes: num(p.data_bytes),
      bytesUsed: num(p.bytes_used),
      bytesAvail: num(p.bytes_avail),
      bytesTotal: num(p.bytes_total),
      readBytesSec: num(p.read_bytes_sec),
      writeBytesSec: num(p.write_bytes_sec),
      readOpPerSec: num(p.read_op_per_sec),
      writeOpPerSec: num(p.write_op_per_sec),
    })),
    mgrmap: nested(o.mgrmap, (m) => ({
      available: bool(m.available),
      numStandbys: int(m.num_standbys) ?? (Array.isArray(m.standbys) ? m.standbys.length : null),
    })),
  };
}

function cephChecks(value: unknown): PveCephCheck[] {
  const checks = obj(value);
  if (checks === null) return [];
  return Object.entries(checks).flatMap(([code, entry]) => {
    if (!isObject(entry)) return [];
    const summary: Json | null = obj(entry.summary);
    return [
      {
        code,
        severity: str(entry.severity),
        message: str(summary?.message),
        count: int(summary?.count),
        muted: bool(entry.muted),
      },
    ];
  });
}

/** `500 binary not installed: /usr/bin/ceph-mon` or `pveceph configuration not initialized`. */
export function isCephAbsent(error: unknown): boolean {
  if (!isProxmoxError(error, 'upstream') || error.status !== 500) return false;
  return /binary not installed|not initiali[sz]ed|ceph.*not installed/i.test(error.reason ?? '');
}
