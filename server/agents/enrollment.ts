import type { AgentKind } from '../access/abilities.ts';
import { ConflictError } from '../errors.ts';
import type { Agent } from './agent.entity.ts';

const what: Record<AgentKind, string> = {
  host: 'host',
  docker: 'Docker',
  kubernetes: 'Kubernetes',
};

/**
 * Whether a report may land for an agent Pulse already knows. An agent belongs to the token
 * that first reported for it, so one machine's token cannot overwrite another machine's data;
 * once that token is revoked, the next token takes the agent over (token rotation). What a
 * person removed stays removed while the agent keeps running. An admin's "allow
 * re-enrollment" lifts both for the next report.
 */
export async function assertMayReport(
  known: Agent | null,
  kind: AgentKind,
  tokenId: string | null,
  tokenExists: (id: string) => Promise<boolean>,
): Promise<void> {
  if (!known || known.reenrollAllowed) return;
  if (known.removedKinds.includes(kind)) {
    throw new ConflictError(
      `${what[kind]} monitoring of agent ${known.id} was removed from Pulse; ` +
        'allow re-enrollment under Settings → Agents to take its reports again',
    );
  }
  const otherToken = tokenId !== null && known.tokenId !== null && known.tokenId !== tokenId;
  if (otherToken && (await tokenExists(known.tokenId ?? ''))) {
    throw new ConflictError(
      `agent ${known.id} is enrolled with another API token; revoke that token or ` +
        'allow re-enrollment under Settings → Agents',
    );
  }
}
