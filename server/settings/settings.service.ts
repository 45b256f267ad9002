import { type Actor, authorize } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Orm } from '../db/orm.ts';
import { ValidationError } from '../errors.ts';
import { Setting } from './setting.entity.ts';

/** Settings the user can change at run time, with their defaults. */
export interface SystemSettings {
  /** Shown in the dashboard header and page titles. */
  displayName: string;
}

export const defaultSystemSettings: SystemSettings = { displayName: 'Pulse' };

export type SystemSettingsPatch = Partial<SystemSettings>;

function validate(patch: SystemSettingsPatch): void {
  if (patch.displayName !== undefined) {
    const name = patch.displayName.trim();
    if (name.length === 0 || name.length > 64) {
      throw new ValidationError('displayName must be 1 to 64 characters', 'displayName');
    }
  }
}

export class SettingsService {
  readonly #orm: Orm;
  readonly #audit: AuditLog;

  constructor(orm: Orm, audit: AuditLog) {
    this.#orm = orm;
    this.#audit = audit;
  }

  async get(actor: Actor): Promise<SystemSettings> {
    authorize(actor, 'read', 'Settings');
    const rows = await this.#orm.em.fork().find(Setting, {});
    const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    return { ...defaultSystemSettings, ...pickKnown(stored) };
  }

  /** Validates the whole patch first, then writes it in one transaction. */
  async update(actor: Actor, patch: SystemSettingsPatch): Promise<SystemSettings> {
    authorize(actor, 'update', 'Settings');
    validate(patch);
    const before = await this.get(actor);
    const em = this.#orm.em.fork();
    await em.transactional(async (tx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const stored = typeof value === 'string' ? value.trim() : value;
        await tx.upsert(Setting, { key, value: stored, updatedAt: new Date() });
      }
    });
    const after = await this.get(actor);
    // Keys only: a future setting may hold something sensitive, and the values live here anyway.
    const changed = (Object.keys(after) as (keyof SystemSettings)[]).filter(
      (key) => before[key] !== after[key],
    );
    if (changed.length > 0) {
      await this.#audit.record({
        event: 'settings_changed',
        user: actor.name,
        details: { changed },
      });
    }
    return after;
  }
}

function pickKnown(stored: Record<string, unknown>): Partial<SystemSettings> {
  const known: Partial<SystemSettings> = {};
  if (typeof stored.displayName === 'string') known.displayName = stored.displayName;
  return known;
}
