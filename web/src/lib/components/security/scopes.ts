/** A scope an API token may carry, with what it lets the token do (server/access/scopes.ts). */
export interface ScopeOption {
  scope: string;
  label: string;
}

export interface ScopeGroup {
  label: string;
  scopes: ScopeOption[];
}

export const fullAccess = '*';

export const scopeGroups: ScopeGroup[] = [
  {
    label: 'Monitoring',
    scopes: [
      { scope: 'monitoring:read', label: 'Read resources, metrics and alerts' },
      { scope: 'monitoring:write', label: 'Acknowledge alerts' },
    ],
  },
  {
    label: 'Settings',
    scopes: [
      { scope: 'settings:read', label: 'Read settings and node connections' },
      { scope: 'settings:write', label: 'Change settings, nodes, notifications and accounts' },
    ],
  },
  {
    label: 'Audit',
    scopes: [{ scope: 'audit:read', label: 'Read the audit log' }],
  },
  {
    label: 'Agents',
    scopes: [
      { scope: 'agent:report', label: 'Report host metrics' },
      { scope: 'agent:config:read', label: 'Read agent configuration' },
      { scope: 'agent:manage', label: 'Manage agents' },
      { scope: 'agent:enroll', label: 'Enroll new agents' },
      { scope: 'agent:exec', label: 'Run commands through agents' },
    ],
  },
  {
    label: 'Docker and Kubernetes',
    scopes: [
      { scope: 'docker:report', label: 'Report Docker hosts' },
      { scope: 'docker:manage', label: 'Manage Docker hosts' },
      { scope: 'kubernetes:report', label: 'Report Kubernetes clusters' },
      { scope: 'kubernetes:manage', label: 'Manage Kubernetes clusters' },
    ],
  },
  {
    label: 'AI',
    scopes: [
      { scope: 'ai:chat', label: 'Chat with the assistant' },
      { scope: 'ai:execute', label: 'Let the assistant run actions' },
    ],
  },
];

/** How a scope reads in the token list: "*" is spelled out, the rest stay as the API names them. */
export const scopeLabel = (scope: string) => (scope === fullAccess ? 'Full access' : scope);
