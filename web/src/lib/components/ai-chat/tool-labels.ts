/** What each of the assistant's read-only tools looks at, in the user's words. */
const subjects: Record<string, string> = {
  search_resources: 'resources',
  get_resource: 'the resource',
  metrics_summary: 'metrics',
  active_alerts: 'alerts',
  backups: 'backups',
  storage: 'storage',
  recent_failed_tasks: 'failed tasks',
  findings: 'patrol findings',
};

/** "Looking at backups"; a tool added later still reads sensibly by its name. */
export function toolLabel(name: string): string {
  return `Looking at ${subjects[name] ?? name.replaceAll('_', ' ')}`;
}
