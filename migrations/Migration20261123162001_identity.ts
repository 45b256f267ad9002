import { Migration } from '@mikro-orm/migrations';

export class Migration20261123162001_identity extends Migration {
  override name = 'Migration20261123162001_identity';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`api_tokens\` (\`id\` text not null primary key, \`name\` text not null, \`hash\` text not null, \`hint\` text not null, \`scopes\` json not null, \`role\` text not null, \`created_by\` text null, \`created_at\` datetime not null, \`expires_at\` datetime null, \`last_used_at\` datetime null, \`last_used_ip\` text null);`,
    );
    this.addSql(`create unique index \`api_tokens_hash_unique\` on \`api_tokens\` (\`hash\`);`);

    this.addSql(
      `create table \`sessions\` (\`id\` text not null primary key, \`public_id\` text not null, \`username\` text not null, \`role\` text not null, \`method\` text not null, \`csrf_hash\` text not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, \`ttl_seconds\` integer not null, \`ip\` text null, \`user_agent\` text null, \`sealed_refresh_token\` text null, \`sealed_id_token\` text null);`,
    );
    this.addSql(
      `create unique index \`sessions_public_id_unique\` on \`sessions\` (\`public_id\`);`,
    );
    this.addSql(`create index \`sessions_username_index\` on \`sessions\` (\`username\`);`);
    this.addSql(`create index \`sessions_expires_at_index\` on \`sessions\` (\`expires_at\`);`);

    this.addSql(
      `create table \`users\` (\`username\` text not null primary key, \`password_hash\` text null, \`role\` text not null, \`source\` text not null, \`created_at\` datetime not null, \`password_changed_at\` datetime null, \`last_login_at\` datetime null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`api_tokens\`;`);
    this.addSql(`drop table if exists \`sessions\`;`);
    this.addSql(`drop table if exists \`users\`;`);
  }
}
