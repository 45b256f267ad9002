import { type Actor, authorize } from '../access/actor.ts';
import type { Orm } from '../db/orm.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Resource } from '../resources/model.ts';
import { GuestMetadata } from './guest-metadata.entity.ts';

export interface GuestMetadataView {
  id: string;
  customUrl: string;
  description: string;
  tags: string[];
  notes: string[];
  lastKnownName: string;
  lastKnownType: string;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface GuestMetadataChange {
  customUrl?: string;
  description?: string;
  tags?: string[];
  notes?: string[];
}

const limits = { notes: 20, noteChars: 500, tags: 20, tagChars: 64, descriptionChars: 2_000 };

function view(row: GuestMetadata): GuestMetadataView {
  return {
    id: row.id,
    customUrl: row.customUrl,
    description: row.description,
    tags: [...row.tags],
    notes: [...row.notes],
    lastKnownName: row.lastKnownName,
    lastKnownType: row.lastKnownType,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

const empty = (id: string): GuestMetadataView => ({
  id,
  customUrl: '',
  description: '',
  tags: [],
  notes: [],
  lastKnownName: '',
  lastKnownType: '',
  updatedAt: null,
  updatedBy: null,
});

function strings(value: unknown, field: string, max: number, maxChars: number): string[] {
  if (!Array.isArray(value)) throw new ValidationError(`${field} must be a list of strings`, field);
  const out = value.map((item) => {
    if (typeof item !== 'string') throw new ValidationError(`${field} must be strings`, field);
    const text = item.trim();
    if (text.length > maxChars) {
      throw new ValidationError(`each of ${field} is at most ${maxChars} characters`, field);
    }
    return text;
  });
  const kept = [...new Set(out.filter((s) => s.length > 0))];
  if (kept.length > max) throw new ValidationError(`at most ${max} ${field}`, field);
  return kept;
}

function customUrl(value: unknown): string {
  if (typeof value !== 'string')
    throw new ValidationError('customUrl must be a string', 'customUrl');
  const text = value.trim();
  if (text === '') return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError('customUrl must be an absolute http(s) URL', 'customUrl');
  }
  // Shown as a link in the dashboard: anything but http(s) could run script when clicked.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError('customUrl must be an absolute http(s) URL', 'customUrl');
  }
  return url.toString();
}

/** Reads a change body; unknown fields are ignored, given fields are checked. */
export function parseGuestMetadataChange(body: unknown): GuestMetadataChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('the body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  const change: GuestMetadataChange = {};
  if (input.customUrl !== undefined) change.customUrl = customUrl(input.customUrl);
  if (input.description !== undefined) {
    if (typeof input.description !== 'string') {
      throw new ValidationError('description must be a string', 'description');
    }
    if (input.description.length > limits.descriptionChars) {
      throw new ValidationError(
        `description is at most ${limits.descriptionChars} characters`,
        'description',
      );
    }
    change.description = input.description.trim();
  }
  if (input.tags !== undefined) {
    change.tags = strings(input.tags, 'tags', limits.tags, limits.tagChars);
  }
  if (input.notes !== undefined) {
    change.notes = strings(input.notes, 'notes', limits.notes, limits.noteChars);
  }
  return change;
}

const isGuest = (r: Resource | undefined) => r?.type === 'vm' || r?.type === 'container';

/** Notes, tags, a link and a description that people keep on guests. */
export class GuestMetadataService {
  readonly #orm: Orm;
  readonly #resource: (id: string) => Resource | undefined;

  constructor(orm: Orm, resource: (id: string) => Resource | undefined) {
    this.#orm = orm;
    this.#resource = resource;
  }

  async list(actor: Actor): Promise<GuestMetadataView[]> {
    authorize(actor, 'read', 'Resource');
    const rows = await this.#orm.em.fork().find(GuestMetadata, {}, { orderBy: { id: 'asc' } });
    return rows.map(view);
  }

  /** A guest's metadata; empty (not an error) for a guest nobody has annotated. */
  async get(actor: Actor, id: string): Promise<GuestMetadataView> {
    authorize(actor, 'read', 'Resource');
    const row = await this.#orm.em.fork().findOne(GuestMetadata, { id });
    if (row) return view(row);
    if (!isGuest(this.#resource(id))) throw new NotFoundError(`no guest ${id}`);
    return empty(id);
  }

  async update(actor: Actor, id: string, body: unknown): Promise<GuestMetadataView> {
    authorize(actor, 'update', 'Resource');
    const change = parseGuestMetadataChange(body);
    const em = this.#orm.em.fork();
    const resource = this.#resource(id);
    let row = await em.findOne(GuestMetadata, { id });
    if (!row) {
      if (!isGuest(resource)) throw new NotFoundError(`no guest ${id}`);
      row = em.create(GuestMetadata, {
        ...empty(id),
        updatedAt: new Date(),
        updatedBy: actor.name,
      });
    }
    Object.assign(row, change, { updatedAt: new Date(), updatedBy: actor.name });
    if (resource) {
      row.lastKnownName = resource.name;
      row.lastKnownType = resource.type;
    }
    await em.flush();
    return view(row);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'update', 'Resource');
    const deleted = await this.#orm.em.fork().nativeDelete(GuestMetadata, { id });
    if (deleted === 0) throw new NotFoundError(`no metadata for ${id}`);
  }

  /** Every guest's notes, for the patrol's summary (read as the patrol, not a caller). */
  async notesByGuest(): Promise<ReadonlyMap<string, readonly string[]>> {
    const rows = await this.#orm.em.fork().find(GuestMetadata, {});
    return new Map(rows.filter((r) => r.notes.length > 0).map((r) => [r.id, r.notes]));
  }
}
