import {
  type ContainerPort,
  cpuTemperature,
  type HostFilesystem,
  type HostInterface,
  type HostTemperature,
  type ResourceOf,
  type Usage,
} from '../../resources/model.ts';
import { builder } from '../builder.ts';
import { ResourceRef, resourceTypeNames } from './resource.ts';

const UsageRef = builder.objectRef<Usage>('HostSwap').implement({
  fields: (t) => ({
    usedBytes: t.exposeFloat('usedBytes'),
    totalBytes: t.exposeFloat('totalBytes'),
  }),
});

const FilesystemRef = builder.objectRef<HostFilesystem>('HostFilesystem').implement({
  fields: (t) => ({
    device: t.exposeString('device'),
    mountpoint: t.exposeString('mountpoint'),
    fsType: t.exposeString('fsType', { nullable: true }),
    totalBytes: t.exposeFloat('totalBytes'),
    usedBytes: t.exposeFloat('usedBytes'),
  }),
});

const InterfaceRef = builder.objectRef<HostInterface>('HostInterface').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    mac: t.exposeString('mac', { nullable: true }),
    addresses: t.exposeStringList('addresses'),
    rxBytesPerSecond: t.exposeFloat('rxBytesPerSecond', { nullable: true }),
    txBytesPerSecond: t.exposeFloat('txBytesPerSecond', { nullable: true }),
    speedMbps: t.exposeFloat('speedMbps', { nullable: true }),
  }),
});

const TemperatureRef = builder.objectRef<HostTemperature>('HostTemperature').implement({
  fields: (t) => ({
    sensor: t.exposeString('sensor'),
    celsius: t.exposeFloat('celsius'),
  }),
});

const PortRef = builder.objectRef<ContainerPort>('ContainerPort').implement({
  fields: (t) => ({
    privatePort: t.exposeInt('privatePort'),
    publicPort: t.exposeInt('publicPort', { nullable: true }),
    protocol: t.exposeString('protocol'),
    ip: t.exposeString('ip', { nullable: true }),
  }),
});

builder.objectRef<ResourceOf<'host'>>(resourceTypeNames.host).implement({
  description: 'A machine reporting through pulse-agent',
  interfaces: [ResourceRef],
  fields: (t) => ({
    agentId: t.string({ resolve: (r) => r.details.agentId }),
    agentVersion: t.string({ nullable: true, resolve: (r) => r.details.agentVersion }),
    reportIntervalSeconds: t.int({ resolve: (r) => r.details.intervalSeconds }),
    hostname: t.string({ resolve: (r) => r.details.hostname }),
    platform: t.string({ nullable: true, resolve: (r) => r.details.platform }),
    osName: t.string({ nullable: true, resolve: (r) => r.details.osName }),
    osVersion: t.string({ nullable: true, resolve: (r) => r.details.osVersion }),
    kernelVersion: t.string({ nullable: true, resolve: (r) => r.details.kernelVersion }),
    architecture: t.string({ nullable: true, resolve: (r) => r.details.architecture }),
    cpuModel: t.string({ nullable: true, resolve: (r) => r.details.cpuModel }),
    cpuCount: t.int({ nullable: true, resolve: (r) => r.details.cpuCount }),
    loadAverage: t.floatList({ resolve: (r) => r.details.loadAverage }),
    swap: t.field({ type: UsageRef, nullable: true, resolve: (r) => r.details.swap }),
    filesystems: t.field({ type: [FilesystemRef], resolve: (r) => r.details.filesystems }),
    interfaces: t.field({ type: [InterfaceRef], resolve: (r) => r.details.interfaces }),
    temperatures: t.field({ type: [TemperatureRef], resolve: (r) => r.details.temperatures }),
    reportIp: t.string({ nullable: true, resolve: (r) => r.details.reportIp }),
    linkedNodeId: t.string({
      nullable: true,
      description: 'The PVE node this host is; the node takes its CPU temperature from here',
      resolve: (r) => r.details.linkedNodeId,
    }),
    cpuTemperature: t.float({
      nullable: true,
      description: 'The CPU package sensor, else the hottest one, in °C',
      resolve: (r) => cpuTemperature(r.details.temperatures),
    }),
  }),
});

builder.objectRef<ResourceOf<'dockerHost'>>(resourceTypeNames.dockerHost).implement({
  description: 'A Docker or Podman engine reporting through pulse-agent',
  interfaces: [ResourceRef],
  fields: (t) => ({
    agentId: t.string({ resolve: (r) => r.details.agentId }),
    agentVersion: t.string({ nullable: true, resolve: (r) => r.details.agentVersion }),
    reportIntervalSeconds: t.int({ resolve: (r) => r.details.intervalSeconds }),
    hostname: t.string({ resolve: (r) => r.details.hostname }),
    runtime: t.string({ resolve: (r) => r.details.runtime }),
    runtimeVersion: t.string({ nullable: true, resolve: (r) => r.details.runtimeVersion }),
    os: t.string({ nullable: true, resolve: (r) => r.details.os }),
    architecture: t.string({ nullable: true, resolve: (r) => r.details.architecture }),
    cpuCount: t.int({ nullable: true, resolve: (r) => r.details.cpuCount }),
    containerCount: t.int({ resolve: (r) => r.details.containerCount }),
    runningCount: t.int({ resolve: (r) => r.details.runningCount }),
  }),
});

builder.objectRef<ResourceOf<'dockerContainer'>>(resourceTypeNames.dockerContainer).implement({
  description: 'A Docker or Podman container',
  interfaces: [ResourceRef],
  fields: (t) => ({
    containerId: t.string({ resolve: (r) => r.details.containerId }),
    image: t.string({ resolve: (r) => r.details.image }),
    state: t.string({ resolve: (r) => r.details.state }),
    statusText: t.string({ nullable: true, resolve: (r) => r.details.statusText }),
    health: t.string({ nullable: true, resolve: (r) => r.details.health }),
    restartCount: t.int({ resolve: (r) => r.details.restartCount }),
    exitCode: t.int({ nullable: true, resolve: (r) => r.details.exitCode }),
    createdAt: t.float({
      nullable: true,
      description: 'Epoch milliseconds',
      resolve: (r) => r.details.createdAt,
    }),
    ports: t.field({ type: [PortRef], resolve: (r) => r.details.ports }),
    composeProject: t.string({ nullable: true, resolve: (r) => r.details.composeProject }),
  }),
});

builder.objectRef<ResourceOf<'k8sCluster'>>(resourceTypeNames.k8sCluster).implement({
  description: 'A Kubernetes cluster',
  interfaces: [ResourceRef],
  fields: (t) => ({
    agentId: t.string({ resolve: (r) => r.details.agentId }),
    agentVersion: t.string({ nullable: true, resolve: (r) => r.details.agentVersion }),
    reportIntervalSeconds: t.int({ resolve: (r) => r.details.intervalSeconds }),
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
    server: t.string({ nullable: true, resolve: (r) => r.details.server }),
    context: t.string({ nullable: true, resolve: (r) => r.details.context }),
    nodeCount: t.int({ resolve: (r) => r.details.nodeCount }),
    podCount: t.int({ resolve: (r) => r.details.podCount }),
    deploymentCount: t.int({ resolve: (r) => r.details.deploymentCount }),
    namespaceCount: t.int({ resolve: (r) => r.details.namespaceCount }),
  }),
});

builder.objectRef<ResourceOf<'k8sNode'>>(resourceTypeNames.k8sNode).implement({
  description: 'A Kubernetes node',
  interfaces: [ResourceRef],
  fields: (t) => ({
    cluster: t.string({ resolve: (r) => r.details.cluster }),
    ready: t.boolean({ resolve: (r) => r.details.ready }),
    unschedulable: t.boolean({ resolve: (r) => r.details.unschedulable }),
    roles: t.stringList({ resolve: (r) => r.details.roles }),
    kubeletVersion: t.string({ nullable: true, resolve: (r) => r.details.kubeletVersion }),
    containerRuntime: t.string({ nullable: true, resolve: (r) => r.details.containerRuntime }),
    osImage: t.string({ nullable: true, resolve: (r) => r.details.osImage }),
    kernelVersion: t.string({ nullable: true, resolve: (r) => r.details.kernelVersion }),
    architecture: t.string({ nullable: true, resolve: (r) => r.details.architecture }),
    allocatableCpuMillicores: t.float({
      nullable: true,
      resolve: (r) => r.details.allocatableCpuMillicores,
    }),
    allocatableMemoryBytes: t.float({
      nullable: true,
      resolve: (r) => r.details.allocatableMemoryBytes,
    }),
    podCapacity: t.int({ nullable: true, resolve: (r) => r.details.podCapacity }),
  }),
});

builder.objectRef<ResourceOf<'k8sPod'>>(resourceTypeNames.k8sPod).implement({
  description: 'A Kubernetes pod',
  interfaces: [ResourceRef],
  fields: (t) => ({
    cluster: t.string({ resolve: (r) => r.details.cluster }),
    namespace: t.string({ resolve: (r) => r.details.namespace }),
    nodeName: t.string({ nullable: true, resolve: (r) => r.details.nodeName }),
    phase: t.string({ resolve: (r) => r.details.phase }),
    reason: t.string({ nullable: true, resolve: (r) => r.details.reason }),
    message: t.string({ nullable: true, resolve: (r) => r.details.message }),
    restarts: t.int({ resolve: (r) => r.details.restarts }),
    readyContainers: t.int({ nullable: true, resolve: (r) => r.details.readyContainers }),
    totalContainers: t.int({ nullable: true, resolve: (r) => r.details.totalContainers }),
    ownerKind: t.string({ nullable: true, resolve: (r) => r.details.ownerKind }),
    ownerName: t.string({ nullable: true, resolve: (r) => r.details.ownerName }),
    createdAt: t.float({
      nullable: true,
      description: 'Epoch milliseconds',
      resolve: (r) => r.details.createdAt,
    }),
  }),
});

builder.objectRef<ResourceOf<'k8sDeployment'>>(resourceTypeNames.k8sDeployment).implement({
  description: 'A Kubernetes deployment',
  interfaces: [ResourceRef],
  fields: (t) => ({
    cluster: t.string({ resolve: (r) => r.details.cluster }),
    namespace: t.string({ resolve: (r) => r.details.namespace }),
    desiredReplicas: t.int({ resolve: (r) => r.details.desiredReplicas }),
    readyReplicas: t.int({ resolve: (r) => r.details.readyReplicas }),
    updatedReplicas: t.int({ nullable: true, resolve: (r) => r.details.updatedReplicas }),
    availableReplicas: t.int({ nullable: true, resolve: (r) => r.details.availableReplicas }),
  }),
});
