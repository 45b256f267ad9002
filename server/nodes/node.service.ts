import { randomUUID } from 'node:crypto';
import { type Actor, authorize } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { type ClusterInfo, type MonitorOptions, NodeConnection } from './node.entity.ts';
import {
  type Credentials,
  credentialsFrom,
  defaultMonitor,
  type NodeInput,
  type NodePatch,
  type NodeType,
  normalizeFingerprint,
  normalizeHost,
  validateInterval,
  validateName,
  validateType,
} from './node-input.ts';

/** A node as the APIs show it: everything but the secret. */
export interface NodeView {
  id: string;
  type: NodeType;
  name: string;
  host: string;
  authKind: 'token' | 'password';
  username: string | null;
  tokenId: string | null;
  verifySsl: boolean;
  fingerprint: string | null;
  monitor: MonitorOptions;
  pollIntervalSeconds: number | null;
  enabled: boolean;
  cluster: ClusterInfo | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A node with its credentials opened, for the pollers only. */
export interface NodeWithCredentials extends NodeView {
  credentials: Credentials;
}

export interface ConnectionTarget {
  type: NodeType;
  host: string;
  credentials: Credentials;
  verifySsl: boolean;
  fingerprint: string | null;
}

export type ConnectionTestResult =
  | {
      ok: true;
      message: string;
      version: string | null;
      clusterName: string | null;
      nodeNames: string[];
    }
  | { ok: false; message: string; kind: string; privilege: string | null };

/** Tries a connection with the real client; implemented next to the pollers. */
export interface ConnectionTester {
  test(target: ConnectionTarget): Promise<ConnectionTestResult>;
  /** The SHA-256 fingerprint of the certificate the host presents (`AA:BB:…`). */
  fingerprint(type: NodeType, host: string): Promise<string>;
}

export class NodeService {
  readonly #orm: Orm;
  readonly #box: SecretBox;
  readonly #bus: EventBus;
  readonly #tester: ConnectionTester;
  readonly #audit: AuditLog;

  constructor(orm: Orm, box: SecretBox, bus: EventBus, tester: ConnectionTester, audit: AuditLog) {
    this.#orm = orm;
    this.#box = box;
    this.#bus = bus;
    this.#tester = tester;
    this.#audit = audit;
  }

  async list(actor: Actor): Promise<NodeView[]> {
    authorize(actor, 'read', 'Node');
    const rows = await this.#orm.em.fork().find(NodeConnection, {}, { orderBy: { name: 'asc' } });
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<NodeView> {
    authorize(actor, 'read', 'Node');
    return toView(await this.#find(id));
  }

  async add(actor: Actor, input: NodeInput): Promise<NodeView> {
    authorize(actor, 'manage', 'Node');
    const type = validateType(input.type);
    const name = validateName(input.name);
    const credentials = credentialsFrom({ ...input, type });
    const now = new Date();
    const em = this.#orm.em.fork();
    await this.#assertNameFree(name, null);
    const row = em.create(NodeConnection, {
      id: randomUUID(),
      type,
      name,
      host: normalizeHost(input.host, type),
      ...this.#sealed(credentials),
      verifySsl: input.verifySsl ?? true,
      fingerprint: normalizeFingerprint(input.fingerprint),
      monitor: { ...defaultMonitor, ...input.monitor },
      pollIntervalSeconds: validateInterval(input.pollIntervalSeconds),
      cluster: null,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    await this.#audit.record({ event: 'node_added', user: actor.name, details: auditFacts(row) });
    this.#bus.publish('nodes.changed', { action: 'added', id: row.id });
    return toView(row);
  }

  /** Changes what the patch names; a secret left out keeps the stored one. */
  async update(actor: Actor, id: string, patch: NodePatch): Promise<NodeView> {
    authorize(actor, 'manage', 'Node');
    const em = this.#orm.em.fork();
    const row = await em.findOne(NodeConnection, { id });
    if (!row) throw new NotFoundError(`no node with id ${id}`);
    if (patch.type !== undefined && patch.type !== row.type) {
      throw new ValidationError(
        'the type of a node cannot change: remove it and add it again',
        'type',
      );
    }
    const type = row.type as NodeType;
    if (patch.name !== undefined) {
      row.name = validateName(patch.name);
      await this.#assertNameFree(row.name, id);
    }
    if (patch.host !== undefined) row.host = normalizeHost(patch.host, type);
    if (changesCredentials(patch)) {
      const current = this.#open(row);
      Object.assign(row, this.#sealed(credentialsFrom(mergeCredentials(type, current, patch))));
    }
    if (patch.verifySsl !== undefined) row.verifySsl = patch.verifySsl;
    if (patch.fingerprint !== undefined) row.fingerprint = normalizeFingerprint(patch.fingerprint);
    if (patch.monitor !== undefined) row.monitor = { ...row.monitor, ...patch.monitor };
    if (patch.pollIntervalSeconds !== undefined) {
      row.pollIntervalSeconds = validateInterval(patch.pollIntervalSeconds);
    }
    if (patch.enabled !== undefined) row.enabled = patch.enabled;
    row.updatedAt = new Date();
    await em.flush();
    await this.#audit.record({
      event: 'node_updated',
      user: actor.name,
      details: { ...auditFacts(row), changed: changedFields(patch) },
    });
    this.#bus.publish('nodes.changed', { action: 'updated', id });
    return toView(row);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'manage', 'Node');
    const em = this.#orm.em.fork();
    const row = await em.findOne(NodeConnection, { id });
    if (!row) throw new NotFoundError(`no node with id ${id}`);
    em.remove(row);
    await em.flush();
    await this.#audit.record({ event: 'node_removed', user: actor.name, details: auditFacts(row) });
    this.#bus.publish('nodes.changed', { action: 'removed', id });
  }

  /** Tests a connection before saving; with an id, unsent secrets come from the stored node. */
  async test(
    actor: Actor,
    input: NodePatch & { id?: string | null },
  ): Promise<ConnectionTestResult> {
    authorize(actor, 'manage', 'Node');
    const stored = input.id ? await this.#find(input.id) : null;
    const type = validateType(input.type ?? stored?.type);
    const credentials = stored
      ? credentialsFrom(mergeCredentials(type, this.#open(stored), input))
      : credentialsFrom({ ...(input as NodeInput), type });
    const host = input.host ?? stored?.host;
    if (!host) throw new ValidationError('host is required', 'host');
    return this.#tester.test({
      type,
      host: normalizeHost(host, type),
      credentials,
      verifySsl: input.verifySsl ?? stored?.verifySsl ?? true,
      fingerprint:
        input.fingerprint !== undefined
          ? normalizeFingerprint(input.fingerprint)
          : (stored?.fingerprint ?? null),
    });
  }

  /**
   * The certificate fingerprint a host presents, for pinning on first use. The user still
   * compares it with the one Proxmox shows before trusting it.
   */
  async certificateFingerprint(actor: Actor, type: string, host: string): Promise<string> {
    authorize(actor, 'manage', 'Node');
    const nodeType = validateType(type);
    return this.#tester.fingerprint(nodeType, normalizeHost(host, nodeType));
  }

  /** Every enabled node with its credentials; for the source manager, not for any API. */
  async enabledWithCredentials(actor: Actor): Promise<NodeWithCredentials[]> {
    authorize(actor, 'manage', 'Node');
    const rows = await this.#orm.em.fork().find(NodeConnection, { enabled: true });
    return rows.map((row) => ({ ...toView(row), credentials: this.#open(row) }));
  }

  /** Records what discovery learnt about the node's cluster. */
  async recordCluster(actor: Actor, id: string, cluster: ClusterInfo): Promise<void> {
    authorize(actor, 'manage', 'Node');
    const em = this.#orm.em.fork();
    const row = await em.findOne(NodeConnection, { id });
    if (!row) return;
    row.cluster = cluster;
    await em.flush();
  }

  async #find(id: string): Promise<NodeConnection> {
    const row = await this.#orm.em.fork().findOne(NodeConnection, { id });
    if (!row) throw new NotFoundError(`no node with id ${id}`);
    return row;
  }

  async #assertNameFree(name: string, exceptId: string | null): Promise<void> {
    const clash = await this.#orm.em.fork().findOne(NodeConnection, { name });
    if (clash && clash.id !== exceptId) {
      throw new ValidationError(`a node named "${name}" already exists`, 'name');
    }
  }

  #sealed(credentials: Credentials) {
    const token = credentials.kind === 'token';
    return {
      authKind: credentials.kind,
      username: token ? null : credentials.username,
      tokenId: token ? credentials.tokenId : null,
      sealedSecret: this.#box.seal(token ? credentials.secret : credentials.password),
    };
  }

  #open(row: NodeConnection): Credentials {
    const secret = this.#box.open(row.sealedSecret);
    return row.authKind === 'token'
      ? { kind: 'token', tokenId: row.tokenId ?? '', secret }
      : { kind: 'password', username: row.username ?? '', password: secret };
  }
}

/** What the audit log keeps about a node: who it is, never how Pulse logs in to it. */
function auditFacts(row: NodeConnection) {
  return { id: row.id, name: row.name, type: row.type, host: row.host };
}

const credentialFields = new Set(['username', 'password', 'tokenId', 'tokenValue']);

/** The patch's field names, with every credential field reported as just "credentials". */
function changedFields(patch: NodePatch): string[] {
  const names = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => (credentialFields.has(key) ? 'credentials' : key));
  return [...new Set(names)].sort();
}

function changesCredentials(patch: NodePatch): boolean {
  return [patch.username, patch.password, patch.tokenId, patch.tokenValue].some(
    (v) => v !== undefined,
  );
}

/** The stored credentials with the patch's changes laid over them. */
function mergeCredentials(type: NodeType, current: Credentials, patch: NodePatch): NodeInput {
  const switchesToToken = patch.tokenId != null && current.kind === 'password';
  const switchesToPassword = patch.username != null && current.kind === 'token';
  const base: NodeInput = { type, name: '', host: '' };
  if (current.kind === 'token' && !switchesToPassword) {
    return {
      ...base,
      tokenId: patch.tokenId ?? current.tokenId,
      tokenValue: patch.tokenValue ?? current.secret,
    };
  }
  if (switchesToToken)
    return { ...base, tokenId: patch.tokenId, tokenValue: patch.tokenValue ?? null };
  const username = patch.username ?? (current.kind === 'password' ? current.username : null);
  const password = patch.password ?? (current.kind === 'password' ? current.password : null);
  return { ...base, username, password };
}

function toView(row: NodeConnection): NodeView {
  return {
    id: row.id,
    type: row.type as NodeType,
    name: row.name,
    host: row.host,
    authKind: row.authKind === 'token' ? 'token' : 'password',
    username: row.username ?? null,
    tokenId: row.tokenId ?? null,
    verifySsl: row.verifySsl,
    fingerprint: row.fingerprint ?? null,
    monitor: { ...row.monitor },
    pollIntervalSeconds: row.pollIntervalSeconds ?? null,
    enabled: row.enabled,
    cluster: row.cluster ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
