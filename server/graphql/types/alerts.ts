import type { Alert, AlertChange } from '../../alerts/alert.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';
import { ResourceRef } from './resource.ts';

const AlertLevelRef = builder.enumType('AlertLevel', {
  values: { WARNING: { value: 'warning' }, CRITICAL: { value: 'critical' } } as const,
});
const AlertStateRef = builder.enumType('AlertState', {
  values: {
    PENDING: { value: 'pending' },
    FIRING: { value: 'firing' },
    RESOLVED: { value: 'resolved' },
  } as const,
});

const AcknowledgementRef = builder
  .objectRef<NonNullable<Alert['acknowledged']>>('Acknowledgement')
  .implement({
    fields: (t) => ({
      by: t.exposeString('by'),
      at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
    }),
  });

const AlertRef = builder.objectRef<Alert>('Alert').implement({
  description: 'A threshold crossed or a bad state, on one resource',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'cpu, memory, disk, node-offline, backup-age, …' }),
    level: t.field({ type: AlertLevelRef, resolve: (a) => a.level }),
    state: t.field({ type: AlertStateRef, resolve: (a) => a.state }),
    resourceId: t.exposeID('resourceId'),
    resourceKey: t.exposeString('resourceKey', {
      description: 'The stable identity overrides key on (a guest: cluster and VMID)',
    }),
    resourceName: t.exposeString('resourceName'),
    resourceType: t.exposeString('resourceType'),
    node: t.exposeString('node', { nullable: true }),
    instance: t.exposeString('instance'),
    message: t.exposeString('message'),
    value: t.exposeFloat('value', { nullable: true }),
    threshold: t.exposeFloat('threshold', { nullable: true }),
    clearThreshold: t.exposeFloat('clearThreshold', { nullable: true }),
    unit: t.exposeString('unit', { nullable: true }),
    startedAt: t.field({ type: 'DateTime', resolve: (a) => a.startedAt }),
    firedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.firedAt }),
    lastSeenAt: t.field({ type: 'DateTime', resolve: (a) => a.lastSeenAt }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.resolvedAt }),
    acknowledged: t.field({
      type: AcknowledgementRef,
      nullable: true,
      resolve: (a) => a.acknowledged,
    }),
    monitorOnly: t.exposeBoolean('monitorOnly'),
    escalation: t.exposeInt('escalation'),
  }),
});

const AlertChangeRef = builder.objectRef<AlertChange['changes'][number]>('AlertChange').implement({
  fields: (t) => ({
    type: t.exposeString('type', {
      description: 'pending, fired, resolved, updated, escalated or acknowledged',
    }),
    alert: t.field({ type: AlertRef, resolve: (c) => c.alert }),
  }),
});

builder.interfaceFields(ResourceRef, (t) => ({
  alerts: t.field({
    type: [AlertRef],
    description: 'Firing alerts on this resource',
    resolve: (resource, _args, { actor, services }) =>
      services.alerts.forResource(actor, resource.id),
  }),
}));

builder.queryFields((t) => ({
  activeAlerts: t.field({
    type: [AlertRef],
    args: { includePending: t.arg.boolean({ required: false }) },
    resolve: (_root, { includePending }, { actor, services }) =>
      services.alerts.active(actor, { includePending: includePending === true }),
  }),
  alertHistory: t.field({
    type: [AlertRef],
    description: 'Alerts that fired and resolved, newest first',
    args: {
      limit: t.arg.int({ required: false }),
      resourceId: t.arg.id({ required: false }),
    },
    resolve: (_root, { limit, resourceId }, { actor, services }) =>
      services.alerts.history(actor, {
        ...(limit != null && { limit }),
        ...(resourceId != null && { resourceId: String(resourceId) }),
      }),
  }),
  alertConfig: t.field({
    type: 'JSON',
    description: 'Thresholds, per-type defaults, overrides and the notification policy',
    resolve: (_root, _args, { actor, services }) => services.alerts.config(actor),
  }),
}));

builder.mutationFields((t) => ({
  acknowledgeAlert: t.field({
    type: AlertRef,
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { actor, services }) => services.alerts.acknowledge(actor, String(id)),
  }),
  unacknowledgeAlert: t.field({
    type: AlertRef,
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { actor, services }) =>
      services.alerts.unacknowledge(actor, String(id)),
  }),
  updateAlertConfig: t.field({
    type: 'JSON',
    errors: mutationErrors,
    description: 'Merges a partial config: objects merge, values replace, null removes',
    args: { patch: t.arg({ type: 'JSON', required: true }) },
    resolve: (_root, { patch }, { actor, services }) => services.alerts.updateConfig(actor, patch),
  }),
}));

builder.subscriptionField('alertsChanged', (t) =>
  t.field({
    type: [AlertChangeRef],
    description: 'Alerts that became pending, fired, resolved, changed or were acknowledged',
    subscribe: (_root, _args, { actor, services }) => services.alerts.changes(actor),
    resolve: (change: AlertChange) => change.changes,
  }),
);
