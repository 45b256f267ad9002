import { randomBytes, randomUUID } from 'node:crypto';
import { type Account, Authenticator } from './auth.ts';
import { type Dialect, perlDialect, rustDialect } from './dialects.ts';
import { createDispatcher } from './dispatch.ts';
import { type DemoFault, FaultBook } from './faults.ts';
import { type ApiResponse, Listener, type Product, type RequestHandler } from './http.ts';
import { createClock } from './model/clock.ts';
import { largePlan } from './model/large-plan.ts';
import { EstateModel } from './model/live.ts';
import { PBS_NODE } from './model/pbs-jobs.ts';
import { PbsModel } from './model/pbs-model.ts';
import { PMG_NODE, PmgModel } from './model/pmg-model.ts';
import { smallPlan } from './model/small-plan.ts';
import { type PbsEnv, pbsRoutes } from './pbs-api.ts';
import { type PmgEnv, pmgRoutes } from './pmg-api.ts';
import { pveRoutes } from './pve-api.ts';
import type { Peers, PveEnv } from './pve-env.ts';
import type { Route } from './router.ts';
import { type CertPair, makeCert } from './tls.ts';

export type { DemoFault } from './faults.ts';

export interface DemoEndpoint {
  product: 'pve' | 'pbs' | 'pmg';
  /** 'pve1' | 'pve2' | 'pve3' | 'pbs1' | 'pmg1' (large: pve1..pve20). */
  name: string;
  /** 'https://127.0.0.1:<port>' (no /api2/json suffix). */
  baseUrl: string;
  /** SHA-256 of the listener's current certificate, 'AB:CD:...' (32 pairs); follows cert-change. */
  fingerprint: string;
}

export interface DemoCredentials {
  pve: { tokenId: string; tokenSecret: string; username: string; password: string };
  pbs: { tokenId: string; tokenSecret: string; username: string; password: string };
  /** PMG has no API tokens. */
  pmg: { username: string; password: string };
}

export interface DemoEstateOptions {
  /** small: 3-node cluster; large: 20 nodes and 2,000 guests. */
  size?: 'small' | 'large';
  /** Deterministic estate (default 7655). */
  seed?: number;
  /** manual: time only moves with advance(); default 'real'. */
  clock?: 'real' | 'manual';
  /** Real products delay 401s ~3 s; default 0. */
  authFailureDelayMs?: number;
  /** pmxcfs keeps an offline node's guest stats 5 min; default 300_000. */
  staleAfterMs?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Simulated time at start (epoch ms); default now. With the manual clock and a fixed
   * value, every reading is reproducible. */
  startAt?: number;
}

export interface DemoEstate {
  pve: DemoEndpoint[];
  pbs: DemoEndpoint;
  pmg: DemoEndpoint;
  credentials: DemoCredentials;
  /** Returns a fault id. */
  setFault(fault: DemoFault): string;
  /** No id: clear all behaviour faults. Certificate changes stay. */
  clearFault(id?: string): void;
  /** Manual clock only. */
  advance(ms: number): void;
  /** How many HTTP requests a listener (by name) received. */
  requestCount(name: string): number;
  stop(): Promise<void>;
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Start the demo estate: HTTPS listeners on loopback that answer like PVE cluster members,
 * a PBS and a PMG, over one simulated estate that moves with the clock.
 */
export async function startDemoEstate(options: DemoEstateOptions = {}): Promise<DemoEstate> {
  const seed = options.seed ?? 7655;
  const host = options.host ?? '127.0.0.1';
  const startAt = options.startAt ?? Date.now();
  const clock = createClock(options.clock ?? 'real', startAt);
  const plan = options.size === 'large' ? largePlan(seed, startAt) : smallPlan(seed, startAt);
  const model = new EstateModel(plan, clock, options.staleAfterMs ?? 300_000);
  const pbs = new PbsModel(model);
  const pmg = new PmgModel(model);
  const faults = new FaultBook();
  const authFailureDelayMs = options.authFailureDelayMs ?? 0;
  const credentials: DemoCredentials = {
    pve: {
      tokenId: 'pulse-monitor@pve!pulse',
      tokenSecret: randomUUID(),
      username: 'pulse-monitor@pve',
      password: secret(),
    },
    pbs: {
      tokenId: 'pulse-monitor@pbs!pulse',
      tokenSecret: randomUUID(),
      username: 'pulse-monitor@pbs',
      password: secret(),
    },
    pmg: { username: 'pulse-monitor@pmg', password: secret() },
  };
  const key = randomBytes(32);
  const account = (c: {
    username: string;
    password: string;
    tokenId?: string;
    tokenSecret?: string;
  }): Account => ({
    userid: c.username,
    password: c.password,
    tokenId: c.tokenId ?? null,
    tokenSecret: c.tokenSecret ?? null,
  });

  const names = [...plan.nodes.map((n) => n.name), PBS_NODE, PMG_NODE];
  // Two certificates per host: the one it serves and a spare, so cert-change is synchronous.
  const certs = await Promise.all(
    names.flatMap((name) => [makeCert(name, host), makeCert(name, host)]),
  );
  const spares = new Map<string, CertPair | null>();
  const listeners = new Map<string, Listener>();
  const peers: Peers = {
    address: host,
    port: (name) => listeners.get(name)?.port ?? 0,
    fingerprint: (name) => listeners.get(name)?.fingerprint ?? '',
  };

  function serve<E>(
    product: Product,
    dialect: Dialect,
    routes: Route<E>[],
    env: E,
    extra: { proxy?: (p: string) => ApiResponse | null },
  ): RequestHandler {
    const creds = credentials[product];
    return createDispatcher({
      dialect,
      auth: new Authenticator(product, account(creds), key, dialect),
      routes,
      env,
      clock,
      faults,
      authFailureDelayMs,
      clusterName: product === 'pve' ? plan.clusterName : null,
      ...extra,
    });
  }

  const pveTable = pveRoutes();
  names.forEach((name, i) => {
    const cert = certs[i * 2];
    const spare = certs[i * 2 + 1];
    if (!cert || !spare) throw new Error('certificate generation failed');
    spares.set(name, spare);
    let product: Product;
    let handle: RequestHandler;
    if (name === PBS_NODE) {
      product = 'pbs';
      const env: PbsEnv = { model, pbs, fingerprint: () => peers.fingerprint(PBS_NODE) };
      handle = serve(product, rustDialect, pbsRoutes, env, {});
    } else if (name === PMG_NODE) {
      product = 'pmg';
      const env: PmgEnv = {
        model,
        pmg,
        address: host,
        fingerprint: () => peers.fingerprint(PMG_NODE),
      };
      handle = serve(product, perlDialect('pmg'), pmgRoutes, env, {});
    } else {
      product = 'pve';
      const env: PveEnv = { model, pbs, self: name, peers };
      handle = serve(product, perlDialect('pve'), pveTable, env, {
        proxy: (path) => proxyCheck(model, name, path),
      });
    }
    listeners.set(
      name,
      new Listener({
        product,
        name,
        host,
        cert,
        serverHeader: product === 'pbs' ? '' : 'pve-api-daemon/3.0',
        handle,
      }),
    );
  });
  try {
    await Promise.all([...listeners.values()].map((l) => l.listen()));
  } catch (error) {
    await Promise.allSettled([...listeners.values()].map((l) => l.close()));
    throw error;
  }

  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const tracked = p.catch((error: unknown) =>
      process.emitWarning(`demo estate: ${String(error)}`),
    );
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };
  const offlineHolds = new Map<string, number>();

  function listenerFor(fault: { product: Product; node?: string }): Listener {
    const name =
      fault.product === 'pbs'
        ? PBS_NODE
        : fault.product === 'pmg'
          ? PMG_NODE
          : (fault.node ?? plan.nodes[0]?.name ?? '');
    const listener = listeners.get(name);
    if (!listener || listener.product !== fault.product)
      throw new Error(`no ${fault.product} listener '${name}'`);
    return listener;
  }

  function changeCert(listener: Listener): void {
    const refill = () => makeCert(listener.name, host).then((c) => spares.set(listener.name, c));
    const spare = spares.get(listener.name);
    spares.set(listener.name, null);
    if (spare) {
      listener.setCert(spare);
      track(refill());
    } else {
      track(
        makeCert(listener.name, host)
          .then((c) => listener.setCert(c))
          .then(refill),
      );
    }
  }

  function setFault(fault: DemoFault): string {
    switch (fault.kind) {
      case 'node-offline': {
        const listener = listeners.get(fault.node);
        if (listener?.product !== 'pve') throw new Error(`no PVE node '${fault.node}'`);
        model.state.setOffline(fault.node, fault.mode ?? 'unreachable', clock.now());
        offlineHolds.set(fault.node, (offlineHolds.get(fault.node) ?? 0) + 1);
        track(listener.close());
        return faults.add(fault, () => {
          const holds = (offlineHolds.get(fault.node) ?? 1) - 1;
          offlineHolds.set(fault.node, holds);
          if (holds > 0) return;
          model.state.setOnline(fault.node, clock.now());
          track(listener.listen());
        });
      }
      case 'backup-failure': {
        if (!model.guestByVmid.has(fault.vmid)) throw new Error(`no guest ${fault.vmid}`);
        const spell = model.state.addBackupFailure(fault.vmid, clock.now());
        return faults.add(fault, () => model.state.endBackupFailure(spell, clock.now()));
      }
      case 'guest-cpu': {
        if (!model.guestByVmid.has(fault.vmid)) throw new Error(`no guest ${fault.vmid}`);
        const pin = model.state.pinCpu(fault.vmid, fault.cpu, clock.now());
        return faults.add(fault, () => model.state.unpinCpu(pin, clock.now()));
      }
      case 'storage-fill': {
        if (!plan.storages.some((s) => s.id === fault.storage))
          throw new Error(`no storage '${fault.storage}'`);
        const fill = model.state.addStorageFill(
          fault.storage,
          fault.node ?? null,
          fault.fractionPerDay,
          clock.now(),
        );
        return faults.add(fault, () => model.state.endStorageFill(fill, clock.now()));
      }
      case 'cert-change':
        changeCert(listenerFor(fault));
        return faults.add(fault, null);
      default:
        return faults.add(fault, null);
    }
  }

  const endpoint = (listener: Listener): DemoEndpoint => ({
    product: listener.product,
    name: listener.name,
    baseUrl: listener.baseUrl,
    get fingerprint() {
      return listener.fingerprint;
    },
  });
  const all = [...listeners.values()];
  const pbsListener = listeners.get(PBS_NODE);
  const pmgListener = listeners.get(PMG_NODE);
  if (!pbsListener || !pmgListener) throw new Error('demo estate listeners missing');

  return {
    pve: all.filter((l) => l.product === 'pve').map(endpoint),
    pbs: endpoint(pbsListener),
    pmg: endpoint(pmgListener),
    credentials,
    setFault,
    clearFault: (id) => faults.clear(id),
    advance: (ms) => clock.advance(ms),
    requestCount: (name) => listeners.get(name)?.requests ?? 0,
    async stop() {
      await Promise.allSettled([...pending]);
      await Promise.all(all.map((l) => l.close()));
    },
  };
}

/** A per-node path for another member: if that member is down, the proxy step fails (595). */
function proxyCheck(model: EstateModel, self: string, apiPath: string): ApiResponse | null {
  const match = /^\/nodes\/([^/]+)(?:\/|$)/.exec(apiPath);
  const target = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (target === null || target === 'localhost' || target === self) return null;
  const spell = model.state.currentOffline(target);
  if (!spell) return null;
  return {
    status: 595,
    reason: spell.mode === 'refused' ? 'Connection refused' : 'No route to host',
    body: null,
  };
}
