import type { EstateModel, EstateView, GuestLive, NodeLive } from './model/live.ts';
import type { PbsModel } from './model/pbs-model.ts';
import type { GuestPlan, GuestType, NodePlan } from './model/plan-types.ts';
import { ApiError, type Call } from './router.ts';

/** Where the other listeners are, for `/cluster/status` ports and `/nodes` fingerprints. */
export interface Peers {
  /** The loopback address every listener binds. */
  address: string;
  port(name: string): number;
  fingerprint(name: string): string;
}

/** What a PVE handler can see: the shared estate plus which member it is. */
export interface PveEnv {
  model: EstateModel;
  pbs: PbsModel;
  /** The node this listener simulates. */
  self: string;
  peers: Peers;
}

export const b01 = (value: boolean): 0 | 1 => (value ? 1 : 0);

export function view(env: PveEnv, call: Call): EstateView {
  return env.model.view(call.at);
}

/** `{node}` with `localhost` resolved; unknown names fail like a DNS lookup upstream. */
export function nodeParam(env: PveEnv, call: Call): NodePlan {
  const name = call.params.node === 'localhost' ? env.self : (call.params.node ?? '');
  const node = env.model.nodeByName.get(name);
  if (!node) {
    throw new ApiError(
      500,
      `hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known`,
    );
  }
  return node;
}

export function nodeLive(env: PveEnv, call: Call, node: NodePlan): NodeLive {
  const live = env.model.view(call.at).nodes.get(node.name);
  if (!live) throw new ApiError(500, `no such node '${node.name}'`);
  return live;
}

export function vmidParam(call: Call): number {
  const raw = call.params.vmid ?? '';
  if (!/^\d+$/.test(raw) || Number(raw) < 100 || Number(raw) > 999_999_999) {
    throw new ApiError(400, 'Parameter verification failed.', {
      vmid: 'invalid format - value does not look like a valid VM ID',
    });
  }
  return Number(raw);
}

/** The guest at /nodes/{node}/{type}/{vmid}; a guest on another node has no config here. */
export function guestParam(
  env: PveEnv,
  call: Call,
  type: GuestType,
): { plan: GuestPlan; live: GuestLive } {
  const node = nodeParam(env, call);
  const vmid = vmidParam(call);
  const plan = env.model.guestByVmid.get(vmid);
  if (!plan || plan.node !== node.name || plan.type !== type) {
    const dir = type === 'qemu' ? 'qemu-server' : 'lxc';
    throw new ApiError(
      500,
      `Configuration file 'nodes/${node.name}/${dir}/${vmid}.conf' does not exist`,
    );
  }
  const live = env.model.view(call.at).byVmid.get(vmid);
  if (!live) throw new ApiError(500, `VM ${vmid} not found`);
  return { plan, live };
}
