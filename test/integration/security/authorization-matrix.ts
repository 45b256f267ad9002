/**
 * Who may call what: the expected answer of every REST route and every GraphQL query and
 * mutation, per kind of caller. Written out by hand from the security model (roles admin,
 * operator, viewer; token scopes narrowing them), not derived from server/access, so a change
 * to either shows up as a difference here.
 *
 * "allow" means the answer is not 401/403 (a 400 or 404 for the made-up bodies and ids is
 * fine); every caller not listed must be refused: 401 when anonymous, 403 otherwise.
 */

export const callers = [
  'anonymous',
  'viewer',
  'operator',
  'admin',
  'monitoring:read',
  'monitoring:write',
  'settings:read',
  'settings:write',
  'audit:read',
  'ai:chat',
  'ai:execute',
  'agent:report',
  'agent:config:read',
  'agent:manage',
  'docker:report',
  'docker:manage',
  'kubernetes:report',
  'kubernetes:manage',
  '*',
] as const;

export type Caller = (typeof callers)[number];
export const people = ['viewer', 'operator', 'admin'] as const;
export type TokenScope = Exclude<Caller, 'anonymous' | (typeof people)[number]>;

const allCallers: readonly Caller[] = callers;

// Who holds each permission. The roles: viewer reads, operator reads and acknowledges,
// admin does everything. Tokens are made by an admin, so each gets exactly its scopes.
/** Monitoring data: resources, records, metrics. */
const readResource: readonly Caller[] = ['viewer', 'operator', 'admin', 'monitoring:read', '*'];
/** Alerts and thresholds: monitoring:read and both settings scopes read them. */
const readAlert: readonly Caller[] = [
  ...people,
  'monitoring:read',
  'settings:read',
  'settings:write',
  '*',
];
/** System settings and node connections. */
const readSettings: readonly Caller[] = [...people, 'settings:read', 'settings:write', '*'];
/** Collection health: about nodes and about what is collected, so either reader sees it. */
const readCollection: readonly Caller[] = [
  ...people,
  'monitoring:read',
  'settings:read',
  'settings:write',
  '*',
];
/** The one write an operator may make; settings:write manages alerts, so it may too. */
const acknowledge: readonly Caller[] = [
  'operator',
  'admin',
  'monitoring:write',
  'settings:write',
  '*',
];
/** Changing settings, nodes, thresholds, notification channels, accounts and tokens. */
const manage: readonly Caller[] = ['admin', 'settings:write', '*'];
/** Replacing every token with a full-access one: only callers that already have full access. */
const fullAccess: readonly Caller[] = ['admin', '*'];
const readAudit: readonly Caller[] = ['admin', 'audit:read', '*'];
/**
 * The assistant and the model list: every person and both AI scopes; settings:write manages
 * the AI settings, so it may list the models it chooses from.
 */
const readAi: readonly Caller[] = [...people, 'settings:write', 'ai:chat', 'ai:execute', '*'];
/** Patrol findings, runs and status: every person, monitoring:read, and ai:execute (runs it). */
const readFinding: readonly Caller[] = [...people, 'monitoring:read', 'ai:execute', '*'];
/** Acknowledge, dismiss, resolve, snooze a finding: like acknowledging an alert. */
const actOnFinding: readonly Caller[] = [
  'operator',
  'admin',
  'monitoring:write',
  'ai:execute',
  '*',
];
/** Notes, tags and links on guests: like acknowledging, minus settings:write (not a setting). */
const annotate: readonly Caller[] = ['operator', 'admin', 'monitoring:write', '*'];
/** Run the patrol, keep suppression rules, clear findings: admins and ai:execute. */
const manageFinding: readonly Caller[] = ['admin', 'ai:execute', '*'];
/** Sending agent reports: each report scope covers its own kind only. */
const reportHost: readonly Caller[] = ['admin', 'agent:report', '*'];
const reportDocker: readonly Caller[] = ['admin', 'docker:report', '*'];
const reportKubernetes: readonly Caller[] = ['admin', 'kubernetes:report', '*'];
/** The agent registry: whoever reads monitoring, and the agent scopes that read or manage it. */
const readAgent: readonly Caller[] = [
  ...people,
  'monitoring:read',
  'agent:config:read',
  'agent:manage',
  'docker:manage',
  'kubernetes:manage',
  '*',
];
/** An agent's remote config: its readers, and the agent itself (agent:report). */
const readAgentConfig: readonly Caller[] = [...readAgent, 'agent:report'];
/** Unlink, delete and configure agents. */
const manageAgent: readonly Caller[] = ['admin', 'agent:manage', '*'];
/** Remove a Docker runtime or Kubernetes cluster, or let it back: also that kind's manage scope. */
const manageDocker: readonly Caller[] = [...manageAgent, 'docker:manage'];
const manageKubernetes: readonly Caller[] = [...manageAgent, 'kubernetes:manage'];
/** A person's own sessions; settings:write and "*" tokens may manage accounts. */
const ownAccount: readonly Caller[] = [...people, 'settings:write', '*'];
/** Another person's session: only those who manage accounts. */
const othersAccount: readonly Caller[] = manage;

const tokens: readonly Caller[] = callers.filter((c) => c !== 'anonymous' && !isPerson(c));

function isPerson(caller: Caller): boolean {
  return (people as readonly string[]).includes(caller);
}

/** An answer other than the allow/deny rule, and why it is right. */
export interface Exception {
  callers: readonly Caller[];
  status: number;
  why: string;
}

interface Row {
  allow: readonly Caller[];
  exceptions?: readonly Exception[];
  /**
   * Revokes every stored token, the caller's own too: run after all other rows, one at a
   * time, with a fresh token for token callers.
   */
  revokesAllTokens?: boolean;
}

/**
 * Values the test fills in: `$victimSession…` are public ids of the test admin's sessions,
 * `$victimToken…` ids of tokens made for the purpose, `$grantable` a scope list the caller
 * may give a new token (its own scopes; ["monitoring:read"] for people).
 */
export interface RestRow extends Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route's path as the router declares it. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface GraphqlRow extends Row {
  operation: 'query' | 'mutation';
  field: string;
  document: string;
  variables?: Record<string, unknown>;
}

const tokenLogout: Exception = {
  callers: tokens,
  status: 401,
  why: 'a token has no session to end or password to change: "sign in" is the answer',
};

/** A union result: typed errors carry the verdict. */
const typed = '{ __typename ... on Error { code } }';

export const restMatrix: readonly RestRow[] = [
  // Public: a monitor of the monitor, and what the login page needs before anyone signs in.
  { method: 'GET', path: '/api/health', allow: allCallers },
  { method: 'GET', path: '/api/version', allow: allCallers },
  { method: 'GET', path: '/api/security/status', allow: allCallers },
  // Login is for everyone; an empty body is a 400 whoever sends it.
  { method: 'POST', path: '/api/login', body: {}, allow: allCallers },
  // Once set up, the bootstrap token is spent: 400 "already set up" for everyone.
  {
    method: 'POST',
    path: '/api/security/validate-bootstrap-token',
    body: { token: 'x' },
    allow: allCallers,
  },
  // Recovery is gated by where the request comes from (this machine) or a recovery token,
  // not by role; an unknown action is a 400 for anyone. recovery.test.ts covers the gate.
  { method: 'GET', path: '/api/security/recovery', allow: allCallers },
  { method: 'POST', path: '/api/security/recovery', body: { action: 'none' }, allow: allCallers },

  { method: 'GET', path: '/api/config/system', allow: readSettings },
  { method: 'POST', path: '/api/config/system', body: {}, allow: manage },

  { method: 'GET', path: '/api/config/nodes', allow: readSettings },
  { method: 'POST', path: '/api/config/nodes', body: {}, allow: manage },
  { method: 'POST', path: '/api/config/nodes/test-connection', body: {}, allow: manage },
  {
    method: 'PUT',
    path: '/api/config/nodes/:id',
    params: { id: 'no-such-node' },
    body: {},
    allow: manage,
  },
  {
    method: 'DELETE',
    path: '/api/config/nodes/:id',
    params: { id: 'no-such-node' },
    allow: manage,
  },
  { method: 'GET', path: '/api/monitoring/scheduler/health', allow: readCollection },

  { method: 'GET', path: '/api/notifications/thresholds', allow: readAlert },
  { method: 'POST', path: '/api/notifications/thresholds', body: {}, allow: manage },
  { method: 'GET', path: '/api/notifications/thresholds/overrides', allow: readAlert },
  { method: 'POST', path: '/api/notifications/thresholds/overrides', body: {}, allow: manage },
  { method: 'GET', path: '/api/notifications/alerts', allow: readAlert },
  { method: 'POST', path: '/api/notifications/alerts/clear', allow: manage },
  { method: 'GET', path: '/api/alerts/config', allow: readAlert },
  { method: 'PUT', path: '/api/alerts/config', body: {}, allow: manage },
  { method: 'GET', path: '/api/alerts/active', allow: readAlert },
  { method: 'GET', path: '/api/alerts/history', allow: readAlert },
  { method: 'DELETE', path: '/api/alerts/history', allow: manage },
  {
    method: 'POST',
    path: '/api/alerts/acknowledge',
    body: { id: 'no-such-alert' },
    allow: acknowledge,
  },
  {
    method: 'POST',
    path: '/api/alerts/unacknowledge',
    body: { id: 'no-such-alert' },
    allow: acknowledge,
  },

  { method: 'GET', path: '/api/state', allow: readResource },
  { method: 'GET', path: '/api/resources', allow: readResource },
  { method: 'GET', path: '/api/storage', allow: readResource },
  { method: 'GET', path: '/api/storage/:node', params: { node: 'pve1' }, allow: readResource },
  { method: 'GET', path: '/api/backups', allow: readResource },
  { method: 'GET', path: '/api/backups/unified', allow: readResource },
  { method: 'GET', path: '/api/backups/pve', allow: readResource },
  { method: 'GET', path: '/api/backups/pbs', allow: readResource },
  { method: 'GET', path: '/api/snapshots', allow: readResource },

  { method: 'GET', path: '/api/metrics-store/stats', allow: readResource },
  {
    method: 'GET',
    path: '/api/metrics-store/history',
    query: { resource: 'pve-a/node/pve1', metric: 'cpu' },
    allow: readResource,
  },
  { method: 'GET', path: '/api/charts', allow: readResource },
  { method: 'GET', path: '/api/storage-charts', allow: readResource },

  // Notification channels hold SMTP passwords, API keys and webhook secrets: admins only,
  // reads included.
  { method: 'GET', path: '/api/notifications/email', allow: manage },
  { method: 'PUT', path: '/api/notifications/email', body: {}, allow: manage },
  { method: 'POST', path: '/api/notifications/email', body: {}, allow: manage },
  { method: 'POST', path: '/api/notifications/test', allow: manage },
  { method: 'POST', path: '/api/notifications/email/test', body: {}, allow: manage },
  { method: 'GET', path: '/api/notifications/apprise', allow: manage },
  { method: 'PUT', path: '/api/notifications/apprise', body: {}, allow: manage },
  { method: 'POST', path: '/api/notifications/apprise/test', body: {}, allow: manage },
  { method: 'GET', path: '/api/notifications/settings', allow: manage },
  { method: 'PUT', path: '/api/notifications/settings', body: {}, allow: manage },
  { method: 'GET', path: '/api/notifications/webhooks', allow: manage },
  { method: 'POST', path: '/api/notifications/webhooks', body: {}, allow: manage },
  { method: 'POST', path: '/api/notifications/webhooks/test', body: {}, allow: manage },
  {
    method: 'PUT',
    path: '/api/notifications/webhooks/:id',
    params: { id: 'no-such-webhook' },
    body: {},
    allow: manage,
  },
  {
    method: 'DELETE',
    path: '/api/notifications/webhooks/:id',
    params: { id: 'no-such-webhook' },
    allow: manage,
  },
  { method: 'GET', path: '/api/notifications/webhook-templates', allow: manage },
  { method: 'GET', path: '/api/notifications/webhook-history', allow: manage },
  { method: 'GET', path: '/api/notifications/email-providers', allow: manage },
  { method: 'GET', path: '/api/notifications/health', allow: manage },
  { method: 'GET', path: '/api/notifications/queue/stats', allow: manage },
  { method: 'GET', path: '/api/notifications/dlq', allow: manage },
  { method: 'POST', path: '/api/notifications/dlq/retry', body: { all: true }, allow: manage },
  {
    method: 'POST',
    path: '/api/notifications/dlq/delete',
    body: { id: 'no-such-letter' },
    allow: manage,
  },

  { method: 'GET', path: '/api/audit', allow: readAudit },
  {
    method: 'GET',
    path: '/api/audit/:id/verify',
    params: { id: 'no-such-event' },
    allow: readAudit,
  },

  {
    method: 'POST',
    path: '/api/logout',
    allow: people,
    exceptions: [tokenLogout],
  },
  {
    method: 'POST',
    path: '/api/security/change-password',
    // People signed in by the proxy have no local password: a 400 after the access check.
    body: { currentPassword: 'not-the-password', newPassword: 'a-new-password-123' },
    allow: people,
    exceptions: [tokenLogout],
  },
  { method: 'GET', path: '/api/security/sessions', allow: ownAccount },
  {
    method: 'DELETE',
    path: '/api/security/sessions/:id',
    params: { id: '$victimSession' },
    allow: othersAccount,
  },
  // Set up already: only account managers get as far as "send force: true" (409).
  { method: 'POST', path: '/api/security/quick-setup', body: {}, allow: manage },
  {
    method: 'POST',
    path: '/api/security/reset-lockout',
    body: { identifier: 'nobody' },
    allow: manage,
  },

  // Single sign-on settings hold the client secret: account managers only. The browser's
  // round trip through the provider is public: without SSO set up, each answers a redirect
  // to /login?error=… (302), whoever asks.
  { method: 'GET', path: '/api/security/oidc', allow: manage },
  { method: 'POST', path: '/api/security/oidc', body: {}, allow: manage },
  { method: 'GET', path: '/api/oidc/login', allow: allCallers },
  { method: 'GET', path: '/api/oidc/callback', allow: allCallers },
  {
    method: 'GET',
    path: '/api/oidc/:providerId/login',
    params: { providerId: 'x' },
    allow: allCallers,
  },
  {
    method: 'GET',
    path: '/api/oidc/:providerId/callback',
    params: { providerId: 'x' },
    allow: allCallers,
  },

  { method: 'GET', path: '/api/security/tokens', allow: manage },
  {
    method: 'POST',
    path: '/api/security/tokens',
    body: { name: 'matrix', scopes: '$grantable' },
    allow: manage,
  },
  {
    method: 'DELETE',
    path: '/api/security/tokens/:id',
    params: { id: '$victimToken' },
    allow: manage,
  },
  {
    method: 'POST',
    path: '/api/security/regenerate-token',
    allow: fullAccess,
    revokesAllTokens: true,
  },
  {
    method: 'POST',
    path: '/api/security/validate-token',
    body: { token: 'not-a-token-value' },
    allow: manage,
  },
  { method: 'GET', path: '/api/system/api-token', allow: manage },
  {
    method: 'POST',
    path: '/api/system/api-token/generate',
    allow: fullAccess,
    revokesAllTokens: true,
  },
  { method: 'DELETE', path: '/api/system/api-token/delete', allow: manage, revokesAllTokens: true },

  // AI settings hold provider keys: only those who manage settings. Listing models (asked live
  // of each configured provider) is part of using the assistant.
  { method: 'GET', path: '/api/settings/ai', allow: manage },
  { method: 'PUT', path: '/api/settings/ai/update', body: {}, allow: manage },
  { method: 'POST', path: '/api/settings/ai/update', body: {}, allow: manage },
  { method: 'GET', path: '/api/ai/models', allow: readAi },
  // The patrol. Rows marked Pro answer 402 (not licensed: the matrix app runs no demo estate)
  // to every caller the role check lets through, so 402 counts as "allow" here: the licence
  // is checked after access, and patrol-api.test.ts covers the 402 itself.
  { method: 'GET', path: '/api/ai/patrol/status', allow: readFinding },
  { method: 'GET', path: '/api/ai/patrol/findings', allow: readFinding },
  { method: 'DELETE', path: '/api/ai/patrol/findings', allow: manageFinding },
  { method: 'GET', path: '/api/ai/patrol/history', allow: readFinding },
  { method: 'GET', path: '/api/ai/patrol/runs', allow: readFinding },
  {
    method: 'GET',
    path: '/api/ai/patrol/runs/:id',
    params: { id: 'nope' },
    allow: readFinding,
  },
  { method: 'GET', path: '/api/ai/patrol/estimate', allow: readFinding },
  // Pro.
  { method: 'GET', path: '/api/ai/patrol/stream', allow: readFinding },
  // Pro.
  { method: 'POST', path: '/api/ai/patrol/run', allow: manageFinding },
  // Pro.
  {
    method: 'POST',
    path: '/api/ai/patrol/acknowledge',
    body: { finding_id: 'no-such-finding' },
    allow: actOnFinding,
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/findings/note',
    body: { finding_id: 'no-such-finding', note: 'n' },
    allow: actOnFinding,
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/dismiss',
    body: { finding_id: 'no-such-finding', reason: 'not_an_issue' },
    allow: actOnFinding,
  },
  {
    method: 'POST',
    path: '/api/ai/patrol/resolve',
    body: { finding_id: 'no-such-finding' },
    allow: actOnFinding,
  },
  // Pro.
  {
    method: 'POST',
    path: '/api/ai/patrol/snooze',
    body: { finding_id: 'no-such-finding', duration_hours: 1 },
    allow: actOnFinding,
  },
  // Pro.
  {
    method: 'POST',
    path: '/api/ai/patrol/suppress',
    body: { finding_id: 'no-such-finding' },
    allow: manageFinding,
  },
  // Pro.
  { method: 'GET', path: '/api/ai/patrol/suppressions', allow: readFinding },
  // Pro.
  {
    method: 'POST',
    path: '/api/ai/patrol/suppressions',
    body: { check: 'smart' },
    allow: manageFinding,
  },
  // Pro.
  {
    method: 'DELETE',
    path: '/api/ai/patrol/suppressions/:id',
    params: { id: 'no-such-rule' },
    allow: manageFinding,
  },
  // Pro.
  { method: 'GET', path: '/api/ai/patrol/dismissed', allow: readFinding },
  // The assistant: using it is reading through the caller's own access (its tools refuse what
  // the caller may not read); conversations are each caller's own.
  { method: 'POST', path: '/api/ai/execute', body: {}, allow: readAi },
  { method: 'POST', path: '/api/ai/execute/stream', body: {}, allow: readAi },
  { method: 'GET', path: '/api/ai/sessions', allow: readAi },
  { method: 'GET', path: '/api/ai/sessions/:id', params: { id: 'nope' }, allow: readAi },
  { method: 'DELETE', path: '/api/ai/sessions/:id', params: { id: 'nope' }, allow: readAi },
  // Spend is visible to whoever may use the assistant; wiping or exporting it is managing AI.
  { method: 'GET', path: '/api/ai/cost/summary', allow: readAi },
  { method: 'POST', path: '/api/ai/cost/reset', allow: manage },
  { method: 'GET', path: '/api/ai/cost/export', allow: manage },
  { method: 'GET', path: '/api/guests/metadata', allow: readResource },
  {
    method: 'GET',
    path: '/api/guests/metadata/:id',
    params: { id: 'nope' },
    allow: readResource,
  },
  {
    method: 'PUT',
    path: '/api/guests/metadata/:id',
    params: { id: 'nope' },
    body: { notes: [] },
    allow: annotate,
  },
  {
    method: 'DELETE',
    path: '/api/guests/metadata/:id',
    params: { id: 'nope' },
    allow: annotate,
  },
  // pulse-agent. Reports with made-up bodies are 400s for whoever may send them.
  { method: 'POST', path: '/api/agents/host/report', body: {}, allow: reportHost },
  { method: 'POST', path: '/api/agents/agent/report', body: {}, allow: reportHost },
  { method: 'POST', path: '/api/agents/docker/report', body: {}, allow: reportDocker },
  { method: 'POST', path: '/api/agents/kubernetes/report', body: {}, allow: reportKubernetes },
  { method: 'GET', path: '/api/agents/host/lookup', query: { id: 'nope' }, allow: reportHost },
  {
    method: 'POST',
    path: '/api/agents/host/uninstall',
    body: { agentId: 'nope' },
    allow: reportHost,
  },
  {
    method: 'POST',
    path: '/api/agents/host/unlink',
    body: { agentId: 'nope' },
    allow: manageAgent,
  },
  { method: 'DELETE', path: '/api/agents/host/:id', params: { id: 'nope' }, allow: manageAgent },
  {
    method: 'GET',
    path: '/api/agents/host/:id/config',
    params: { id: 'nope' },
    allow: readAgentConfig,
  },
  {
    method: 'PATCH',
    path: '/api/agents/host/:id/config',
    params: { id: 'nope' },
    body: {},
    allow: manageAgent,
  },
  { method: 'GET', path: '/api/agents/agent/lookup', query: { id: 'nope' }, allow: reportHost },
  {
    method: 'POST',
    path: '/api/agents/agent/uninstall',
    body: { agentId: 'nope' },
    allow: reportHost,
  },
  {
    method: 'POST',
    path: '/api/agents/agent/unlink',
    body: { agentId: 'nope' },
    allow: manageAgent,
  },
  { method: 'DELETE', path: '/api/agents/agent/:id', params: { id: 'nope' }, allow: manageAgent },
  {
    method: 'GET',
    path: '/api/agents/agent/:id/config',
    params: { id: 'nope' },
    allow: readAgentConfig,
  },
  {
    method: 'PATCH',
    path: '/api/agents/agent/:id/config',
    params: { id: 'nope' },
    body: {},
    allow: manageAgent,
  },
  {
    method: 'POST',
    path: '/api/agents/host/link',
    body: { agentId: 'nope', nodeId: 'nope' },
    allow: manageAgent,
  },
  {
    method: 'POST',
    path: '/api/agents/host/:id/allow-reenroll',
    params: { id: 'nope' },
    allow: manageAgent,
  },
  {
    method: 'POST',
    path: '/api/agents/agent/link',
    body: { agentId: 'nope', nodeId: 'nope' },
    allow: manageAgent,
  },
  {
    method: 'POST',
    path: '/api/agents/agent/:id/allow-reenroll',
    params: { id: 'nope' },
    allow: manageAgent,
  },
  {
    method: 'DELETE',
    path: '/api/agents/docker/runtimes/:id',
    params: { id: 'nope' },
    allow: manageDocker,
  },
  {
    method: 'POST',
    path: '/api/agents/docker/runtimes/:id/allow-reenroll',
    params: { id: 'nope' },
    allow: manageDocker,
  },
  {
    method: 'DELETE',
    path: '/api/agents/kubernetes/clusters/:id',
    params: { id: 'nope' },
    allow: manageKubernetes,
  },
  {
    method: 'POST',
    path: '/api/agents/kubernetes/clusters/:id/allow-reenroll',
    params: { id: 'nope' },
    allow: manageKubernetes,
  },
];

const node =
  '{ type: PVE, name: "matrix", host: "127.0.0.1:1", tokenId: "a@pam!b", tokenValue: "c" }';

export const graphqlMatrix: readonly GraphqlRow[] = [
  // Public: who am I, is it up, what does the login page need.
  { operation: 'query', field: 'me', document: '{ me { kind } }', allow: allCallers },
  { operation: 'query', field: 'health', document: '{ health { status } }', allow: allCallers },
  { operation: 'query', field: 'version', document: '{ version { version } }', allow: allCallers },
  {
    operation: 'query',
    field: 'securityStatus',
    document: '{ securityStatus { configured } }',
    allow: allCallers,
  },

  { operation: 'query', field: 'resources', document: '{ resources { id } }', allow: readResource },
  {
    operation: 'query',
    field: 'resource',
    document: '{ resource(id: "pve-a/node/pve1") { id } }',
    allow: readResource,
  },
  {
    operation: 'query',
    field: 'resourcesVersion',
    document: '{ resourcesVersion }',
    allow: readResource,
  },
  { operation: 'query', field: 'demoActive', document: '{ demoActive }', allow: readResource },
  { operation: 'query', field: 'backups', document: '{ backups { id } }', allow: readResource },
  {
    operation: 'query',
    field: 'guestSnapshots',
    document: '{ guestSnapshots { id } }',
    allow: readResource,
  },
  { operation: 'query', field: 'tasks', document: '{ tasks { id } }', allow: readResource },
  { operation: 'query', field: 'jobs', document: '{ jobs { id } }', allow: readResource },
  {
    operation: 'query',
    field: 'replicationJobs',
    document: '{ replicationJobs { id } }',
    allow: readResource,
  },
  {
    operation: 'query',
    field: 'metricsHistory',
    document: '{ metricsHistory(resourceIds: ["x"], metric: "cpu", range: "1h") { resourceId } }',
    allow: readResource,
  },
  {
    operation: 'query',
    field: 'metricsStoreStats',
    document: '{ metricsStoreStats { rawSamples } }',
    allow: readResource,
  },
  {
    operation: 'query',
    field: 'schedulerHealth',
    document: '{ schedulerHealth { id } }',
    allow: readCollection,
  },

  {
    operation: 'query',
    field: 'activeAlerts',
    document: '{ activeAlerts { id } }',
    allow: readAlert,
  },
  {
    operation: 'query',
    field: 'alertHistory',
    document: '{ alertHistory { id } }',
    allow: readAlert,
  },
  { operation: 'query', field: 'alertConfig', document: '{ alertConfig }', allow: readAlert },

  {
    operation: 'query',
    field: 'systemSettings',
    document: '{ systemSettings { displayName } }',
    allow: readSettings,
  },
  {
    operation: 'query',
    field: 'nodeConnections',
    document: '{ nodeConnections { id } }',
    allow: readSettings,
  },
  {
    operation: 'query',
    field: 'nodeConnection',
    document: `{ nodeConnection(id: "no-such-node") ${typed} }`,
    allow: readSettings,
  },
  {
    operation: 'query',
    field: 'nodeCertificateFingerprint',
    document: `{ nodeCertificateFingerprint(type: PVE, host: "127.0.0.1:1") ${typed} }`,
    allow: manage,
  },

  {
    operation: 'query',
    field: 'notificationChannels',
    document: '{ notificationChannels { settings { allowPrivateTargets } } }',
    allow: manage,
  },
  {
    operation: 'query',
    field: 'notificationHealth',
    document: '{ notificationHealth { __typename } }',
    allow: manage,
  },
  {
    operation: 'query',
    field: 'notificationQueue',
    document: '{ notificationQueue { stats { __typename } } }',
    allow: manage,
  },
  {
    operation: 'query',
    field: 'webhookHistory',
    document: '{ webhookHistory { __typename } }',
    allow: manage,
  },
  {
    operation: 'query',
    field: 'webhookTemplates',
    document: '{ webhookTemplates { __typename } }',
    allow: manage,
  },
  {
    operation: 'query',
    field: 'emailProviders',
    document: '{ emailProviders { __typename } }',
    allow: manage,
  },

  { operation: 'query', field: 'apiTokens', document: `{ apiTokens ${typed} }`, allow: manage },
  {
    operation: 'query',
    field: 'mySessions',
    document: `{ mySessions ${typed} }`,
    allow: ownAccount,
  },
  {
    operation: 'query',
    field: 'auditEvents',
    document: `{ auditEvents ${typed} }`,
    allow: readAudit,
  },
  {
    operation: 'query',
    field: 'verifyAuditEvent',
    document: `{ verifyAuditEvent(id: "no-such-event") ${typed} }`,
    allow: readAudit,
  },
  {
    operation: 'query',
    field: 'verifyAuditLog',
    document: `{ verifyAuditLog ${typed} }`,
    allow: readAudit,
  },

  {
    operation: 'mutation',
    field: 'acknowledgeAlert',
    document: `mutation { acknowledgeAlert(id: "no-such-alert") ${typed} }`,
    allow: acknowledge,
  },
  {
    operation: 'mutation',
    field: 'unacknowledgeAlert',
    document: `mutation { unacknowledgeAlert(id: "no-such-alert") ${typed} }`,
    allow: acknowledge,
  },
  {
    operation: 'mutation',
    field: 'updateAlertConfig',
    document: `mutation { updateAlertConfig(patch: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateSystemSettings',
    document: `mutation { updateSystemSettings(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'addNode',
    document: `mutation { addNode(input: { name: "" }) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateNode',
    document: `mutation { updateNode(id: "no-such-node", input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'removeNode',
    document: `mutation { removeNode(id: "no-such-node") ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'testNodeConnection',
    document: `mutation { testNodeConnection(input: ${node}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateEmailChannel',
    document: `mutation { updateEmailChannel(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateAppriseChannel',
    document: `mutation { updateAppriseChannel(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateNotificationSettings',
    document: `mutation { updateNotificationSettings(allowPrivateTargets: false) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'createWebhook',
    document: `mutation { createWebhook(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateWebhook',
    document: `mutation { updateWebhook(id: "no-such-webhook", input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'deleteWebhook',
    document: `mutation { deleteWebhook(id: "no-such-webhook") ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'testWebhook',
    document: `mutation { testWebhook(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'testEmailChannel',
    document: `mutation { testEmailChannel ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'testAppriseChannel',
    document: `mutation { testAppriseChannel ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'retryDeadLetters',
    document: `mutation { retryDeadLetters(all: true) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'deleteDeadLetter',
    document: `mutation { deleteDeadLetter(id: "no-such-letter") ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'createApiToken',
    document: `mutation($scopes: [String!]) { createApiToken(input: { name: "matrix", scopes: $scopes }) ${typed} }`,
    variables: { scopes: '$grantable' },
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'revokeApiToken',
    document: `mutation($id: ID!) { revokeApiToken(id: $id) ${typed} }`,
    variables: { id: '$victimToken2' },
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'revokeSession',
    document: `mutation($id: ID!) { revokeSession(id: $id) ${typed} }`,
    variables: { id: '$victimSession2' },
    allow: othersAccount,
  },
  {
    operation: 'query',
    field: 'oidcSettings',
    document: `{ oidcSettings ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'updateOidcSettings',
    document: `mutation { updateOidcSettings(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'mutation',
    field: 'resetLockout',
    document: `mutation { resetLockout(identifier: "nobody") ${typed} }`,
    allow: manage,
  },
  {
    operation: 'query',
    field: 'aiSettings',
    document: `{ aiSettings ${typed} }`,
    allow: manage,
  },
  {
    operation: 'query',
    field: 'aiModels',
    document: `{ aiModels ${typed} }`,
    allow: readAi,
  },
  {
    operation: 'mutation',
    field: 'updateAiSettings',
    document: `mutation { updateAiSettings(input: {}) ${typed} }`,
    allow: manage,
  },
  {
    operation: 'query',
    field: 'aiConversations',
    document: '{ aiConversations { id } }',
    allow: readAi,
  },
  {
    operation: 'query',
    field: 'aiConversation',
    document: `{ aiConversation(id: "nope") ${typed} }`,
    allow: readAi,
  },
  {
    operation: 'mutation',
    field: 'deleteAiConversation',
    document: `mutation { deleteAiConversation(id: "nope") ${typed} }`,
    allow: readAi,
  },
  {
    operation: 'query',
    field: 'aiCostSummary',
    document: `{ aiCostSummary ${typed} }`,
    allow: readAi,
  },
  {
    operation: 'mutation',
    field: 'resetAiCost',
    document: `mutation { resetAiCost ${typed} }`,
    allow: manage,
  },
  {
    operation: 'query',
    field: 'guestMetadata',
    document: `{ guestMetadata(id: "nope") ${typed} }`,
    allow: readResource,
  },
  {
    operation: 'mutation',
    field: 'updateGuestMetadata',
    document: `mutation { updateGuestMetadata(id: "nope", input: {}) ${typed} }`,
    allow: annotate,
  },
  {
    operation: 'mutation',
    field: 'deleteGuestMetadata',
    document: `mutation { deleteGuestMetadata(id: "nope") ${typed} }`,
    allow: annotate,
  },
  { operation: 'query', field: 'agents', document: '{ agents { id } }', allow: readAgent },
  {
    operation: 'mutation',
    field: 'deleteAgent',
    document: `mutation { deleteAgent(id: "nope") ${typed} }`,
    allow: manageAgent,
  },
  {
    operation: 'mutation',
    field: 'updateAgentConfig',
    document: `mutation { updateAgentConfig(id: "nope", input: {}) ${typed} }`,
    allow: manageAgent,
  },
  {
    operation: 'mutation',
    field: 'allowAgentReenroll',
    document: `mutation { allowAgentReenroll(id: "nope") ${typed} }`,
    allow: manageAgent,
  },
  {
    operation: 'mutation',
    field: 'linkAgent',
    document: `mutation { linkAgent(id: "nope", nodeId: "nope") ${typed} }`,
    allow: manageAgent,
  },
  {
    operation: 'mutation',
    field: 'removeAgentKind',
    document: `mutation { removeAgentKind(id: "nope", kind: DOCKER) ${typed} }`,
    allow: manageDocker,
  },
  // The patrol; Pro fields answer a PaymentRequiredError result, which counts as "allow".
  {
    operation: 'query',
    field: 'findings',
    document: `{ findings ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'query',
    field: 'patrolRuns',
    document: `{ patrolRuns ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'query',
    field: 'patrolRun',
    document: `{ patrolRun(id: "nope") ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'query',
    field: 'patrolEstimate',
    document: `{ patrolEstimate ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'query',
    field: 'patrolStatus',
    document: `{ patrolStatus ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'query',
    field: 'patrolSuppressions',
    document: `{ patrolSuppressions ${typed} }`,
    allow: readFinding,
  },
  {
    operation: 'mutation',
    field: 'runPatrol',
    document: `mutation { runPatrol ${typed} }`,
    allow: manageFinding,
  },
  {
    operation: 'mutation',
    field: 'acknowledgeFinding',
    document: `mutation { acknowledgeFinding(id: "nope") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'reopenFinding',
    document: `mutation { reopenFinding(id: "nope") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'noteFinding',
    document: `mutation { noteFinding(id: "nope", note: "n") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'dismissFinding',
    document: `mutation { dismissFinding(id: "nope", reason: "not_an_issue") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'resolveFinding',
    document: `mutation { resolveFinding(id: "nope") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'snoozeFinding',
    document: `mutation { snoozeFinding(id: "nope", until: "2999-01-01T00:00:00Z") ${typed} }`,
    allow: actOnFinding,
  },
  {
    operation: 'mutation',
    field: 'suppressFinding',
    document: `mutation { suppressFinding(id: "nope") ${typed} }`,
    allow: manageFinding,
  },
  {
    operation: 'mutation',
    field: 'createSuppression',
    document: `mutation { createSuppression(input: { check: "smart" }) ${typed} }`,
    allow: manageFinding,
  },
  {
    operation: 'mutation',
    field: 'deleteSuppression',
    document: `mutation { deleteSuppression(id: "nope") ${typed} }`,
    allow: manageFinding,
  },
];

/** What a caller should get for a row: "allow", or the refusal / exception status. */
export function expectedFor(row: Row, caller: Caller): 'allow' | number {
  const exception = row.exceptions?.find((e) => e.callers.includes(caller));
  if (exception) return exception.status;
  if (row.allow.includes(caller)) return 'allow';
  return caller === 'anonymous' ? 401 : 403;
}
