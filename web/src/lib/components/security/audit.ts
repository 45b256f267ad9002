/** The events Pulse records (server/audit/audit-filter.ts), as people read them. */
export const auditEvents: { value: string; label: string }[] = [
  { value: 'login', label: 'Signed in' },
  { value: 'login_failed', label: 'Sign-in failed' },
  { value: 'lockout', label: 'Locked out' },
  { value: 'logout', label: 'Signed out' },
  { value: 'password_changed', label: 'Password changed' },
  { value: 'security_setup', label: 'Security set up' },
  { value: 'lockout_reset', label: 'Lockout reset' },
  { value: 'session_revoked', label: 'Session signed out' },
  { value: 'recovery', label: 'Recovery' },
  { value: 'oidc_settings_changed', label: 'SSO settings changed' },
  { value: 'token_created', label: 'API token created' },
  { value: 'token_revoked', label: 'API token revoked' },
  { value: 'token_used_new_ip', label: 'API token used from a new IP' },
  { value: 'settings_changed', label: 'Settings changed' },
  { value: 'node_added', label: 'Node added' },
  { value: 'node_updated', label: 'Node changed' },
  { value: 'node_removed', label: 'Node removed' },
  { value: 'alert_config_changed', label: 'Alert settings changed' },
  { value: 'agent_removed', label: 'Agent removed' },
  { value: 'agent_reenroll_allowed', label: 'Agent re-enrollment allowed' },
  { value: 'agent_token_changed', label: 'Agent moved to another token' },
  { value: 'agent_changed', label: 'Agent settings changed' },
  { value: 'export', label: 'Settings exported' },
  { value: 'import', label: 'Settings imported' },
];

const labels = new Map(auditEvents.map((e) => [e.value, e.label]));

export const eventLabel = (event: string) => labels.get(event) ?? event.replaceAll('_', ' ');

/** "name=Home Assistant · scopes=monitoring:read": an event's details on one line. */
export function detailsSummary(details: unknown): string {
  if (typeof details !== 'object' || details === null) return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(' · ');
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A date input's day ("2026-05-01") as the ISO instant it starts or ends at in the browser's
 * time zone, so "to" includes the whole day; null when empty.
 */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | null {
  if (!day) return null;
  const at = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isFinite(at.getTime()) ? at.toISOString() : null;
}
