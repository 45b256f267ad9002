import { Migration } from '@mikro-orm/migrations';

export class Migration20261123182709_patrol_model_pass extends Migration {
  override name = 'Migration20261123182709_patrol_model_pass';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`patrol_findings\` add column \`explanation\` text null;`);

    this.addSql(`alter table \`patrol_runs\` add column \`llm_status\` text null;`);
    this.addSql(`alter table \`patrol_runs\` add column \`llm_model\` text null;`);
    this.addSql(`alter table \`patrol_runs\` add column \`llm_note\` text null;`);
    this.addSql(`alter table \`patrol_runs\` add column \`input_tokens\` integer null;`);
    this.addSql(`alter table \`patrol_runs\` add column \`output_tokens\` integer null;`);
    this.addSql(`alter table \`patrol_runs\` add column \`ai_findings_count\` integer null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`patrol_findings\` drop column \`explanation\`;`);

    this.addSql(`alter table \`patrol_runs\` drop column \`llm_status\`;`);
    this.addSql(`alter table \`patrol_runs\` drop column \`llm_model\`;`);
    this.addSql(`alter table \`patrol_runs\` drop column \`llm_note\`;`);
    this.addSql(`alter table \`patrol_runs\` drop column \`input_tokens\`;`);
    this.addSql(`alter table \`patrol_runs\` drop column \`output_tokens\`;`);
    this.addSql(`alter table \`patrol_runs\` drop column \`ai_findings_count\`;`);
  }
}
