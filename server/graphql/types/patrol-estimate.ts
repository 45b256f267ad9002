import type { PatrolEstimate } from '../../patrol/patrol.service.ts';
import { builder } from '../builder.ts';
import { proErrors } from './errors.ts';

const CoverageRef = builder
  .objectRef<{ total: number; included: number }>('PatrolSummaryCoverage')
  .implement({
    description: 'How much of the estate fits in the summary the model reads',
    fields: (t) => ({ total: t.exposeInt('total'), included: t.exposeInt('included') }),
  });

const EstimateRef = builder.objectRef<PatrolEstimate>('PatrolEstimate').implement({
  description: 'What a patrol run would send the model now, before anything is sent',
  fields: (t) => ({
    estimatedInputTokens: t.exposeInt('estimatedInputTokens', {
      description: 'Cautious estimate (2.5 characters per token); 0 without a model',
    }),
    tokenBudget: t.exposeInt('tokenBudget', { description: 'Most one pass may send' }),
    resources: t.field({ type: CoverageRef, resolve: (e) => e.resources }),
    findings: t.field({ type: CoverageRef, resolve: (e) => e.findings }),
    llmModel: t.exposeString('llmModel', { nullable: true }),
    llmUnavailableReason: t.exposeString('llmUnavailableReason', { nullable: true }),
    budgetLeftUsd: t.exposeFloat('budgetLeftUsd', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  patrolEstimate: t.field({
    type: EstimateRef,
    errors: proErrors,
    description: 'The token estimate of a patrol run, shown before a manual run',
    resolve: (_root, _args, { services, actor }) => services.patrol.estimate(actor),
  }),
}));
