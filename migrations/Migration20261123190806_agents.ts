import { Migration } from '@mikro-orm/migrations';

export class Migration20261123190806_agents extends Migration {
  override name = 'Migration20261123190806_agents';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`agents\` (\`id\` text not null primary key, \`kinds\` json not null, \`hostname\` text not null, \`version\` text not null, \`interval_seconds\` integer not null, \`first_report_at\` datetime not null, \`last_report_at\` datetime not null, \`token_id\` text null, \`linked_node_id\` text null, \`config\` json not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`agents\`;`);
  }
}
