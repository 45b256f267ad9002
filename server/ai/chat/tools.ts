import type { Actor } from '../../access/actor.ts';
import type { AlertService } from '../../alerts/alert.service.ts';
import { ForbiddenError, ServiceError, UnauthenticatedError } from '../../errors.ts';
import { readingsOf } from '../../metrics/metric-names.ts';
import type { MetricsService } from '../../metrics/metrics.service.ts';
import type { FindingsService } from '../../patrol/findings.service.ts';
import {
  isResourceType,
  nodeOf,
  type Resource,
  type ResourceStatus,
  resourceStatuses,
  usedPercent,
} from '../../resources/model.ts';
import type { RecordService } from '../../resources/record.service.ts';
import type { ResourceService } from '../../resources/resource.service.ts';
import type { ChatTool } from '../chat-model.ts';
import { type Json, num, str } from '../wire.ts';
import { type ToolOutput, toolData, toolFailure, toolRefusal } from './tool-output.ts';

/** The services the tools read through; each call carries the asking user's actor. */
export interface ToolServices {
  resources: ResourceService;
  records: RecordService;
  metrics: MetricsService;
  alerts: AlertService;
  findings: FindingsService;
}

interface ToolDefinition extends ChatTool {
  run(actor: Actor, input: Json, services: ToolServices): unknown;
}

const limitOf = (input: Json, fallback: number, max: number) =>
  Math.min(max, Math.max(1, Math.floor(num(input.limit)) || fallback));

/** The few fields a list needs. */
function compact(resource: Resource) {
  return {
    id: resource.id,
    type: resource.type,
    name: resource.name,
    status: resource.status,
    node: nodeOf(resource),
    tags: resource.tags,
    cpuPct: resource.cpu === null ? null : Math.round(resource.cpu * 1000) / 10,
    memoryPct: usedPercent(resource.memory),
    diskPct: usedPercent(resource.disk),
  };
}

const isResourceStatus = (value: string): value is ResourceStatus =>
  (resourceStatuses as readonly string[]).includes(value);

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

const definitions: ToolDefinition[] = [
  {
    name: 'search_resources',
    description:
      'Find monitored resources (nodes, VMs, containers, storage, PBS, ...) by text in the name, id or tags, and/or by type, status or tag. Returns a compact list.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Text to find in name, id or tags' },
        type: { type: 'string', description: 'node, vm, container, storage, pbs, ...' },
        status: { type: 'string', description: 'online, offline, running, stopped, ...' },
        tag: { type: 'string' },
        limit: { type: 'integer', description: 'At most 100; 30 by default' },
      },
    },
    run: (actor, input, { resources }) => {
      const type = str(input.type);
      const status = str(input.status);
      const found = resources.list(actor, {
        search: str(input.query) || null,
        types: isResourceType(type) ? [type] : null,
        statuses: isResourceStatus(status) ? [status] : null,
        tag: str(input.tag) || null,
      });
      const limit = limitOf(input, 30, 100);
      return { total: found.length, resources: found.slice(0, limit).map(compact) };
    },
  },
  {
    name: 'get_resource',
    description: "One resource's details by its id (as search_resources returns it).",
    inputSchema: {
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
    },
    run: (actor, input, { resources }) => {
      const resource = resources.get(actor, str(input.id));
      if (!resource) return { found: false, id: str(input.id) };
      return {
        ...compact(resource),
        parentId: resource.parentId,
        source: resource.source,
        memory: resource.memory,
        disk: resource.disk,
        uptimeSeconds: resource.uptimeSeconds,
        lastSeenAt: iso(resource.lastSeenAt),
        details: resource.details,
      };
    },
  },
  {
    name: 'metrics_summary',
    description:
      'Min, average, max and last value of a metric of one resource over a range, from the metrics history. cpu, memory and disk are fractions 0..1.',
    inputSchema: {
      type: 'object',
      properties: {
        resource_id: { type: 'string' },
        metric: {
          type: 'string',
          description:
            'cpu, memory, disk, memoryUsedBytes, diskUsedBytes, netInBytesPerSecond, ...',
        },
        range: { type: 'string', description: '1h, 24h, 7d, 30d; 24h by default' },
      },
      required: ['resource_id', 'metric'],
    },
    run: (actor, input, { metrics, resources }) => {
      const resourceId = str(input.resource_id);
      const metric = str(input.metric);
      const range = str(input.range) || '24h';
      const points = metrics.history(actor, resourceId, metric, range);
      if (points.length === 0) return { resourceId, metric, range, points: 0 };
      const avg = points.reduce((sum, p) => sum + p.avg, 0) / points.length;
      const round = (v: number) => Math.round(v * 10_000) / 10_000;
      const resource = resources.get(actor, resourceId);
      const current = resource && readingsOf(resource).find(([name]) => name === metric)?.[1];
      return {
        resourceId,
        metric,
        range,
        points: points.length,
        from: iso(points[0]?.t),
        to: iso(points.at(-1)?.t),
        min: round(Math.min(...points.map((p) => p.min))),
        avg: round(avg),
        max: round(Math.max(...points.map((p) => p.max))),
        // The live reading when there is one: the last bucket averages several polls.
        last: round(current ?? points.at(-1)?.avg ?? 0),
      };
    },
  },
  {
    name: 'active_alerts',
    description: 'Alerts firing now, with their resource, level, value and threshold.',
    inputSchema: {
      type: 'object',
      properties: { level: { type: 'string', description: 'warning or critical' } },
    },
    run: (actor, input, { alerts }) =>
      alerts
        .active(actor)
        .filter((a) => !str(input.level) || a.level === str(input.level))
        .map((a) => ({
          resourceId: a.resourceId,
          resourceName: a.resourceName,
          kind: a.kind,
          level: a.level,
          message: a.message,
          value: a.value,
          threshold: a.threshold,
          unit: a.unit,
          since: iso(a.startedAt),
          acknowledged: a.acknowledged !== null,
        })),
  },
  {
    name: 'backups',
    description:
      'Recent backups of one guest (by resource id), or the failed ones (verify failures and failed backup tasks) across the estate.',
    inputSchema: {
      type: 'object',
      properties: {
        guest_id: { type: 'string' },
        failed_only: { type: 'boolean' },
        limit: { type: 'integer', description: 'At most 50; 10 by default' },
      },
    },
    run: (actor, input, { records }) => {
      const limit = limitOf(input, 10, 50);
      const guestId = str(input.guest_id) || null;
      const failedOnly = input.failed_only === true;
      const backups = records
        .backups(actor, { guestId })
        .filter((b) => !failedOnly || b.verification === 'failed')
        .slice(0, limit)
        .map((b) => ({
          guestId: b.guestId,
          vmid: b.vmid,
          storage: b.storage,
          createdAt: iso(b.createdAt),
          sizeBytes: b.sizeBytes,
          verification: b.verification,
          notes: b.notes,
        }));
      const failedTasks = failedOnly
        ? records
            .tasks(actor, { failedOnly: true })
            .filter((t) => t.type === 'vzdump')
            .slice(0, limit)
            .map((t) => ({
              node: t.node,
              target: t.target,
              startedAt: iso(t.startedAt),
              status: t.status,
              message: t.message,
            }))
        : [];
      return { backups, failedBackupTasks: failedTasks };
    },
  },
  {
    name: 'storage',
    description: 'Storage and PBS datastores with their usage, fullest first.',
    inputSchema: {
      type: 'object',
      properties: { limit: { type: 'integer', description: 'At most 100; 40 by default' } },
    },
    run: (actor, input, { resources }) =>
      resources
        .list(actor, { types: ['storage', 'pbsDatastore'] })
        .map((r) => ({
          id: r.id,
          name: r.name,
          type: r.type,
          status: r.status,
          node: nodeOf(r),
          usedBytes: r.disk?.usedBytes ?? null,
          totalBytes: r.disk?.totalBytes ?? null,
          usedPct: usedPercent(r.disk),
        }))
        .sort((a, b) => (b.usedPct ?? -1) - (a.usedPct ?? -1))
        .slice(0, limitOf(input, 40, 100)),
  },
  {
    name: 'recent_failed_tasks',
    description: 'Recent Proxmox tasks that ended in an error or a warning, newest first.',
    inputSchema: {
      type: 'object',
      properties: { limit: { type: 'integer', description: 'At most 50; 15 by default' } },
    },
    run: (actor, input, { records }) =>
      records
        .tasks(actor, { failedOnly: true })
        .slice(0, limitOf(input, 15, 50))
        .map((t) => ({
          node: t.node,
          type: t.type,
          target: t.target,
          user: t.user,
          startedAt: iso(t.startedAt),
          status: t.status,
          message: t.message,
        })),
  },
  {
    name: 'findings',
    description:
      'Patrol findings (problems Pulse found: disks filling, stale backups, ...) with their evidence and recommendation, optionally for one resource or severity.',
    inputSchema: {
      type: 'object',
      properties: {
        resource_id: { type: 'string' },
        severity: { type: 'string', description: 'critical, warning, watch or info' },
        limit: { type: 'integer', description: 'At most 50; 20 by default' },
      },
    },
    run: async (actor, input, { findings }) => {
      const severity = str(input.severity);
      const found = await findings.list(actor, {
        resource: str(input.resource_id) || undefined,
        severity: severity ? [severity] : undefined,
      });
      return found.slice(0, limitOf(input, 20, 50)).map((f) => ({
        id: f.id,
        severity: f.severity,
        category: f.category,
        state: f.state,
        resourceId: f.resourceId,
        resourceName: f.resourceName,
        title: f.title,
        description: f.description,
        recommendation: f.recommendation,
        evidence: f.evidence,
        lastSeenAt: f.lastSeenAt,
      }));
    },
  },
];

/** The tools as the model sees them: read-only, no way to change anything. */
export const chatTools: readonly ChatTool[] = definitions.map(
  ({ name, description, inputSchema }) => ({ name, description, inputSchema }),
);

/** Runs one tool as the asking user: what they may not read comes back as a refusal. */
export async function runTool(
  actor: Actor,
  name: string,
  input: Json,
  services: ToolServices,
): Promise<ToolOutput> {
  const tool = definitions.find((d) => d.name === name);
  if (!tool)
    return toolFailure(name, `no tool named ${JSON.stringify(name)}; only read-only tools exist`);
  try {
    return toolData(name, await tool.run(actor, input, services));
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof UnauthenticatedError) {
      return toolRefusal(name, error.message);
    }
    if (error instanceof ServiceError) return toolFailure(name, error.message);
    throw error;
  }
}
