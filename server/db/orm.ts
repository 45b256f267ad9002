import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/sqlite';
import type { Logger } from '../log/logger.ts';
import { entities } from './entities.ts';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

export type Orm = MikroORM;

/** The ORM configuration shared by the server and the migration CLI. */
export function ormConfig(databaseFile: string): Options {
  return defineConfig({
    dbName: databaseFile,
    entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: false,
    migrations: {
      path: migrationsDir,
      pathTs: migrationsDir,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      allOrNothing: true,
      emit: 'ts',
      // The migrations folder ships read-only in the image; never write to it at run time.
      snapshotOnMigrate: false,
      snapshotName: '.snapshot-pulse',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}

/**
 * Opens the database, sets the SQLite pragmas and applies pending migrations, so an older
 * database is upgraded in place before anything reads it.
 */
export async function openDatabase(databaseFile: string, log: Logger): Promise<Orm> {
  const orm = new MikroORM(ormConfig(databaseFile));
  await orm.connect();
  const connection = orm.em.getConnection();
  // WAL: readers never block the writer; synchronous=NORMAL is durable against process
  // crashes (kill -9), which is what a container restart looks like.
  await connection.execute('pragma journal_mode = WAL');
  await connection.execute('pragma synchronous = NORMAL');
  await connection.execute('pragma busy_timeout = 5000');
  const applied = await orm.migrator.up();
  if (applied.length > 0) {
    log.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  }
  return orm;
}

/** True when the database answers a trivial query. */
export async function databaseIsHealthy(orm: Orm): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
