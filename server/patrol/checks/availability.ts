import type { Resource } from '../../resources/model.ts';
import type { FindingDraft } from '../finding.ts';
import { type CheckContext, isGuest, subjectOf } from './context.ts';

const watched = new Set<Resource['type']>(['node', 'pbs', 'pmg', 'host', 'dockerHost']);

/** Nodes and servers that stopped answering, with how much sits on them. */
export function offlineCheck({ inputs, now }: CheckContext): FindingDraft[] {
  const guestsByNode = new Map<string, { total: number; running: number }>();
  for (const r of inputs.resources) {
    if (!isGuest(r)) continue;
    const key = `${r.source}\u0000${r.details.node}`;
    const counts = guestsByNode.get(key) ?? { total: 0, running: 0 };
    counts.total += 1;
    if (r.status === 'running') counts.running += 1;
    guestsByNode.set(key, counts);
  }
  const out: FindingDraft[] = [];
  for (const r of inputs.resources) {
    if (!watched.has(r.type) || r.status !== 'offline') continue;
    const guests = r.type === 'node' ? guestsByNode.get(`${r.source}\u0000${r.name}`) : undefined;
    const what = r.type === 'node' ? `Node ${r.name}` : r.name;
    const minutes = Math.max(0, Math.round((now - r.lastSeenAt) / 60_000));
    out.push({
      check: 'node-offline',
      subject: subjectOf(r),
      severity: r.type === 'node' ? 'critical' : 'warning',
      category: 'reliability',
      title: `${what} is offline`,
      description: `${what} does not answer${guests ? `; ${guests.total} guests are placed on it` : ''}.`,
      impact:
        r.type === 'node'
          ? 'Guests on the node are down unless HA moved them; the cluster has one member less for quorum.'
          : 'Nothing it serves can be monitored or reached.',
      recommendation:
        'Check power, network and the node’s console; once it is back, check its guests started and the cluster is quorate.',
      evidence: {
        summary: `status offline${guests ? `, ${guests.total} guests on it` : ''}`,
        values: {
          status: r.status,
          lastSeenAt: r.lastSeenAt,
          minutesSinceSeen: minutes,
          guests: guests?.total ?? null,
          guestsStillRunning: guests?.running ?? null,
        },
      },
    });
  }
  return out;
}
