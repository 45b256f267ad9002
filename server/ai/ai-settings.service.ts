import { type Actor, authorize } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import { ValidationError } from '../errors.ts';
import { type AiFields, applyAiChange, defaultAiFields, secretMask } from './ai-fields.ts';
import { AiSettings } from './ai-settings.entity.ts';
import { AnthropicProvider } from './anthropic.ts';
import { type ChatModel, type ChatProvider, type ModelInfo, parseModelId } from './chat-model.ts';
import { OpenAIProvider } from './openai.ts';
import { ProviderError, type ProviderFailureReason } from './provider-error.ts';

const rowId = 'ai';

interface KeyView {
  /** The mask when a key is stored, or "". */
  apiKey: string;
  hasApiKey: boolean;
  baseUrl: string;
}

/** What an admin reads: keys masked. */
export interface AiSettingsView
  extends Omit<AiFields, 'anthropic' | 'openai' | 'openaiCompatible'> {
  anthropic: KeyView;
  openai: KeyView;
  openaiCompatible: (KeyView & { name: string })[];
  /** Provider names model ids may use. */
  configuredProviders: string[];
}

export interface ProviderStatus {
  provider: string;
  ok: boolean;
  /** Why it failed (bad_key, unreachable, model_missing, rate_limited, provider_error). */
  reason: ProviderFailureReason | null;
  message: string | null;
  modelCount: number;
}

export interface ModelListing {
  models: ModelInfo[];
  providers: ProviderStatus[];
}

const mask = (key: string) => (key ? secretMask : '');

function view(fields: AiFields): AiSettingsView {
  return {
    ...fields,
    anthropic: {
      ...fields.anthropic,
      apiKey: mask(fields.anthropic.apiKey),
      hasApiKey: !!fields.anthropic.apiKey,
    },
    openai: {
      ...fields.openai,
      apiKey: mask(fields.openai.apiKey),
      hasApiKey: !!fields.openai.apiKey,
    },
    openaiCompatible: fields.openaiCompatible.map((c) => ({
      ...c,
      apiKey: mask(c.apiKey),
      hasApiKey: !!c.apiKey,
    })),
    configuredProviders: providersOf(fields).map((p) => p.name),
  };
}

function providersOf(fields: AiFields): ChatProvider[] {
  const providers: ChatProvider[] = [];
  if (fields.anthropic.apiKey) providers.push(new AnthropicProvider(fields.anthropic));
  if (fields.openai.apiKey) {
    providers.push(new OpenAIProvider({ name: 'openai', ...fields.openai }));
  }
  for (const c of fields.openaiCompatible) {
    providers.push(
      new OpenAIProvider({ name: c.name, apiKey: c.apiKey || null, baseUrl: c.baseUrl }),
    );
  }
  return providers;
}

/** The AI provider settings, and the models they give chat and patrol. */
export class AiSettingsService {
  readonly #orm: Orm;
  readonly #box: SecretBox;
  readonly #audit: AuditLog;
  #cached: AiFields | null = null;

  constructor(orm: Orm, box: SecretBox, audit: AuditLog) {
    this.#orm = orm;
    this.#box = box;
    this.#audit = audit;
  }

  async view(actor: Actor): Promise<AiSettingsView> {
    authorize(actor, 'manage', 'AI');
    return view(await this.fields());
  }

  /** A partial change; the mask (or no key) keeps a stored key, "" clears it. */
  async update(actor: Actor, input: unknown): Promise<AiSettingsView> {
    authorize(actor, 'manage', 'AI');
    const before = await this.fields();
    const after = applyAiChange(before, input);
    const changed = (Object.keys(after) as (keyof AiFields)[]).filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    if (changed.length === 0) return view(after);
    await this.#save(after);
    this.#cached = after;
    // Field names only: keys must never reach the audit log.
    await this.#audit.record({
      event: 'ai_settings_changed',
      user: actor.name,
      details: { changed: changed.join(','), enabled: after.enabled },
    });
    return view(after);
  }

  /** Every configured provider's live model list; a failing provider says why. */
  async models(actor: Actor): Promise<ModelListing> {
    authorize(actor, 'read', 'AI');
    const providers = providersOf(await this.fields());
    const results = await Promise.all(
      providers.map(async (provider): Promise<[ModelInfo[], ProviderStatus]> => {
        try {
          const models = await provider.listModels();
          const status = { provider: provider.name, ok: true, reason: null, message: null };
          return [models, { ...status, modelCount: models.length }];
        } catch (error) {
          const failure =
            error instanceof ProviderError
              ? error
              : new ProviderError(provider.name, 'provider_error', null);
          const status = { provider: provider.name, ok: false, modelCount: 0 };
          return [[], { ...status, reason: failure.reason, message: failure.message }];
        }
      }),
    );
    return { models: results.flatMap(([m]) => m), providers: results.map(([, s]) => s) };
  }

  /** The model a feature uses, or null when AI is off or none is chosen. For chat and patrol. */
  async modelFor(feature: 'chat' | 'patrol'): Promise<ChatModel | null> {
    const fields = await this.fields();
    if (!fields.enabled) return null;
    const id = (feature === 'chat' ? fields.chatModel : fields.patrolModel) || fields.model;
    return id ? this.open(id, fields) : null;
  }

  /** Opens `provider:model` with the stored credentials. */
  open(id: string, fields: AiFields): ChatModel {
    const parsed = parseModelId(id);
    const provider = parsed && providersOf(fields).find((p) => p.name === parsed.provider);
    if (!parsed || !provider) throw new ValidationError(`model ${id} has no configured provider`);
    return provider.model(parsed.model);
  }

  /** The stored settings with keys opened; server-side use only. */
  async fields(): Promise<AiFields> {
    if (this.#cached) return this.#cached;
    const row = await this.#orm.em.fork().findOne(AiSettings, { id: rowId });
    this.#cached = row ? this.#fromRow(row) : defaultAiFields;
    return this.#cached;
  }

  #fromRow(row: AiSettings): AiFields {
    const open = (sealed: string | null | undefined) => (sealed ? this.#box.open(sealed) : '');
    return {
      enabled: row.enabled,
      anthropic: { apiKey: open(row.sealedAnthropicKey), baseUrl: row.anthropicBaseUrl },
      openai: { apiKey: open(row.sealedOpenaiKey), baseUrl: row.openaiBaseUrl },
      openaiCompatible: row.compatible.map((c) => ({
        name: c.name,
        baseUrl: c.baseUrl,
        apiKey: open(c.sealedApiKey),
      })),
      model: row.model,
      chatModel: row.chatModel,
      patrolModel: row.patrolModel,
      patrolIntervalMinutes: row.patrolIntervalMinutes,
      monthlyBudgetUsd: row.monthlyBudgetUsd ?? null,
    };
  }

  async #save(fields: AiFields): Promise<void> {
    const seal = (key: string) => (key ? this.#box.seal(key) : null);
    await this.#orm.em.fork().upsert(AiSettings, {
      id: rowId,
      enabled: fields.enabled,
      sealedAnthropicKey: seal(fields.anthropic.apiKey),
      anthropicBaseUrl: fields.anthropic.baseUrl,
      sealedOpenaiKey: seal(fields.openai.apiKey),
      openaiBaseUrl: fields.openai.baseUrl,
      compatible: fields.openaiCompatible.map((c) => ({
        name: c.name,
        baseUrl: c.baseUrl,
        sealedApiKey: seal(c.apiKey),
      })),
      model: fields.model,
      chatModel: fields.chatModel,
      patrolModel: fields.patrolModel,
      patrolIntervalMinutes: fields.patrolIntervalMinutes,
      monthlyBudgetUsd: fields.monthlyBudgetUsd,
      updatedAt: new Date(),
    });
  }
}
