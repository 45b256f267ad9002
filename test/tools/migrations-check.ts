// `npm run migrations:check`: migration files are named Migration<yyyyMMddHHmmss>[_name].ts,
// and replaying them on an empty database gives exactly the schema the entities describe
// (an entity changed without `npm run migrate:create` fails here).
import { readdirSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/sqlite';
import { migrationsDir, ormConfig } from '../../server/db/orm.ts';

const namePattern = /^Migration\d{14}(_[a-z0-9_]+)?\.ts$/;
const files = readdirSync(migrationsDir).filter((name) => !name.startsWith('.'));
const badNames = files.filter((name) => !namePattern.test(name));
if (badNames.length > 0) {
  console.error(`migrations with bad names: ${badNames.join(', ')}`);
  process.exit(1);
}

const config = ormConfig(':memory:');
const orm = new MikroORM({ ...config, migrations: { ...config.migrations, silent: true } });
await orm.connect();
// The snapshot beside the migrations is what `migrate:create` diffs against.
const snapshotStale = await orm.migrator.checkSchema();
await orm.migrator.up();
const missingSql = (await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();
await orm.close(true);
if (snapshotStale || missingSql) {
  console.error('the entities differ from what the migrations build: run `npm run migrate:create`');
  if (missingSql) console.error(missingSql);
  process.exit(1);
}
console.log(`${files.length} migrations, names valid, schema matches the entities`);
