import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163913_oidc_settings extends Migration {
  override name = 'Migration20261123163913_oidc_settings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`oidc_settings\` (\`id\` text not null primary key, \`enabled\` integer not null, \`issuer_url\` text not null, \`client_id\` text not null, \`sealed_client_secret\` text null, \`redirect_url\` text not null, \`logout_url\` text not null, \`scopes\` json not null, \`username_claim\` text not null, \`email_claim\` text not null, \`groups_claim\` text not null, \`allowed_groups\` json not null, \`allowed_domains\` json not null, \`allowed_emails\` json not null, \`group_role_mappings\` json not null, \`hide_local_login\` integer not null, \`ca_bundle\` text not null, \`updated_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`oidc_settings\`;`);
  }
}
