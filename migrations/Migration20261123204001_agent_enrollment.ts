import { Migration } from '@mikro-orm/migrations';

export class Migration20261123204001_agent_enrollment extends Migration {
  override name = 'Migration20261123204001_agent_enrollment';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table \`agents\` add column \`reenroll_allowed\` integer not null default false;`,
    );
    this.addSql(`alter table \`agents\` add column \`removed_kinds\` json not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`agents\` drop column \`reenroll_allowed\`;`);
    this.addSql(`alter table \`agents\` drop column \`removed_kinds\`;`);
  }
}
