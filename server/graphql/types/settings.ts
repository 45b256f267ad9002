import type { SystemSettings } from '../../settings/settings.service.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const SystemSettingsRef = builder.objectRef<SystemSettings>('SystemSettings').implement({
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
  }),
});

const SystemSettingsInput = builder.inputType('SystemSettingsInput', {
  fields: (t) => ({
    displayName: t.string({ required: false }),
  }),
});

builder.queryField('systemSettings', (t) =>
  t.field({
    type: SystemSettingsRef,
    resolve: (_root, _args, { actor, services }) => services.settings.get(actor),
  }),
);

builder.mutationField('updateSystemSettings', (t) =>
  t.field({
    type: SystemSettingsRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: SystemSettingsInput, required: true }) },
    resolve: (_root, { input }, { actor, services }) =>
      services.settings.update(actor, {
        ...(input.displayName != null && { displayName: input.displayName }),
      }),
  }),
);
