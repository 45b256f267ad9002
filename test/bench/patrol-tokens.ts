// Figure: the input tokens of one patrol model pass over the large demo estate (20 PVE nodes,
// ~2,000 guests, PBS, PMG), against the budget of 10,000 and Pulse's own runs (over 100,000).
// The app polls the simulated estate over HTTPS, the pass goes through the Anthropic SDK to the
// scripted wire-format server, and the request it received is measured.
// Run: node test/bench/patrol-tokens.ts

import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { systemActor } from '../../server/access/actor.ts';
import { charsPerToken } from '../../server/patrol/llm/estate-summary.ts';
import { startApp } from '../fixtures/app.ts';
import { startLlmServer } from '../fixtures/llm-server.ts';

const llm = await startLlmServer();
const running = await startApp({ PULSE_MOCK_MODE: 'true', PULSE_DEMO_SIZE: 'large' });
const { services, scheduler, store } = running.app;
try {
  await services.ai.update(systemActor, {
    enabled: true,
    anthropic: { apiKey: llm.apiKey, baseUrl: llm.url },
    model: 'anthropic:claude-test-1',
  });
  for (const source of scheduler.health()) await scheduler.pollNow(source.id);
  const guests = store.all().filter((r) => r.type === 'vm' || r.type === 'container').length;

  const estimate = await services.patrol.estimate(systemActor);
  llm.script({
    toolCalls: [{ name: 'report_findings', input: { findings: [], explanations: [] } }],
  });
  const run = await services.patrol.run(systemActor);
  const request = llm.requests.findLast((r) => r.path === '/v1/messages');
  const body = request?.body ?? {};
  // What the model reads: the instructions, the message and the tool's schema, decoded.
  const messages = (body.messages ?? []) as { content: unknown }[];
  const read = [
    String(body.system ?? ''),
    ...messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))),
    JSON.stringify(body.tools ?? []),
  ].join('\n');

  console.log(`estate: ${store.all().length} resources, ${guests} guests`);
  console.log(
    `summary holds ${estimate.resources.included} of ${estimate.resources.total} resources, ${estimate.findings.included} of ${estimate.findings.total} deterministic findings`,
  );
  console.log(
    `estimated input tokens (${charsPerToken} chars/token): ${estimate.estimatedInputTokens} (budget ${estimate.tokenBudget}; Pulse's own runs: over 100,000)`,
  );
  console.log(
    `what the model was sent: ${read.length} chars = ${o200k(read)} tokens with o200k_base (GPT-4o/5), ${cl100k(read)} with cl100k_base (GPT-4); budget ${estimate.tokenBudget}`,
  );
  console.log(`run: ${run.status}, model pass ${run.llmStatus}, ${run.durationMs} ms`);
} finally {
  await running.stop();
  await llm.close();
}
