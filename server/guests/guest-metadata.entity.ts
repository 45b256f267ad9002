import { defineEntity, p } from '@mikro-orm/core';

/**
 * What people add to a guest in Pulse: a link, a description, their own tags and notes that
 * give the assistant context ("runs PBS in Docker"). Keyed by the guest's resource id
 * (`<cluster>/qemu/<vmid>`), so it follows the guest across a migration and outlives it.
 */
export const GuestMetadataSchema = defineEntity({
  name: 'GuestMetadata',
  tableName: 'guest_metadata',
  properties: {
    id: p.string().primary(),
    customUrl: p.string(),
    description: p.text(),
    tags: p.json<string[]>(),
    notes: p.json<string[]>(),
    /** The guest's name and type when last annotated, for guests that are gone. */
    lastKnownName: p.string(),
    lastKnownType: p.string(),
    updatedAt: p.datetime(),
    updatedBy: p.string(),
  },
});

export class GuestMetadata extends GuestMetadataSchema.class {}
GuestMetadataSchema.setClass(GuestMetadata);
