import { defineEntity, p } from '@mikro-orm/core';

/** An OpenAI-compatible endpoint as stored: its key sealed with the master key. */
export interface StoredCompatibleProvider {
  name: string;
  baseUrl: string;
  sealedApiKey: string | null;
}

/** AI settings (one row, id `ai`). API keys are sealed with the master key. */
export const AiSettingsSchema = defineEntity({
  name: 'AiSettings',
  tableName: 'ai_settings',
  properties: {
    id: p.string().primary(),
    enabled: p.boolean(),
    sealedAnthropicKey: p.text().nullable(),
    /** Empty: Anthropic's own API. */
    anthropicBaseUrl: p.string(),
    sealedOpenaiKey: p.text().nullable(),
    /** Empty: OpenAI's own API. */
    openaiBaseUrl: p.string(),
    compatible: p.json<StoredCompatibleProvider[]>(),
    model: p.string(),
    chatModel: p.string(),
    patrolModel: p.string(),
    patrolIntervalMinutes: p.integer(),
    monthlyBudgetUsd: p.float().nullable(),
    updatedAt: p.datetime(),
  },
});

export class AiSettings extends AiSettingsSchema.class {}
AiSettingsSchema.setClass(AiSettings);
