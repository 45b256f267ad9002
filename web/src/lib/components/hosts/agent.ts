import { ago, epoch } from '../../format.ts';
import type { BadgeTone } from '../ui/tone.ts';

/** What every agent-reported resource at the top of its tree carries about its reporter. */
export interface Reported {
  lastSeenAt: string;
  reportIntervalSeconds: number;
}

export interface Freshness {
  text: string;
  tone: BadgeTone;
  /** Epoch milliseconds of the last report. */
  at: number | null;
}

/**
 * How recent the last report is, judged by the interval the agent promised, with the server's
 * limits (server/agents/liveness.ts): late after one and a half intervals, gone after three.
 */
export function freshness(resource: Reported, now: number): Freshness {
  const at = epoch(resource.lastSeenAt);
  if (at === null) return { text: 'never', tone: 'off', at };
  const late = (now - at) / 1000 / Math.max(1, resource.reportIntervalSeconds);
  const tone: BadgeTone = late <= 1.5 ? 'ok' : late <= 3 ? 'warn' : 'bad';
  return { text: ago(at, now), tone, at };
}

/**
 * The token scopes an agent needs for each page (server/access/scopes.ts): the host report is
 * always on, so its scope comes with every module's.
 */
export const reportScopes = {
  host: 'agent:report',
  docker: 'agent:report docker:report',
  kubernetes: 'agent:report kubernetes:report',
} as const;

export type ReportKind = keyof typeof reportScopes;

/** The agent flag that turns each module on; the host module needs none. */
const moduleFlags: Record<ReportKind, string> = {
  host: '',
  docker: ' --enable-docker',
  kubernetes: ' --enable-kubernetes',
};

/** The one-line install, with the address the dashboard was opened at. */
export const installCommand = (origin: string, kind: ReportKind) =>
  `curl -fsSL ${origin}/install.sh | sudo sh -s -- --url ${origin} --token <TOKEN>${moduleFlags[kind]}`;
