import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100934_node_connections extends Migration {
  override name = 'Migration20261123100934_node_connections';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`node_connection\` (\`id\` text not null primary key, \`type\` text not null, \`name\` text not null, \`host\` text not null, \`auth_kind\` text not null, \`username\` text null, \`token_id\` text null, \`sealed_secret\` text not null, \`verify_ssl\` integer not null, \`fingerprint\` text null, \`monitor\` json not null, \`poll_interval_seconds\` integer null, \`cluster\` json null, \`enabled\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`node_connection_name_unique\` on \`node_connection\` (\`name\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`node_connection\`;`);
  }
}
