import type { AiCostSummaryQuery } from '../../graphql/generated/graphql.ts';

export type CostSummary = Extract<
  AiCostSummaryQuery['aiCostSummary'],
  { __typename: 'QueryAiCostSummarySuccess' }
>['data'];
export type CostTotals = CostSummary['totals'];
export type CostLine = CostSummary['lines'][number];
