import type { AiSettingsService } from '../../ai/ai-settings.service.ts';
import type { ChatModel, Usage } from '../../ai/chat-model.ts';
import type { CostService } from '../../ai/cost/cost.service.ts';
import { ProviderError } from '../../ai/provider-error.ts';
import type { Logger } from '../../log/logger.ts';
import type { Finding } from '../finding.ts';
import type { PatrolInputs } from '../inputs.ts';
import {
  charsPerToken,
  type EarlierModelFinding,
  type EstateSummary,
  estimateTokens,
  patrolTokenBudget,
  summarizeEstate,
} from './estate-summary.ts';
import { readModelReport } from './model-report.ts';
import { patrolSystemPrompt, reportFindingsTool } from './prompt.ts';

/** What a pass reads: the estate as gathered for this run and the deterministic findings. */
export interface PassInput {
  inputs: PatrolInputs;
  findings: readonly Finding[];
  now: number;
}

export type LlmPassStatus = 'completed' | 'skipped-budget' | 'failed';

export interface LlmPassResult {
  status: LlmPassStatus;
  /** The run's findings after the pass; the deterministic ones alone unless it completed. */
  findings: Finding[];
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Findings the model added. */
  added: number;
  /** Why it was skipped or failed, or what was dropped, in a sentence. */
  note: string | null;
}

/** What one pass would send, for the estimate shown before a manual run. */
export interface PassEstimate {
  estimatedInputTokens: number;
  tokenBudget: number;
  resources: EstateSummary['resources'];
  findings: EstateSummary['findings'];
}

/** The model's pass as the patrol sees it; a test may put a scripted one in its place. */
export interface LlmPass {
  /** The `provider:model` the pass would use; null when AI is off or no model is chosen. */
  model(): Promise<string | null>;
  estimate(input: PassInput): Promise<PassEstimate>;
  run(input: PassInput, signal?: AbortSignal): Promise<LlmPassResult>;
}

export interface ModelPassDeps {
  ai: AiSettingsService;
  cost: CostService;
  /** People's notes on guests, by guest id. */
  notes: () => Promise<ReadonlyMap<string, readonly string[]>>;
  earlierModelFindings: () => Promise<EarlierModelFinding[]>;
  /** People's notes on findings, by finding id. */
  findingNotes: () => Promise<ReadonlyMap<string, string>>;
  log: Logger;
}

const maxOutputTokens = 2_048;
/** Room kept for the message wrapping and each provider's own framing. */
const framingTokens = 150;
/**
 * The summary aims at 90% of the budget: tokenizers differ (Claude's splits JSON somewhat
 * finer than OpenAI's), and the budget is a promise, not a target.
 */
const tokenizerHeadroom = 0.9;

const fixedTokens =
  estimateTokens(patrolSystemPrompt) +
  estimateTokens(JSON.stringify(reportFindingsTool)) +
  framingTokens;

/** The second pass of a patrol: the token-budgeted estate summary, read by the patrol model. */
export class ModelPass implements LlmPass {
  readonly #deps: ModelPassDeps;

  constructor(deps: ModelPassDeps) {
    this.#deps = deps;
  }

  async model(): Promise<string | null> {
    return (await this.#deps.ai.modelFor('patrol'))?.id ?? null;
  }

  async estimate(input: PassInput): Promise<PassEstimate> {
    const summary = await this.#summary(input);
    return {
      estimatedInputTokens: fixedTokens + estimateTokens(summary.document),
      tokenBudget: patrolTokenBudget,
      resources: summary.resources,
      findings: summary.findings,
    };
  }

  async run(input: PassInput, signal?: AbortSignal): Promise<LlmPassResult> {
    const model = await this.#deps.ai.modelFor('patrol');
    const base = { findings: [...input.findings], inputTokens: 0, outputTokens: 0, added: 0 };
    if (!model) return { ...base, status: 'failed', model: '', note: 'no patrol model is set' };
    const left = await this.#deps.cost.budgetLeft();
    if (left !== null && left <= 0) {
      return {
        ...base,
        status: 'skipped-budget',
        model: model.id,
        note: 'the monthly AI budget is spent; the model pass resumes next month or when the budget is raised',
      };
    }
    const summary = await this.#summary(input);
    try {
      const { call, usage } = await this.#ask(model, summary.document, signal);
      const tokens = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
      if (!call) {
        return {
          ...base,
          ...tokens,
          status: 'failed',
          model: model.id,
          note: 'the model did not report',
        };
      }
      const report = readModelReport(call, {
        resources: new Map(input.inputs.resources.map((r) => [r.id, r])),
        deterministic: input.findings,
        now: input.now,
      });
      if (report.dropped.length > 0) {
        this.#deps.log.info({ dropped: report.dropped }, 'patrol model findings dropped');
      }
      return {
        ...tokens,
        status: 'completed',
        model: model.id,
        findings: report.findings,
        added: report.added,
        note:
          report.dropped.length > 0
            ? `${report.dropped.length} of the model's items were dropped (${report.dropped[0]?.reason}${report.dropped.length > 1 ? ', …' : ''})`
            : null,
      };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ...base, status: 'failed', model: model.id, note: error.message };
    }
  }

  async #summary(input: PassInput): Promise<EstateSummary> {
    const [notes, earlierModelFindings, findingNotes] = await Promise.all([
      this.#deps.notes(),
      this.#deps.earlierModelFindings(),
      this.#deps.findingNotes(),
    ]);
    return summarizeEstate({
      inputs: input.inputs,
      findings: input.findings,
      earlierModelFindings,
      notes,
      findingNotes,
      now: input.now,
      maxChars: (patrolTokenBudget * tokenizerHeadroom - fixedTokens) * charsPerToken,
    });
  }

  /** One request; every response's usage is recorded as patrol spend, even a failed parse. */
  async #ask(
    model: ChatModel,
    document: string,
    signal?: AbortSignal,
  ): Promise<{ call: Record<string, unknown> | null; usage: Usage }> {
    let call: Record<string, unknown> | null = null;
    let usage: Usage = { inputTokens: 0, outputTokens: 0, model: '' };
    for await (const event of model.stream({
      system: patrolSystemPrompt,
      messages: [{ role: 'user', content: document }],
      tools: [reportFindingsTool],
      maxTokens: maxOutputTokens,
      ...(signal && { signal }),
    })) {
      if (event.type === 'tool_call' && event.call.name === reportFindingsTool.name) {
        call ??= event.call.input;
      } else if (event.type === 'done') {
        usage = event.usage;
        await this.#deps.cost.record('patrol', model.id, usage);
      }
    }
    return { call, usage };
  }
}
