import { Migration } from '@mikro-orm/migrations';

export class Migration20261123221817_finding_notes extends Migration {
  override name = 'Migration20261123221817_finding_notes';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`patrol_findings\` add column \`user_note\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`patrol_findings\` drop column \`user_note\`;`);
  }
}
