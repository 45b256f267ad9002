import type {
  AiCompatibleProviderInput,
  AiProviderKeyInput,
  AiSettingsFieldsFragment,
  AiSettingsInput,
} from '../../graphql/generated/graphql.ts';

/**
 * The AI settings form as typed, and how it becomes the partial change the server takes. Keys
 * are write-only: the server only says whether one is stored, so a key field either keeps,
 * replaces or clears it, and sends nothing it did not mean to change.
 */

export type KeyAction = 'keep' | 'replace' | 'clear';

export interface KeyDraft {
  action: KeyAction;
  /** The new key while replacing (or while none is stored). */
  value: string;
}

export interface ProviderDraft {
  key: KeyDraft;
  hasKey: boolean;
  baseUrl: string;
}

export interface EndpointDraft {
  /** Keys the row in the list while its name is being typed. */
  uid: number;
  /** The name its key is stored under; null for a row added since the last save. */
  savedName: string | null;
  hasKey: boolean;
  name: string;
  baseUrl: string;
  key: KeyDraft;
}

export interface AiDraft {
  enabled: boolean;
  anthropic: ProviderDraft;
  openai: ProviderDraft;
  compatible: EndpointDraft[];
  model: string;
  chatModel: string;
  patrolModel: string;
  patrolOn: boolean;
  /** Minutes, as typed. */
  patrolEvery: string;
  /** US dollars, as typed; empty for no budget. */
  budget: string;
}

/** Where a newly scheduled patrol starts: hourly is a sensible first cadence. */
export const defaultPatrolMinutes = 60;
export const minPatrolMinutes = 10;
export const maxPatrolMinutes = 7 * 24 * 60;

let uids = 0;
export const nextUid = () => ++uids;

const keep = (): KeyDraft => ({ action: 'keep', value: '' });

export function draftFrom(settings: AiSettingsFieldsFragment): AiDraft {
  const provider = (p: AiSettingsFieldsFragment['anthropic']): ProviderDraft => ({
    key: keep(),
    hasKey: p.hasApiKey,
    baseUrl: p.baseUrl,
  });
  return {
    enabled: settings.enabled,
    anthropic: provider(settings.anthropic),
    openai: provider(settings.openai),
    compatible: settings.openaiCompatible.map((c) => ({
      uid: nextUid(),
      savedName: c.name,
      hasKey: c.hasApiKey,
      name: c.name,
      baseUrl: c.baseUrl,
      key: keep(),
    })),
    model: settings.model,
    chatModel: settings.chatModel,
    patrolModel: settings.patrolModel,
    patrolOn: settings.patrolIntervalMinutes > 0,
    patrolEvery: String(settings.patrolIntervalMinutes || defaultPatrolMinutes),
    budget: settings.monthlyBudgetUsd === null ? '' : String(settings.monthlyBudgetUsd),
  };
}

/** The server keeps a compatible endpoint's key by name: a renamed row starts without one. */
export function endpointHasKey(row: EndpointDraft): boolean {
  return row.hasKey && row.savedName === row.name.trim().toLowerCase();
}

/** undefined keeps the stored key (or sets none); "" clears it; anything else replaces it. */
function keyValue(key: KeyDraft, stored: boolean): string | undefined {
  if (stored && key.action === 'clear') return '';
  if (stored && key.action === 'keep') return undefined;
  const typed = key.value.trim();
  return typed === '' ? undefined : typed;
}

function providerInput(draft: ProviderDraft): AiProviderKeyInput {
  const apiKey = keyValue(draft.key, draft.hasKey);
  return { baseUrl: draft.baseUrl.trim(), ...(apiKey !== undefined && { apiKey }) };
}

function endpointInput(row: EndpointDraft): AiCompatibleProviderInput {
  const apiKey = keyValue(row.key, endpointHasKey(row));
  return {
    name: row.name.trim(),
    baseUrl: row.baseUrl.trim(),
    ...(apiKey !== undefined && { apiKey }),
  };
}

/** Only the providers: saved on their own so their models can be listed before choosing one. */
export function providersInput(draft: AiDraft): AiSettingsInput {
  return {
    anthropic: providerInput(draft.anthropic),
    openai: providerInput(draft.openai),
    openaiCompatible: draft.compatible.map(endpointInput),
  };
}

export type Errors = Record<string, string>;

/** Everything; or, for what the server's types cannot carry (text in a number), the errors. */
export function settingsInput(
  draft: AiDraft,
): { ok: true; input: AiSettingsInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const every = Number(draft.patrolEvery.trim());
  if (draft.patrolOn && !Number.isInteger(every)) {
    errors.patrolIntervalMinutes = `Enter whole minutes, ${minPatrolMinutes} to ${maxPatrolMinutes}`;
  }
  const budgetText = draft.budget.trim();
  const budget = Number(budgetText);
  if (budgetText !== '' && !Number.isFinite(budget)) {
    errors.monthlyBudgetUsd = 'Enter an amount in US dollars, e.g. 20, or leave it empty';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      ...providersInput(draft),
      enabled: draft.enabled,
      model: draft.model.trim(),
      chatModel: draft.chatModel.trim(),
      patrolModel: draft.patrolModel.trim(),
      patrolIntervalMinutes: draft.patrolOn ? every : 0,
      ...(budgetText === '' ? { clearMonthlyBudget: true } : { monthlyBudgetUsd: budget }),
    },
  };
}

const known = new Set([
  'enabled',
  'anthropic.apiKey',
  'anthropic.baseUrl',
  'openai.apiKey',
  'openai.baseUrl',
  'openaiCompatible',
  'model',
  'chatModel',
  'patrolModel',
  'patrolIntervalMinutes',
  'monthlyBudgetUsd',
]);

/**
 * The form field a server ValidationError is about, in the server's own naming (the form's
 * errors are keyed by it), or null when it belongs above the form.
 */
export function errorField(field: string | null): string | null {
  if (!field) return null;
  // "openaiCompatible[2]" is what the server says when a row's base URL is missing.
  const row = /^openaiCompatible\[(\d+)\](?:\.(name|baseUrl|apiKey))?$/.exec(field);
  if (row) return `openaiCompatible[${row[1]}].${row[2] ?? 'baseUrl'}`;
  return known.has(field) ? field : null;
}
