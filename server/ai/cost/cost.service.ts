import { randomUUID } from 'node:crypto';
import { type Actor, authorize } from '../../access/actor.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Orm } from '../../db/orm.ts';
import { ServiceError } from '../../errors.ts';
import type { AiSettingsService } from '../ai-settings.service.ts';
import { parseModelId, type Usage } from '../chat-model.ts';
import { AiUsage } from './ai-usage.entity.ts';
import { costOf, pricesAsOf } from './prices.ts';

export type AiFeature = 'chat' | 'patrol';

/** The month's spend reached the configured budget: model calls wait for next month. */
export class BudgetReachedError extends ServiceError {
  override name = 'BudgetReachedError';
  override readonly status = 429;
  override readonly code = 'AI_BUDGET_REACHED';
}

export interface CostLine {
  provider: string;
  model: string;
  feature: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when none of the calls had a price. */
  costUsd: number | null;
  /** Calls whose model has no price: their tokens count, their cost is unknown. */
  unpricedCalls: number;
}

export interface CostTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface CostSummary {
  lines: CostLine[];
  totals: CostTotals;
  thisMonth: CostTotals;
  monthlyBudgetUsd: number | null;
  /** Null without a budget. */
  budgetLeftUsd: number | null;
  pricesAsOf: string;
}

/** The first instant of the current UTC month. */
export function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

function totalsOf(rows: readonly AiUsage[]): CostTotals {
  return {
    calls: rows.length,
    inputTokens: rows.reduce((sum, r) => sum + r.inputTokens, 0),
    outputTokens: rows.reduce((sum, r) => sum + r.outputTokens, 0),
    costUsd: rows.reduce((sum, r) => sum + (r.costUsd ?? 0), 0),
  };
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Quote everything that could break a row or be read as a formula by a spreadsheet.
  return /[",\n\r]|^[=+\-@]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Token use and estimated spend per provider, model and feature; the monthly budget. */
export class CostService {
  readonly #orm: Orm;
  readonly #ai: AiSettingsService;
  readonly #audit: AuditLog;

  constructor(orm: Orm, ai: AiSettingsService, audit: AuditLog) {
    this.#orm = orm;
    this.#ai = ai;
    this.#audit = audit;
  }

  /** Records one call's usage; `modelId` is the `provider:model` that was asked. */
  async record(feature: AiFeature, modelId: string, usage: Usage): Promise<AiUsage> {
    const parsed = parseModelId(modelId);
    const provider = parsed?.provider ?? 'unknown';
    const model = usage.model || parsed?.model || 'unknown';
    const em = this.#orm.em.fork();
    const row = em.create(AiUsage, {
      id: randomUUID(),
      at: new Date(),
      provider,
      model,
      feature,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd: costOf(provider, model, usage),
    });
    await em.flush();
    return row;
  }

  async summary(actor: Actor): Promise<CostSummary> {
    authorize(actor, 'read', 'AI');
    const rows = await this.#orm.em.fork().find(AiUsage, {}, { orderBy: { at: 'asc' } });
    const groups = new Map<string, AiUsage[]>();
    for (const row of rows) {
      const key = `${row.provider}\u0000${row.model}\u0000${row.feature}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const lines = [...groups.values()].map((group): CostLine => {
      const first = group[0] as AiUsage;
      const priced = group.filter((r) => r.costUsd !== null && r.costUsd !== undefined);
      return {
        provider: first.provider,
        model: first.model,
        feature: first.feature,
        ...totalsOf(group),
        costUsd: priced.length > 0 ? totalsOf(priced).costUsd : null,
        unpricedCalls: group.length - priced.length,
      };
    });
    const since = monthStart();
    const thisMonth = totalsOf(rows.filter((r) => r.at >= since));
    const budget = (await this.#ai.fields()).monthlyBudgetUsd;
    return {
      lines,
      totals: totalsOf(rows),
      thisMonth,
      monthlyBudgetUsd: budget,
      budgetLeftUsd: budget === null ? null : Math.max(0, budget - thisMonth.costUsd),
      pricesAsOf,
    };
  }

  /** Null without a budget; otherwise what is left of it this month (0 when spent). */
  async budgetLeft(): Promise<number | null> {
    const budget = (await this.#ai.fields()).monthlyBudgetUsd;
    if (budget === null) return null;
    const rows = await this.#orm.em.fork().find(AiUsage, { at: { $gte: monthStart() } });
    return Math.max(0, budget - totalsOf(rows).costUsd);
  }

  /** Throws BudgetReachedError when this month's spend reached the budget. */
  async assertWithinBudget(): Promise<void> {
    const left = await this.budgetLeft();
    if (left !== null && left <= 0) {
      const budget = (await this.#ai.fields()).monthlyBudgetUsd ?? 0;
      throw new BudgetReachedError(
        `the monthly AI budget of $${budget.toFixed(2)} is spent; AI requests resume next month or when the budget is raised`,
      );
    }
  }

  async reset(actor: Actor): Promise<{ deleted: number }> {
    authorize(actor, 'manage', 'AI');
    const deleted = await this.#orm.em.fork().nativeDelete(AiUsage, {});
    await this.#audit.record({
      event: 'ai_cost_reset',
      user: actor.name,
      details: { deleted },
    });
    return { deleted };
  }

  /** Every recorded call as CSV, oldest first, with a header row. */
  async exportCsv(actor: Actor): Promise<string> {
    authorize(actor, 'manage', 'AI');
    const rows = await this.#orm.em.fork().find(AiUsage, {}, { orderBy: { at: 'asc' } });
    const header = 'at,provider,model,feature,input_tokens,output_tokens,cost_usd';
    const lines = rows.map((r) =>
      [
        r.at.toISOString(),
        r.provider,
        r.model,
        r.feature,
        r.inputTokens,
        r.outputTokens,
        r.costUsd ?? null,
      ]
        .map(csvCell)
        .join(','),
    );
    return `${[header, ...lines].join('\n')}\n`;
  }
}
