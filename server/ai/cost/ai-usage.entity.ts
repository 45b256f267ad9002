import { defineEntity, p } from '@mikro-orm/core';

/** One model call's token use, as the provider's SDK reported it, with its estimated cost. */
export const AiUsageSchema = defineEntity({
  name: 'AiUsage',
  tableName: 'ai_usage',
  properties: {
    id: p.string().primary(),
    at: p.datetime().index(),
    provider: p.string(),
    model: p.string(),
    /** chat or patrol. */
    feature: p.string(),
    inputTokens: p.integer(),
    outputTokens: p.integer(),
    /** Null: the model is not in the price table. */
    costUsd: p.float().nullable(),
  },
});

export class AiUsage extends AiUsageSchema.class {}
AiUsageSchema.setClass(AiUsage);
