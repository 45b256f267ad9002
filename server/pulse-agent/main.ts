#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dockerReportSchema, hostReportSchema, kubernetesReportSchema } from '../agents/reports.ts';
import { AgentLoop, type ReportSource } from './agent.ts';
import { HostCollector } from './host/collect.ts';
import { createLog } from './log.ts';
import { type AgentOptions, parseCommand, UsageError, usage } from './options.ts';
import { Transport } from './transport.ts';
import { agentVersion } from './version.ts';

/** The machine id, so the agent keeps its identity across renames and reinstalls. */
function defaultAgentId(): string {
  for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      const id = readFileSync(path, 'utf8').trim();
      if (/^[0-9a-f]{32}$/i.test(id)) return id.toLowerCase();
    } catch {
      // Try the next place.
    }
  }
  return hostname();
}

function sourcesFor(options: AgentOptions, transport: Transport): ReportSource[] {
  const host = new HostCollector({
    tags: options.tags,
    reportIp: () => transport.localAddress,
  });
  const sources: ReportSource[] = [
    {
      kind: 'host',
      label: 'host',
      schema: hostReportSchema,
      collect: (agent) => host.collect(agent),
    },
  ];
  const { docker, kubernetes } = options;
  if (docker) {
    sources.push({
      kind: 'docker',
      label: 'Docker',
      schema: dockerReportSchema,
      // Loaded only when enabled: most hosts have no use for the module.
      collect: async (agent) => {
        const { collectDockerReport } = await import('./docker/collect.ts');
        return collectDockerReport({ socketPath: docker.socketPath, agent });
      },
    });
  }
  if (kubernetes) {
    sources.push({
      kind: 'kubernetes',
      label: 'Kubernetes',
      schema: kubernetesReportSchema,
      collect: async (agent) => {
        const { collectKubernetesReport } = await import('./kubernetes/collect.ts');
        return collectKubernetesReport({ ...kubernetes, agent });
      },
    });
  }
  return sources;
}

function run(options: AgentOptions): void {
  const log = createLog(options.logLevel);
  const transport = new Transport({
    url: options.url,
    token: options.token,
    insecure: options.insecure,
  });
  const sources = sourcesFor(options, transport);
  const loop = new AgentLoop({
    agentId: options.agentId ?? defaultAgentId(),
    intervalSeconds: options.intervalSeconds,
    sources,
    sender: transport,
    log,
  });
  log.info(
    `pulse-agent ${agentVersion} reporting ${sources.map((s) => s.label).join(', ')} to ${options.url} every ${options.intervalSeconds}s`,
  );
  if (options.insecure) log.warn("--insecure: Pulse's TLS certificate is not checked");
  loop.start();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(0);
    }
    stopping = true;
    log.info(`${signal}: stopping`);
    void loop
      .stop()
      .catch((error: unknown) => log.error(`while stopping: ${String(error)}`))
      .finally(() => {
        transport.close();
        log.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  const parsed = parseCommand(process.argv.slice(2));
  if (parsed.command === 'help') process.stdout.write(usage);
  else if (parsed.command === 'version') process.stdout.write(`pulse-agent ${agentVersion}\n`);
  else run(parsed.options);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`pulse-agent: ${error.message} (see pulse-agent --help)\n`);
  process.exit(2);
}
