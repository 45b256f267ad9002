import type { ResourceOf } from '../../resources/model.ts';
import { builder } from '../builder.ts';
import { ResourceRef, resourceTypeNames } from './resource.ts';

builder.objectRef<ResourceOf<'host'>>(resourceTypeNames.host).implement({
  description: 'A machine reporting through pulse-agent',
  interfaces: [ResourceRef],
  fields: (t) => ({
    hostname: t.string({ resolve: (r) => r.details.hostname }),
    platform: t.string({ nullable: true, resolve: (r) => r.details.platform }),
    osName: t.string({ nullable: true, resolve: (r) => r.details.osName }),
    kernelVersion: t.string({ nullable: true, resolve: (r) => r.details.kernelVersion }),
    agentVersion: t.string({ nullable: true, resolve: (r) => r.details.agentVersion }),
  }),
});

builder.objectRef<ResourceOf<'dockerHost'>>(resourceTypeNames.dockerHost).implement({
  description: 'A Docker or Podman engine reporting through pulse-agent',
  interfaces: [ResourceRef],
  fields: (t) => ({
    runtime: t.string({ resolve: (r) => r.details.runtime }),
    runtimeVersion: t.string({ nullable: true, resolve: (r) => r.details.runtimeVersion }),
    containerCount: t.int({ resolve: (r) => r.details.containerCount }),
  }),
});

builder.objectRef<ResourceOf<'dockerContainer'>>(resourceTypeNames.dockerContainer).implement({
  description: 'A Docker or Podman container',
  interfaces: [ResourceRef],
  fields: (t) => ({
    image: t.string({ resolve: (r) => r.details.image }),
    state: t.string({ resolve: (r) => r.details.state }),
    health: t.string({ nullable: true, resolve: (r) => r.details.health }),
    restartCount: t.int({ resolve: (r) => r.details.restartCount }),
  }),
});

builder.objectRef<ResourceOf<'k8sCluster'>>(resourceTypeNames.k8sCluster).implement({
  description: 'A Kubernetes cluster',
  interfaces: [ResourceRef],
  fields: (t) => ({
    version: t.string({ nullable: true, resolve: (r) => r.details.version }),
  }),
});

builder.objectRef<ResourceOf<'k8sNode'>>(resourceTypeNames.k8sNode).implement({
  description: 'A Kubernetes node',
  interfaces: [ResourceRef],
  fields: (t) => ({
    ready: t.boolean({ resolve: (r) => r.details.ready }),
    kubeletVersion: t.string({ nullable: true, resolve: (r) => r.details.kubeletVersion }),
  }),
});

builder.objectRef<ResourceOf<'k8sPod'>>(resourceTypeNames.k8sPod).implement({
  description: 'A Kubernetes pod',
  interfaces: [ResourceRef],
  fields: (t) => ({
    namespace: t.string({ resolve: (r) => r.details.namespace }),
    phase: t.string({ resolve: (r) => r.details.phase }),
    restarts: t.int({ resolve: (r) => r.details.restarts }),
  }),
});

builder.objectRef<ResourceOf<'k8sDeployment'>>(resourceTypeNames.k8sDeployment).implement({
  description: 'A Kubernetes deployment',
  interfaces: [ResourceRef],
  fields: (t) => ({
    namespace: t.string({ resolve: (r) => r.details.namespace }),
    desiredReplicas: t.int({ resolve: (r) => r.details.desiredReplicas }),
    readyReplicas: t.int({ resolve: (r) => r.details.readyReplicas }),
  }),
});
