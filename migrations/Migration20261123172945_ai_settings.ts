import { Migration } from '@mikro-orm/migrations';

export class Migration20261123172945_ai_settings extends Migration {
  override name = 'Migration20261123172945_ai_settings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`ai_settings\` (\`id\` text not null primary key, \`enabled\` integer not null, \`sealed_anthropic_key\` text null, \`anthropic_base_url\` text not null, \`sealed_openai_key\` text null, \`openai_base_url\` text not null, \`compatible\` json not null, \`model\` text not null, \`chat_model\` text not null, \`patrol_model\` text not null, \`patrol_interval_minutes\` integer not null, \`monthly_budget_usd\` real null, \`updated_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`ai_settings\`;`);
  }
}
