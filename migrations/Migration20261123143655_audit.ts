import { Migration } from '@mikro-orm/migrations';

export class Migration20261123143655_audit extends Migration {
  override name = 'Migration20261123143655_audit';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`audit_events\` (\`id\` text not null primary key, \`sequence\` integer not null, \`timestamp\` bigint not null, \`event\` text not null, \`user\` text null, \`ip\` text null, \`path\` text null, \`success\` integer not null, \`details\` json not null, \`previous_signature\` text not null, \`signature\` text not null);`,
    );
    this.addSql(
      `create unique index \`audit_events_sequence_unique\` on \`audit_events\` (\`sequence\`);`,
    );
    this.addSql(
      `create index \`audit_events_timestamp_index\` on \`audit_events\` (\`timestamp\`);`,
    );
    this.addSql(`create index \`audit_events_event_index\` on \`audit_events\` (\`event\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`audit_events\`;`);
  }
}
