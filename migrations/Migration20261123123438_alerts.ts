import { Migration } from '@mikro-orm/migrations';

export class Migration20261123123438_alerts extends Migration {
  override name = 'Migration20261123123438_alerts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`alert_document\` (\`key\` text not null primary key, \`value\` json not null, \`updated_at\` bigint not null);`,
    );

    this.addSql(
      `create table \`alert_history\` (\`id\` text not null primary key, \`alert_id\` text not null, \`resource_id\` text not null, \`level\` text not null, \`alert\` json not null, \`started_at\` bigint not null, \`resolved_at\` bigint not null);`,
    );
    this.addSql(
      `create index \`alert_history_alert_id_index\` on \`alert_history\` (\`alert_id\`);`,
    );
    this.addSql(
      `create index \`alert_history_resource_id_index\` on \`alert_history\` (\`resource_id\`);`,
    );
    this.addSql(
      `create index \`alert_history_resolved_at_index\` on \`alert_history\` (\`resolved_at\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`alert_document\`;`);
    this.addSql(`drop table if exists \`alert_history\`;`);
  }
}
