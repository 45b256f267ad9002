import { Migration } from '@mikro-orm/migrations';

export class Migration20261123122333_notifications extends Migration {
  override name = 'Migration20261123122333_notifications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`notification_apprise\` (\`id\` text not null primary key, \`enabled\` integer not null, \`mode\` text not null, \`targets\` json not null, \`server_url\` text not null, \`config_key\` text not null, \`sealed_api_key\` text null, \`timeout_seconds\` integer not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`notification_delivery\` (\`id\` text not null primary key, \`destination\` text not null, \`event\` text not null, \`alert_ids\` json not null, \`status\` text not null, \`attempts\` integer not null, \`max_attempts\` integer not null, \`next_attempt_at\` bigint not null, \`last_error\` text null, \`last_status_code\` integer null, \`payload\` json not null, \`created_at\` bigint not null, \`completed_at\` bigint null);`,
    );
    this.addSql(
      `create index \`notification_delivery_destination_index\` on \`notification_delivery\` (\`destination\`);`,
    );
    this.addSql(
      `create index \`notification_delivery_status_index\` on \`notification_delivery\` (\`status\`);`,
    );
    this.addSql(
      `create index \`notification_delivery_next_attempt_at_index\` on \`notification_delivery\` (\`next_attempt_at\`);`,
    );

    this.addSql(
      `create table \`notification_receipt\` (\`key\` text not null primary key, \`delivered_at\` bigint not null);`,
    );
    this.addSql(
      `create index \`notification_receipt_delivered_at_index\` on \`notification_receipt\` (\`delivered_at\`);`,
    );

    this.addSql(
      `create table \`notification_email\` (\`id\` text not null primary key, \`enabled\` integer not null, \`provider\` text not null, \`server\` text not null, \`port\` integer not null, \`username\` text not null, \`sealed_password\` text null, \`from\` text not null, \`to\` json not null, \`tls\` integer not null, \`start_tls\` integer not null, \`skip_tls_verify\` integer not null, \`rate_limit_per_minute\` integer not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`notification_settings\` (\`id\` text not null primary key, \`allow_private_targets\` integer not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`notification_webhook\` (\`id\` text not null primary key, \`name\` text not null, \`sealed_url\` text not null, \`method\` text not null, \`sealed_headers\` text not null, \`enabled\` integer not null, \`service\` text not null, \`template\` text null, \`custom_fields\` json not null, \`mention\` text null, \`sealed_signing_secret\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`notification_apprise\`;`);
    this.addSql(`drop table if exists \`notification_delivery\`;`);
    this.addSql(`drop table if exists \`notification_receipt\`;`);
    this.addSql(`drop table if exists \`notification_email\`;`);
    this.addSql(`drop table if exists \`notification_settings\`;`);
    this.addSql(`drop table if exists \`notification_webhook\`;`);
  }
}
