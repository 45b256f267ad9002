import { Migration } from '@mikro-orm/migrations';

export class Migration20261123173834_patrol_findings extends Migration {
  override name = 'Migration20261123173834_patrol_findings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`patrol_findings\` (\`id\` text not null primary key, \`check\` text not null, \`source\` text not null, \`severity\` text not null, \`category\` text not null, \`resource_id\` text not null, \`resource_name\` text not null, \`resource_type\` text not null, \`node\` text null, \`title\` text not null, \`description\` text not null, \`impact\` text not null, \`recommendation\` text not null, \`evidence\` json not null, \`detected_at\` datetime not null, \`last_seen_at\` datetime not null, \`times_raised\` integer not null, \`resolved_at\` datetime null, \`resolve_reason\` text null, \`auto_resolved\` integer not null, \`regression_count\` integer not null, \`acknowledged_at\` datetime null, \`acknowledged_by\` text null, \`dismissed_at\` datetime null, \`dismissed_by\` text null, \`dismissed_reason\` text null, \`dismissed_note\` text null, \`snoozed_until\` datetime null);`,
    );
    this.addSql(
      `create index \`patrol_findings_resource_id_index\` on \`patrol_findings\` (\`resource_id\`);`,
    );

    this.addSql(
      `create table \`patrol_runs\` (\`id\` text not null primary key, \`trigger\` text not null, \`status\` text not null, \`started_at\` datetime not null, \`finished_at\` datetime null, \`duration_ms\` integer null, \`findings_count\` integer not null, \`new_count\` integer not null, \`updated_count\` integer not null, \`resolved_count\` integer not null, \`error\` text null);`,
    );
    this.addSql(
      `create index \`patrol_runs_started_at_index\` on \`patrol_runs\` (\`started_at\`);`,
    );

    this.addSql(
      `create table \`patrol_suppressions\` (\`id\` text not null primary key, \`check\` text null, \`resource_pattern\` text null, \`reason\` text null, \`created_by\` text not null, \`created_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`patrol_findings\`;`);
    this.addSql(`drop table if exists \`patrol_runs\`;`);
    this.addSql(`drop table if exists \`patrol_suppressions\`;`);
  }
}
