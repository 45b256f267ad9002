import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir, openDatabase, ormConfig } from '../../server/db/orm.ts';
import { createLogger } from '../../server/log/logger.ts';

const log = createLogger('silent');
const migrationFiles = () =>
  readdirSync(migrationsDir)
    .filter((name) => /^Migration\d{14}.*\.ts$/.test(name))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pulse-migrate-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('apply every migration to an empty database, in WAL mode', async () => {
    const orm = await openDatabase(join(dir, 'pulse.db'), log);
    const connection = orm.em.getConnection();
    const applied = await connection.execute<{ name: string }[]>(
      'select name from mikro_orm_migrations order by name',
    );
    expect(applied.map((row) => row.name)).toEqual(migrationFiles());
    const [mode] = await connection.execute<{ journal_mode: string }[]>('pragma journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    // The schema the migrations built matches what the entities expect.
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    await orm.close(true);
  });

  it('upgrade a database left by any older release in place', async () => {
    // An older release's database is one at an earlier migration, or none at all.
    const olderVersions = [null, ...migrationFiles().slice(0, -1)];
    for (const [i, version] of olderVersions.entries()) {
      const file = join(dir, `older-${i}.db`);
      const older = new MikroORM(ormConfig(file));
      await older.connect();
      if (version) await older.migrator.up({ to: version });
      await older.close(true);

      const upgraded = await openDatabase(file, log);
      const applied = await upgraded.em
        .getConnection()
        .execute<{ name: string }[]>('select name from mikro_orm_migrations order by name');
      expect(applied.map((row) => row.name)).toEqual(migrationFiles());
      expect((await upgraded.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
      await upgraded.close(true);
    }
  });

  it('is a no-op on a database that is already current', async () => {
    const file = join(dir, 'pulse.db');
    await (await openDatabase(file, log)).close(true);
    const again = await openDatabase(file, log);
    const pending = await again.migrator.getPending();
    expect(pending).toEqual([]);
    await again.close(true);
  });
});
