import { Migration } from '@mikro-orm/migrations';

export class Migration20261123205620_agent_link_by_person extends Migration {
  override name = 'Migration20261123205620_agent_link_by_person';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table \`agents\` add column \`link_set_by_person\` integer not null default false;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`agents\` drop column \`link_set_by_person\`;`);
  }
}
