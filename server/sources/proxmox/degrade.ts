import type { Logger } from '../../log/logger.ts';
import { isProxmoxError } from './client/index.ts';

export type OptionalRead = <V>(what: string, load: () => Promise<V>, fallback: V) => Promise<V>;

/**
 * Reads whose failure degrades the picture instead of failing the poll (a datastore-only
 * token cannot read node status; Ceph may not be installed). Each distinct failure is logged
 * once, not on every poll.
 */
export function degradingReads(log: Logger): OptionalRead {
  const warned = new Set<string>();
  return async (what, load, fallback) => {
    try {
      return await load();
    } catch (error) {
      if (!isProxmoxError(error)) throw error;
      const key = `${what}:${error.kind}`;
      if (!warned.has(key)) {
        warned.add(key);
        log.warn({ what, kind: error.kind, privilege: error.privilege }, error.message);
      }
      return fallback;
    }
  };
}
