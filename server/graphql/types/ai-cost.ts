import type { CostLine, CostSummary, CostTotals } from '../../ai/cost/cost.service.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

const AiCostTotalsRef = builder.objectRef<CostTotals>('AiCostTotals').implement({
  fields: (t) => ({
    calls: t.exposeInt('calls'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd', { description: 'Priced calls only' }),
  }),
});

const AiCostLineRef = builder.objectRef<CostLine>('AiCostLine').implement({
  description: 'Token use and spend of one provider, model and feature (chat or patrol)',
  fields: (t) => ({
    provider: t.exposeString('provider'),
    model: t.exposeString('model'),
    feature: t.exposeString('feature'),
    calls: t.exposeInt('calls'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd', {
      nullable: true,
      description: 'Null when no call of this line has a price',
    }),
    unpricedCalls: t.exposeInt('unpricedCalls'),
  }),
});

const AiCostSummaryRef = builder.objectRef<CostSummary>('AiCostSummary').implement({
  fields: (t) => ({
    lines: t.field({ type: [AiCostLineRef], resolve: (s) => s.lines }),
    totals: t.field({ type: AiCostTotalsRef, resolve: (s) => s.totals }),
    thisMonth: t.field({ type: AiCostTotalsRef, resolve: (s) => s.thisMonth }),
    monthlyBudgetUsd: t.exposeFloat('monthlyBudgetUsd', { nullable: true }),
    budgetLeftUsd: t.exposeFloat('budgetLeftUsd', { nullable: true }),
    pricesAsOf: t.exposeString('pricesAsOf', { description: 'Date of the price table' }),
  }),
});

const AiCostResetRef = builder.objectRef<{ deleted: number }>('AiCostReset').implement({
  fields: (t) => ({ deleted: t.exposeInt('deleted') }),
});

builder.queryFields((t) => ({
  aiCostSummary: t.field({
    type: AiCostSummaryRef,
    errors: mutationErrors,
    description: 'AI token use and estimated spend per provider, model and feature',
    resolve: (_root, _args, { services, actor }) => services.cost.summary(actor),
  }),
}));

builder.mutationFields((t) => ({
  resetAiCost: t.field({
    type: AiCostResetRef,
    errors: mutationErrors,
    description: 'Forgets every recorded AI call (admins)',
    resolve: (_root, _args, { services, actor }) => services.cost.reset(actor),
  }),
}));
