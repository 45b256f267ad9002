import { ValidationError } from '../../errors.ts';
import { templateData, testNotification } from '../notification-data.ts';
import { checkUrl, type TargetPolicy } from '../safety/url-guard.ts';
import { type WebhookService, webhookServices } from './presets.ts';
import { validateTemplate } from './template.ts';

/** Shown instead of a stored secret; sent back unchanged, it keeps the stored value. */
export const secretMask = '********';

/** A webhook with its secrets open, as the sender uses it. */
export interface WebhookConfig {
  name: string;
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  enabled: boolean;
  service: WebhookService;
  template: string | null;
  customFields: Record<string, string>;
  mention: string | null;
  signingSecret: string | null;
}

export type WebhookInput = Partial<WebhookConfig>;

export const defaultWebhook: WebhookConfig = {
  name: '',
  url: '',
  method: 'POST',
  headers: {},
  enabled: true,
  service: 'generic',
  template: null,
  customFields: {},
  mention: null,
  signingSecret: null,
};

const methods = ['POST', 'PUT', 'PATCH'];

/** Header values equal to the mask keep the stored value of the same header. */
function mergeHeaders(stored: Record<string, string>, input: Record<string, string>) {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new ValidationError(`headers: "${name}" is not a valid header name`, 'headers');
    }
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw new ValidationError(`headers: the value of "${name}" must be one line`, 'headers');
    }
    const storedValue = Object.entries(stored).find(
      ([key]) => key.toLowerCase() === name.toLowerCase(),
    )?.[1];
    merged[name] = value === secretMask && storedValue !== undefined ? storedValue : value;
  }
  return merged;
}

/** Custom field values equal to the mask keep the stored value of the same field. */
function keepMasked(stored: Record<string, string>, input: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      value === secretMask && stored[key] !== undefined ? stored[key] : value,
    ]),
  );
}

/** Applies an input to a stored (or default) webhook and validates the result. */
export function mergeWebhook(
  stored: WebhookConfig,
  input: WebhookInput,
  policy: TargetPolicy,
): WebhookConfig {
  const next: WebhookConfig = {
    ...stored,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    headers: input.headers ? mergeHeaders(stored.headers, input.headers) : stored.headers,
    customFields: input.customFields
      ? keepMasked(stored.customFields, input.customFields)
      : stored.customFields,
    signingSecret:
      input.signingSecret === undefined || input.signingSecret === secretMask
        ? stored.signingSecret
        : input.signingSecret || null,
  };
  next.name = next.name.trim();
  if (next.name.length < 1 || next.name.length > 64) {
    throw new ValidationError('name must be 1 to 64 characters', 'name');
  }
  if (!webhookServices.includes(next.service)) {
    throw new ValidationError(`service must be one of ${webhookServices.join(', ')}`, 'service');
  }
  next.method = String(next.method).toUpperCase() as WebhookConfig['method'];
  if (!methods.includes(next.method)) {
    throw new ValidationError('method must be POST, PUT or PATCH', 'method');
  }
  const checked = checkUrl(next.url.trim(), policy);
  if ('reason' in checked) throw new ValidationError(`url ${checked.reason}`, 'url');
  next.url = next.url.trim();
  if (next.service === 'telegram' && !checked.url.searchParams.get('chat_id')) {
    throw new ValidationError('url: a Telegram URL needs ?chat_id=<chat> in its query', 'url');
  }
  if (next.service === 'pushover' && !(next.customFields.token && next.customFields.user)) {
    throw new ValidationError('customFields: Pushover needs token and user', 'customFields');
  }
  for (const [key, value] of Object.entries(next.customFields)) {
    if (typeof value !== 'string') {
      throw new ValidationError(`customFields.${key} must be a string`, 'customFields');
    }
  }
  next.template = next.template?.trim() ? next.template : null;
  if (next.template) validateTemplate(next.template, templateData(testNotification(0)));
  next.mention = next.mention?.trim() || null;
  return next;
}
