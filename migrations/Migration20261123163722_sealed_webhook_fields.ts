import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163722_sealed_webhook_fields extends Migration {
  override name = 'Migration20261123163722_sealed_webhook_fields';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table \`notification_webhook\` add column \`sealed_custom_fields\` text null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`notification_webhook\` drop column \`sealed_custom_fields\`;`);
  }
}
