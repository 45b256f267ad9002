import type { AppriseConfig } from './apprise/apprise-config.ts';
import type { StoredWebhook } from './channel-store.ts';
import type { EmailConfig } from './email/email-config.ts';
import { secretMask } from './webhooks/webhook-input.ts';

/**
 * What the APIs show of each channel: secrets are replaced by the mask (sent back
 * unchanged, the mask keeps the stored secret) and a `has…` flag.
 */
const masked = (secret: string | null) => (secret ? secretMask : '');

export type EmailView = Omit<EmailConfig, 'password'> & { password: string; hasPassword: boolean };

export function emailView(config: EmailConfig): EmailView {
  return { ...config, password: masked(config.password), hasPassword: Boolean(config.password) };
}

export type AppriseView = Omit<AppriseConfig, 'apiKey'> & { apiKey: string; hasApiKey: boolean };

export function appriseView(config: AppriseConfig): AppriseView {
  return { ...config, apiKey: masked(config.apiKey), hasApiKey: Boolean(config.apiKey) };
}

export type WebhookView = Omit<StoredWebhook, 'signingSecret'> & {
  signingSecret: string;
  hasSigningSecret: boolean;
};

export function webhookView(webhook: StoredWebhook): WebhookView {
  return {
    ...webhook,
    headers: Object.fromEntries(Object.keys(webhook.headers).map((name) => [name, secretMask])),
    // Pushover's token and user key live here; every value is treated as a secret.
    customFields: Object.fromEntries(
      Object.keys(webhook.customFields).map((name) => [name, secretMask]),
    ),
    signingSecret: masked(webhook.signingSecret),
    hasSigningSecret: Boolean(webhook.signingSecret),
  };
}
