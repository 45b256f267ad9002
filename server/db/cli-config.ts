// Used by `npm run migrate:create`: the CLI diffs the entities against a scratch database.
import { ormConfig } from './orm.ts';

export default ormConfig(process.env.PULSE_MIGRATE_DB ?? ':memory:');
