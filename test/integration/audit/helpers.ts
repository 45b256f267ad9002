import type { RunningApp } from '../../fixtures/app.ts';

export const token = 'audit-test-token-0123456789abcdef';

/** A REST call as the admin token (or as nobody, with `anonymous`). */
export async function api(
  running: RunningApp,
  method: string,
  path: string,
  body?: unknown,
  options: { anonymous?: boolean } = {},
) {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(!options.anonymous && { 'x-api-token': token }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, text };
}

export interface PulseAuditEvent {
  id: string;
  sequence: number;
  timestamp: string;
  event: string;
  user: string;
  ip: string;
  path: string;
  success: boolean;
  details: string;
  signature: string;
}

export async function auditEvents(running: RunningApp, query = '') {
  const result = await api(running, 'GET', `/api/audit${query}`);
  return result.body as { events: PulseAuditEvent[]; total: number; persistentLogging: boolean };
}
