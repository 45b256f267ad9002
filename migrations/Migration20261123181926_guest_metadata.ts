import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181926_guest_metadata extends Migration {
  override name = 'Migration20261123181926_guest_metadata';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`guest_metadata\` (\`id\` text not null primary key, \`custom_url\` text not null, \`description\` text not null, \`tags\` json not null, \`notes\` json not null, \`last_known_name\` text not null, \`last_known_type\` text not null, \`updated_at\` datetime not null, \`updated_by\` text not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`guest_metadata\`;`);
  }
}
