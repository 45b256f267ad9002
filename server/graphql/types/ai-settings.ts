import type { AiSettingsView, ModelListing, ProviderStatus } from '../../ai/ai-settings.service.ts';
import type { ModelInfo } from '../../ai/chat-model.ts';
import { builder } from '../builder.ts';
import { mutationErrors } from './errors.ts';

type KeyView = AiSettingsView['anthropic'];
type CompatibleView = AiSettingsView['openaiCompatible'][number];

const keyFields = {
  apiKey: 'The mask when a key is stored, or ""',
  baseUrl: 'Empty: the provider’s own API',
};

const AiProviderKeyRef = builder.objectRef<KeyView>('AiProviderKey').implement({
  fields: (t) => ({
    apiKey: t.exposeString('apiKey', { description: keyFields.apiKey }),
    hasApiKey: t.exposeBoolean('hasApiKey'),
    baseUrl: t.exposeString('baseUrl', { description: keyFields.baseUrl }),
  }),
});

const AiCompatibleRef = builder.objectRef<CompatibleView>('AiCompatibleProvider').implement({
  description: 'An OpenAI-compatible endpoint (Ollama, OpenRouter, DeepSeek...) under its name',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The provider part of its model ids' }),
    baseUrl: t.exposeString('baseUrl', { description: 'Including the version path, e.g. /v1' }),
    apiKey: t.exposeString('apiKey', { description: keyFields.apiKey }),
    hasApiKey: t.exposeBoolean('hasApiKey'),
  }),
});

const AiSettingsRef = builder.objectRef<AiSettingsView>('AiSettings').implement({
  description: 'AI providers and models; keys are stored sealed and never returned',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled'),
    anthropic: t.field({ type: AiProviderKeyRef, resolve: (s) => s.anthropic }),
    openai: t.field({ type: AiProviderKeyRef, resolve: (s) => s.openai }),
    openaiCompatible: t.field({ type: [AiCompatibleRef], resolve: (s) => s.openaiCompatible }),
    configuredProviders: t.exposeStringList('configuredProviders'),
    model: t.exposeString('model', { description: 'provider:model, the default' }),
    chatModel: t.exposeString('chatModel', { description: 'Empty: model' }),
    patrolModel: t.exposeString('patrolModel', { description: 'Empty: model' }),
    patrolIntervalMinutes: t.exposeInt('patrolIntervalMinutes', { description: '0: off' }),
    monthlyBudgetUsd: t.exposeFloat('monthlyBudgetUsd', { nullable: true }),
  }),
});

const AiModelRef = builder.objectRef<ModelInfo>('AiModel').implement({
  fields: (t) => ({
    id: t.exposeString('id', { description: 'provider:model' }),
    provider: t.exposeString('provider'),
    name: t.exposeString('name'),
  }),
});

const AiProviderStatusRef = builder.objectRef<ProviderStatus>('AiProviderStatus').implement({
  fields: (t) => ({
    provider: t.exposeString('provider'),
    ok: t.exposeBoolean('ok'),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'bad_key, unreachable, model_missing, rate_limited or provider_error',
    }),
    message: t.exposeString('message', { nullable: true }),
    modelCount: t.exposeInt('modelCount'),
  }),
});

const AiModelListingRef = builder.objectRef<ModelListing>('AiModelListing').implement({
  fields: (t) => ({
    models: t.field({ type: [AiModelRef], resolve: (l) => l.models }),
    providers: t.field({ type: [AiProviderStatusRef], resolve: (l) => l.providers }),
  }),
});

const AiProviderKeyInput = builder.inputType('AiProviderKeyInput', {
  fields: (t) => ({
    apiKey: t.string({ description: 'The mask (or nothing) keeps the stored key; "" clears it' }),
    baseUrl: t.string(),
  }),
});

const AiCompatibleInput = builder.inputType('AiCompatibleProviderInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    baseUrl: t.string({ required: true }),
    apiKey: t.string({ description: 'The mask keeps the stored key of the same name' }),
  }),
});

const AiSettingsInput = builder.inputType('AiSettingsInput', {
  description: 'A partial change: absent fields keep their values',
  fields: (t) => ({
    enabled: t.boolean(),
    anthropic: t.field({ type: AiProviderKeyInput }),
    openai: t.field({ type: AiProviderKeyInput }),
    openaiCompatible: t.field({ type: [AiCompatibleInput], description: 'Replaces the list' }),
    model: t.string(),
    chatModel: t.string(),
    patrolModel: t.string(),
    patrolIntervalMinutes: t.int(),
    monthlyBudgetUsd: t.float(),
    clearMonthlyBudget: t.boolean({ description: 'Removes the budget' }),
  }),
});

/** GraphQL nulls mean "not given", at every level. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v != null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

builder.queryFields((t) => ({
  aiSettings: t.field({
    type: AiSettingsRef,
    errors: mutationErrors,
    description: 'AI provider settings (admins only)',
    resolve: (_root, _args, { services, actor }) => services.ai.view(actor),
  }),
  aiModels: t.field({
    type: AiModelListingRef,
    errors: mutationErrors,
    description: 'The models each configured provider reports, asked live',
    resolve: (_root, _args, { services, actor }) => services.ai.models(actor),
  }),
}));

builder.mutationFields((t) => ({
  updateAiSettings: t.field({
    type: AiSettingsRef,
    errors: mutationErrors,
    args: { input: t.arg({ type: AiSettingsInput, required: true }) },
    resolve: (_root, { input }, { services, actor }) => {
      const { clearMonthlyBudget, ...rest } = input;
      const patch = withoutNulls(rest);
      const change = clearMonthlyBudget
        ? { ...(patch as Record<string, unknown>), monthlyBudgetUsd: null }
        : patch;
      return services.ai.update(actor, change);
    },
  }),
}));
