import type { AgentKind } from '../../access/abilities.ts';
import { systemActor } from '../../access/actor.ts';
import type { AgentService } from '../../agents/agent.service.ts';
import { ConflictError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { DemoNodes } from '../../sources/source-manager.ts';
import { demoDockerHosts, dockerReport } from './docker-reports.ts';
import { demoHosts, hostReport } from './host-reports.ts';
import { kubernetesReport } from './kubernetes-reports.ts';

/** One simulated agent: what it sends, of which kind, how often. */
interface DemoAgent {
  id: string;
  kind: AgentKind;
  everyMs: number;
  report(at: number, startedAt: number): unknown;
}

const demoAgents: DemoAgent[] = [
  ...demoHosts.map((h) => ({
    id: h.agentId,
    kind: 'host' as const,
    everyMs: 15_000,
    report: (at: number, startedAt: number) => hostReport(h, at, startedAt),
  })),
  ...demoDockerHosts.map((h) => ({
    id: h.agentId,
    kind: 'docker' as const,
    everyMs: 20_000,
    report: (at: number, startedAt: number) => dockerReport(h, at, startedAt),
  })),
  {
    id: 'demo-agent-k3s',
    kind: 'kubernetes',
    everyMs: 30_000,
    report: (at, startedAt) => kubernetesReport(at, startedAt),
  },
];

/**
 * The demo estate plus simulated pulse-agents (three hosts, one on pve1; two Docker machines; a k3s cluster)
 * that report in-process through the same ingestion as real agents, so the Hosts, Docker and
 * Kubernetes pages have something to show on a first run. They go when the demo goes.
 */
export function withDemoAgents(nodes: DemoNodes, agents: AgentService, log: Logger): DemoNodes {
  const timers: NodeJS.Timeout[] = [];
  let inFlight = new Set<Promise<void>>();
  let startedAt = 0;

  const send = (agent: DemoAgent, at = Date.now()): Promise<void> => {
    const work = agents
      .report(systemActor, agent.kind, agent.report(at, startedAt))
      .then(() => {})
      .catch((error: unknown) => {
        // Someone removed this simulated agent in Settings → Agents: refusing it is the point.
        if (error instanceof ConflictError) return;
        log.warn({ err: error, agent: agent.id }, 'demo agent report failed');
      });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  return {
    async start() {
      const started = await nodes.start();
      startedAt = Date.now();
      // The first reports land before the dashboard's first look, two of them an interval
      // apart so rates show at once; then each agent reports on its interval.
      await Promise.all(demoAgents.map((agent) => send(agent, startedAt - agent.everyMs)));
      await Promise.all(demoAgents.map((agent) => send(agent, startedAt)));
      for (const agent of demoAgents) {
        const timer = setInterval(() => void send(agent), agent.everyMs);
        timer.unref();
        timers.push(timer);
      }
      return started;
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(inFlight);
      inFlight = new Set();
      for (const agent of demoAgents) {
        await agents.forget(systemActor, agent.id).catch(() => {});
      }
      await nodes.stop();
    },
  };
}
