import { ValidationError } from '../errors.ts';
import { parseModelId } from './chat-model.ts';

/** AI settings with keys in the clear: only ever held in memory. */
export interface AiFields {
  enabled: boolean;
  anthropic: { apiKey: string; baseUrl: string };
  openai: { apiKey: string; baseUrl: string };
  /** Ollama, OpenRouter, DeepSeek or any OpenAI-compatible base URL, each under its own name. */
  openaiCompatible: { name: string; baseUrl: string; apiKey: string }[];
  /** `provider:model`; the default for every feature. */
  model: string;
  /** Empty: `model`. */
  chatModel: string;
  /** Empty: `model`. */
  patrolModel: string;
  /** 0: patrol runs on demand only. */
  patrolIntervalMinutes: number;
  /** null: no budget. */
  monthlyBudgetUsd: number | null;
}

export const defaultAiFields: AiFields = {
  enabled: false,
  anthropic: { apiKey: '', baseUrl: '' },
  openai: { apiKey: '', baseUrl: '' },
  openaiCompatible: [],
  model: '',
  chatModel: '',
  patrolModel: '',
  patrolIntervalMinutes: 0,
  monthlyBudgetUsd: null,
};

export const secretMask = '********';
const reservedNames = new Set(['anthropic', 'openai']);
const maxIntervalMinutes = 7 * 24 * 60;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`, field);
  if (value.length > max) throw new ValidationError(`${field} is too long`, field);
  return value.trim();
}

function url(value: unknown, field: string): string {
  const given = text(value, field);
  if (given === '') return '';
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    throw new ValidationError(`${field} must be an http(s) URL`, field);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError(`${field} must be an http(s) URL`, field);
  }
  return given.replace(/\/+$/, '');
}

/** The mask (or nothing) keeps the stored key; "" clears it. */
function key(value: unknown, stored: string, field: string): string {
  if (value === undefined || value === secretMask) return stored;
  return text(value, field, 1000);
}

function keyed(given: unknown, stored: { apiKey: string; baseUrl: string }, field: string) {
  if (given === undefined) return stored;
  if (!isObject(given)) throw new ValidationError(`${field} must be an object`, field);
  return {
    apiKey: key(given.apiKey, stored.apiKey, `${field}.apiKey`),
    baseUrl: given.baseUrl === undefined ? stored.baseUrl : url(given.baseUrl, `${field}.baseUrl`),
  };
}

function compatible(given: unknown, stored: AiFields['openaiCompatible']) {
  if (given === undefined) return stored;
  if (!Array.isArray(given)) {
    throw new ValidationError('openaiCompatible must be a list', 'openaiCompatible');
  }
  const seen = new Set<string>();
  return given.map((entry: unknown, i) => {
    const field = `openaiCompatible[${i}]`;
    if (!isObject(entry)) throw new ValidationError(`${field} must be an object`, field);
    const name = text(entry.name, `${field}.name`, 40).toLowerCase();
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(name) || reservedNames.has(name) || seen.has(name)) {
      throw new ValidationError(
        `${field}.name must be a unique lowercase word (letters, digits, - or _), not anthropic or openai`,
        `${field}.name`,
      );
    }
    seen.add(name);
    const baseUrl = url(entry.baseUrl, `${field}.baseUrl`);
    if (baseUrl === '') throw new ValidationError(`${field}.baseUrl is required`, field);
    const before = stored.find((s) => s.name === name)?.apiKey ?? '';
    return { name, baseUrl, apiKey: key(entry.apiKey, before, `${field}.apiKey`) };
  });
}

/** The providers these fields configure, by the name model ids use. */
export function configuredProviders(fields: AiFields): string[] {
  return [
    ...(fields.anthropic.apiKey ? ['anthropic'] : []),
    ...(fields.openai.apiKey ? ['openai'] : []),
    ...fields.openaiCompatible.map((c) => c.name),
  ];
}

function modelId(value: unknown, field: string, providers: string[]): string {
  const id = text(value, field, 200);
  if (id === '') return '';
  const parsed = parseModelId(id);
  if (!parsed) throw new ValidationError(`${field} must look like provider:model`, field);
  if (!providers.includes(parsed.provider)) {
    throw new ValidationError(`${field}: provider ${parsed.provider} is not configured`, field);
  }
  return id;
}

/** Applies a partial change to the stored fields, validating every given field. */
export function applyAiChange(before: AiFields, input: unknown): AiFields {
  if (!isObject(input)) throw new ValidationError('send the settings as a JSON object');
  const next: AiFields = {
    ...before,
    anthropic: keyed(input.anthropic, before.anthropic, 'anthropic'),
    openai: keyed(input.openai, before.openai, 'openai'),
    openaiCompatible: compatible(input.openaiCompatible, before.openaiCompatible),
  };
  if (input.enabled !== undefined) {
    if (typeof input.enabled !== 'boolean') {
      throw new ValidationError('enabled must be true or false', 'enabled');
    }
    next.enabled = input.enabled;
  }
  const providers = configuredProviders(next);
  for (const field of ['model', 'chatModel', 'patrolModel'] as const) {
    next[field] = modelId(input[field] ?? before[field], field, providers);
  }
  const interval = input.patrolIntervalMinutes;
  if (interval !== undefined) {
    if (
      typeof interval !== 'number' ||
      !Number.isInteger(interval) ||
      (interval !== 0 && (interval < 10 || interval > maxIntervalMinutes))
    ) {
      throw new ValidationError(
        `patrolIntervalMinutes must be 0 (off) or 10 to ${maxIntervalMinutes}`,
        'patrolIntervalMinutes',
      );
    }
    next.patrolIntervalMinutes = interval;
  }
  const budget = input.monthlyBudgetUsd;
  if (budget !== undefined) {
    if (budget !== null && (typeof budget !== 'number' || !(budget >= 0) || budget > 1e6)) {
      throw new ValidationError(
        'monthlyBudgetUsd must be a positive number or null',
        'monthlyBudgetUsd',
      );
    }
    next.monthlyBudgetUsd = budget;
  }
  if (next.enabled && next.model === '') {
    throw new ValidationError('choose a model (provider:model) to enable AI', 'model');
  }
  return next;
}
