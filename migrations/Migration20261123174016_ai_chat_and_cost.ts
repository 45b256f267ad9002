import { Migration } from '@mikro-orm/migrations';

export class Migration20261123174016_ai_chat_and_cost extends Migration {
  override name = 'Migration20261123174016_ai_chat_and_cost';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`ai_conversation\` (\`id\` text not null primary key, \`owner\` text not null, \`title\` text not null, \`resource_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(`create index \`ai_conversation_owner_index\` on \`ai_conversation\` (\`owner\`);`);

    this.addSql(
      `create table \`ai_message\` (\`id\` text not null primary key, \`conversation_id\` text not null, \`position\` integer not null, \`role\` text not null, \`content\` text not null, \`tool_calls\` json null, \`tool_call_id\` text null, \`is_error\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`ai_message_conversation_id_index\` on \`ai_message\` (\`conversation_id\`);`,
    );

    this.addSql(
      `create table \`ai_usage\` (\`id\` text not null primary key, \`at\` datetime not null, \`provider\` text not null, \`model\` text not null, \`feature\` text not null, \`input_tokens\` integer not null, \`output_tokens\` integer not null, \`cost_usd\` real null);`,
    );
    this.addSql(`create index \`ai_usage_at_index\` on \`ai_usage\` (\`at\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`ai_conversation\`;`);
    this.addSql(`drop table if exists \`ai_message\`;`);
    this.addSql(`drop table if exists \`ai_usage\`;`);
  }
}
