import type { EstateModel, EstateView } from './live.ts';
import type { StoragePlan } from './plan-types.ts';

export interface StorageLive {
  plan: StoragePlan;
  node: string;
  total: number;
  used: number;
  avail: number;
}

/** Usage of the PBS datastore behind `pbs-main`, provided by the PBS model. */
export type DatastoreUsage = (store: string, at: number) => { total: number; used: number };

export function storageEnabledOn(storage: StoragePlan, node: string): boolean {
  return storage.nodes === null || storage.nodes.includes(node);
}

const allocations = new WeakMap<EstateModel, Map<string, number>>();

/** Bytes a guest's disks take on their storage: thin provisioning only stores written data. */
function allocated(model: EstateModel, storage: string, node: string | null): number {
  let memo = allocations.get(model);
  if (!memo) {
    memo = new Map();
    allocations.set(model, memo);
  }
  const key = `${storage}:${node ?? '*'}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let sum = 0;
  for (const g of model.plan.guests) {
    if (g.diskStorage !== storage || (node !== null && g.node !== node)) continue;
    sum += g.diskBytes * (g.type === 'qemu' ? Math.min(1, g.diskFill * 1.15) : g.diskFill);
  }
  memo.set(key, sum);
  return sum;
}

/**
 * Status of one storage as seen from one node (`/nodes/{node}/storage`): shared storages give
 * the same numbers everywhere, local ones their own.
 */
export function storageStatus(
  model: EstateModel,
  view: EstateView,
  storage: StoragePlan,
  node: string,
  datastore: DatastoreUsage,
): StorageLive {
  const nodePlan = model.nodeByName.get(node);
  let total = storage.totalBytes;
  let used = storage.baseUsedBytes;
  switch (storage.type) {
    case 'dir':
      total = nodePlan?.rootBytes ?? total;
      used = view.nodes.get(node)?.stats?.rootUsed ?? nodePlan?.rootUsedBytes ?? 0;
      break;
    case 'lvmthin':
    case 'zfspool':
      used += allocated(model, storage.id, node);
      break;
    case 'rbd':
      used += allocated(model, storage.id, null);
      break;
    case 'nfs':
      for (const a of model.backups.archives(storage.id, view.at)) used += a.item.sizeBytes;
      break;
    case 'pbs': {
      const usage = datastore(String(storage.extra.datastore ?? 'main'), view.at);
      total = usage.total;
      used = usage.used;
      break;
    }
  }
  used += total * model.state.filledFraction(storage.id, node, view.at);
  used = Math.round(Math.min(used, total));
  total = Math.round(total);
  return { plan: storage, node, total, used, avail: total - used };
}
