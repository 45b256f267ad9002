import { Migration } from '@mikro-orm/migrations';

export class Migration20261123210613_chat_resource_in_view extends Migration {
  override name = 'Migration20261123210613_chat_resource_in_view';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`ai_message\` add column \`resource_in_view\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`ai_message\` drop column \`resource_in_view\`;`);
  }
}
