import type { ResourceUpdate } from '../../resources/diff.ts';
import type {
  DiskIoRate,
  NetworkRate,
  ResourceBase,
  ResourceStatus,
  ResourceType,
  Usage,
} from '../../resources/model.ts';
import { resourceStatuses, resourceTypes } from '../../resources/model.ts';
import type { ResourceFilter } from '../../resources/queries.ts';
import type { ResourceDelta } from '../../resources/resource.service.ts';
import { builder } from '../builder.ts';

const screaming = (value: string) => value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const enumValues = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [screaming(value), { value }])) as Record<
    string,
    { value: T }
  >;

export const ResourceTypeEnum = builder.enumType('ResourceType', {
  values: enumValues<ResourceType>(resourceTypes),
});

export const ResourceStatusEnum = builder.enumType('ResourceStatus', {
  values: enumValues<ResourceStatus>(resourceStatuses),
});

export const UsageRef = builder.objectRef<Usage>('Usage').implement({
  fields: (t) => ({
    usedBytes: t.exposeFloat('usedBytes'),
    totalBytes: t.exposeFloat('totalBytes'),
    fraction: t.float({
      description: 'used / total, 0..1 (0 when the total is unknown)',
      resolve: (u) => (u.totalBytes > 0 ? u.usedBytes / u.totalBytes : 0),
    }),
  }),
});

const NetworkRateRef = builder.objectRef<NetworkRate>('NetworkRate').implement({
  fields: (t) => ({
    inBytesPerSecond: t.exposeFloat('inBytesPerSecond'),
    outBytesPerSecond: t.exposeFloat('outBytesPerSecond'),
  }),
});

const DiskIoRateRef = builder.objectRef<DiskIoRate>('DiskIoRate').implement({
  fields: (t) => ({
    readBytesPerSecond: t.exposeFloat('readBytesPerSecond'),
    writeBytesPerSecond: t.exposeFloat('writeBytesPerSecond'),
  }),
});

/**
 * The interface's shape is the common part only: Pothos distributes a union shape through
 * its field types, and every ResourceOf<T> is assignable to this.
 */
type AnyResource = ResourceBase & { type: ResourceType; details: object };

/** Fields every resource has; each resource type is an object implementing it. */
export const ResourceRef = builder.interfaceRef<AnyResource>('Resource');
ResourceRef.implement({
  resolveType: (resource) => resourceTypeNames[resource.type],
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: ResourceTypeEnum, resolve: (r) => r.type }),
    name: t.exposeString('name'),
    status: t.field({ type: ResourceStatusEnum, resolve: (r) => r.status }),
    source: t.exposeString('source'),
    parentId: t.exposeID('parentId', { nullable: true }),
    parent: t.field({
      type: ResourceRef,
      nullable: true,
      resolve: (r, _args, { actor, services }) =>
        r.parentId ? services.resources.get(actor, r.parentId) : null,
    }),
    cpu: t.exposeFloat('cpu', { nullable: true, description: 'CPU use as a fraction, 0..1' }),
    memory: t.expose('memory', { type: UsageRef, nullable: true }),
    disk: t.expose('disk', { type: UsageRef, nullable: true }),
    network: t.expose('network', { type: NetworkRateRef, nullable: true }),
    diskIo: t.expose('diskIo', { type: DiskIoRateRef, nullable: true }),
    uptimeSeconds: t.exposeFloat('uptimeSeconds', { nullable: true }),
    tags: t.exposeStringList('tags'),
    lastSeenAt: t.field({ type: 'DateTime', resolve: (r) => r.lastSeenAt }),
  }),
});

/** GraphQL object type name per resource type; types/resource-kinds.ts defines each. */
export const resourceTypeNames: Record<ResourceType, string> = {
  node: 'Node',
  vm: 'VirtualMachine',
  container: 'Container',
  storage: 'Storage',
  pbs: 'PbsInstance',
  pbsDatastore: 'PbsDatastore',
  pmg: 'PmgInstance',
  dockerHost: 'DockerHost',
  dockerContainer: 'DockerContainer',
  k8sCluster: 'KubernetesCluster',
  k8sNode: 'KubernetesNode',
  k8sPod: 'KubernetesPod',
  k8sDeployment: 'KubernetesDeployment',
  host: 'Host',
  physicalDisk: 'PhysicalDisk',
  ceph: 'CephCluster',
};

const ResourceFilterInput = builder.inputType('ResourceFilter', {
  fields: (t) => ({
    types: t.field({ type: [ResourceTypeEnum], required: false }),
    statuses: t.field({ type: [ResourceStatusEnum], required: false }),
    source: t.string({ required: false }),
    parentId: t.id({ required: false }),
    tag: t.string({ required: false }),
    node: t.string({
      required: false,
      description: 'A PVE node name: the node and its guests, storage and disks',
    }),
    search: t.string({ required: false, description: 'Matches name, id and tags' }),
  }),
});

type FilterArg = { [K in keyof ResourceFilter]?: ResourceFilter[K] | undefined } | null | undefined;

function toFilter(arg: FilterArg): ResourceFilter {
  if (!arg) return {};
  return {
    types: arg.types ?? null,
    statuses: arg.statuses ?? null,
    source: arg.source ?? null,
    parentId: arg.parentId == null ? null : String(arg.parentId),
    tag: arg.tag ?? null,
    node: arg.node ?? null,
    search: arg.search ?? null,
  };
}

const ResourceUpdateRef = builder.objectRef<ResourceUpdate>('ResourceUpdate').implement({
  fields: (t) => ({
    resource: t.field({ type: ResourceRef, resolve: (u) => u.resource }),
    changedFields: t.exposeStringList('changedFields', {
      description: 'Dotted paths, e.g. "status", "memory.usedBytes"',
    }),
  }),
});

const ResourcesDeltaRef = builder.objectRef<ResourceDelta>('ResourcesDelta').implement({
  fields: (t) => ({
    version: t.exposeInt('version'),
    added: t.field({ type: [ResourceRef], resolve: (d) => d.added }),
    updated: t.field({ type: [ResourceUpdateRef], resolve: (d) => d.updated }),
    removed: t.exposeIDList('removed'),
  }),
});

builder.queryFields((t) => ({
  resources: t.field({
    type: [ResourceRef],
    args: { filter: t.arg({ type: ResourceFilterInput, required: false }) },
    resolve: (_root, { filter }, { actor, services }) =>
      services.resources.list(actor, toFilter(filter)),
  }),
  resource: t.field({
    type: ResourceRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { actor, services }) => services.resources.get(actor, String(id)),
  }),
  resourcesVersion: t.int({
    description: 'The state version; resourcesChanged deltas continue from it',
    resolve: (_root, _args, { actor, services }) => services.resources.version(actor),
  }),
}));

builder.subscriptionField('resourcesChanged', (t) =>
  t.field({
    type: ResourcesDeltaRef,
    description: 'One delta per state change: added, updated (with changed fields), removed',
    args: { filter: t.arg({ type: ResourceFilterInput, required: false }) },
    subscribe: (_root, { filter }, { actor, services }) =>
      services.resources.changes(actor, toFilter(filter)),
    resolve: (delta) => delta,
  }),
);
