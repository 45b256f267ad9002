import { Migration } from '@mikro-orm/migrations';

export class Migration20261123094224 extends Migration {
  override name = 'Migration20261123094224';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`setting\` (\`key\` text not null primary key, \`value\` json not null, \`updated_at\` datetime not null);`,
    );
  }
}
