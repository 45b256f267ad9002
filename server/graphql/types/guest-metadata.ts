import type { GuestMetadataView } from '../../guests/guest-metadata.service.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const GuestMetadataRef = builder.objectRef<GuestMetadataView>('GuestMetadata').implement({
  description: 'What people keep on a guest: a link, a description, their own tags and notes',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The guest's resource id" }),
    customUrl: t.exposeString('customUrl'),
    description: t.exposeString('description'),
    tags: t.exposeStringList('tags'),
    notes: t.exposeStringList('notes', {
      description: 'Context for people and the assistant ("runs the PBS in Docker")',
    }),
    lastKnownName: t.exposeString('lastKnownName'),
    lastKnownType: t.exposeString('lastKnownType'),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.updatedAt }),
    updatedBy: t.exposeString('updatedBy', { nullable: true }),
  }),
});

const GuestMetadataInput = builder.inputType('GuestMetadataInput', {
  description: 'Fields left out keep their value',
  fields: (t) => ({
    customUrl: t.string(),
    description: t.string(),
    tags: t.stringList(),
    notes: t.stringList(),
  }),
});

builder.queryFields((t) => ({
  guestMetadata: t.field({
    type: GuestMetadataRef,
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, actor }) => services.guestMetadata.get(actor, String(id)),
  }),
}));

builder.mutationFields((t) => ({
  updateGuestMetadata: t.field({
    type: GuestMetadataRef,
    errors: mutationErrors,
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: GuestMetadataInput, required: true }),
    },
    resolve: (_root, { id, input }, { services, actor }) =>
      services.guestMetadata.update(
        actor,
        String(id),
        Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)),
      ),
  }),
  deleteGuestMetadata: t.field({
    type: 'Boolean',
    errors: mutationErrors,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { services, actor }) => {
      await services.guestMetadata.remove(actor, String(id));
      return true;
    },
  }),
}));
