import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../config/secrets.ts';
import type { Orm } from '../db/orm.ts';
import { NotFoundError } from '../errors.ts';
import { AppriseChannel } from './apprise/apprise.entity.ts';
import { type AppriseConfig, defaultApprise } from './apprise/apprise-config.ts';
import { EmailChannel } from './email/email.entity.ts';
import { defaultEmail, type EmailConfig } from './email/email-config.ts';
import { NotificationSettings } from './notification-settings.entity.ts';
import type { TargetPolicy } from './safety/url-guard.ts';
import type { WebhookService } from './webhooks/presets.ts';
import { Webhook } from './webhooks/webhook.entity.ts';
import type { WebhookConfig } from './webhooks/webhook-input.ts';

export interface StoredWebhook extends WebhookConfig {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Reads and writes channel configs, sealing secrets on the way in and opening them on the
 * way out. Nothing outside this file sees a sealed value.
 */
export class ChannelStore {
  readonly #orm: Orm;
  readonly #box: SecretBox;

  constructor(orm: Orm, box: SecretBox) {
    this.#orm = orm;
    this.#box = box;
  }

  #open(sealed: string | null): string | null {
    return sealed === null ? null : this.#box.open(sealed);
  }

  #seal(plain: string | null): string | null {
    return plain === null || plain === '' ? null : this.#box.seal(plain);
  }

  async email(): Promise<EmailConfig> {
    const row = await this.#orm.em.fork().findOne(EmailChannel, { id: 'email' });
    if (!row) return { ...defaultEmail };
    const { sealedPassword, startTls, id: _id, updatedAt: _u, ...rest } = row;
    return { ...rest, startTLS: startTls, password: this.#open(sealedPassword ?? null) };
  }

  async saveEmail(config: EmailConfig): Promise<void> {
    const { password, startTLS, ...rest } = config;
    const em = this.#orm.em.fork();
    em.upsert(EmailChannel, {
      ...rest,
      id: 'email',
      startTls: startTLS,
      sealedPassword: this.#seal(password),
      updatedAt: new Date(),
    });
    await em.flush();
  }

  async apprise(): Promise<AppriseConfig> {
    const row = await this.#orm.em.fork().findOne(AppriseChannel, { id: 'apprise' });
    if (!row) return { ...defaultApprise };
    const { sealedApiKey, id: _id, updatedAt: _u, mode, ...rest } = row;
    return {
      ...rest,
      mode: mode as AppriseConfig['mode'],
      apiKey: this.#open(sealedApiKey ?? null),
    };
  }

  async saveApprise(config: AppriseConfig): Promise<void> {
    const { apiKey, ...rest } = config;
    const em = this.#orm.em.fork();
    em.upsert(AppriseChannel, {
      ...rest,
      id: 'apprise',
      sealedApiKey: this.#seal(apiKey),
      updatedAt: new Date(),
    });
    await em.flush();
  }

  async targetPolicy(): Promise<TargetPolicy> {
    const row = await this.#orm.em.fork().findOne(NotificationSettings, { id: 'notifications' });
    return { allowPrivateTargets: row?.allowPrivateTargets ?? true };
  }

  async saveTargetPolicy(policy: TargetPolicy): Promise<void> {
    const em = this.#orm.em.fork();
    em.upsert(NotificationSettings, {
      id: 'notifications',
      allowPrivateTargets: policy.allowPrivateTargets,
      updatedAt: new Date(),
    });
    await em.flush();
  }

  async webhooks(): Promise<StoredWebhook[]> {
    const rows = await this.#orm.em.fork().find(Webhook, {}, { orderBy: { createdAt: 'asc' } });
    return rows.map((row) => this.#toConfig(row));
  }

  async webhook(id: string): Promise<StoredWebhook> {
    const row = await this.#orm.em.fork().findOne(Webhook, { id });
    if (!row) throw new NotFoundError(`no webhook with id ${id}`);
    return this.#toConfig(row);
  }

  async saveWebhook(id: string | null, config: WebhookConfig): Promise<StoredWebhook> {
    const em = this.#orm.em.fork();
    const now = new Date();
    const existing = id ? await em.findOne(Webhook, { id }) : null;
    if (id && !existing) throw new NotFoundError(`no webhook with id ${id}`);
    const values = {
      name: config.name,
      sealedUrl: this.#box.seal(config.url),
      method: config.method,
      sealedHeaders: this.#box.seal(JSON.stringify(config.headers)),
      enabled: config.enabled,
      service: config.service,
      template: config.template,
      customFields: {},
      sealedCustomFields: this.#box.seal(JSON.stringify(config.customFields)),
      mention: config.mention,
      sealedSigningSecret: this.#seal(config.signingSecret),
      updatedAt: now,
    };
    const row = existing
      ? Object.assign(existing, values)
      : em.create(Webhook, { ...values, id: randomUUID(), createdAt: now });
    await em.flush();
    return this.#toConfig(row);
  }

  /** Seals custom fields saved in the clear by earlier versions (Pushover keys). */
  async sealLegacyCustomFields(): Promise<void> {
    const em = this.#orm.em.fork();
    const rows = await em.find(Webhook, { sealedCustomFields: null });
    for (const row of rows) {
      row.sealedCustomFields = this.#box.seal(JSON.stringify(row.customFields));
      row.customFields = {};
    }
    if (rows.length > 0) await em.flush();
  }

  async deleteWebhook(id: string): Promise<void> {
    const deleted = await this.#orm.em.fork().nativeDelete(Webhook, { id });
    if (deleted === 0) throw new NotFoundError(`no webhook with id ${id}`);
  }

  #toConfig(row: Webhook): StoredWebhook {
    return {
      id: row.id,
      name: row.name,
      url: this.#box.open(row.sealedUrl),
      method: row.method as WebhookConfig['method'],
      headers: JSON.parse(this.#box.open(row.sealedHeaders)) as Record<string, string>,
      enabled: row.enabled,
      service: row.service as WebhookService,
      template: row.template ?? null,
      customFields: row.sealedCustomFields
        ? (JSON.parse(this.#box.open(row.sealedCustomFields)) as Record<string, string>)
        : row.customFields,
      mention: row.mention ?? null,
      signingSecret: this.#open(row.sealedSigningSecret ?? null),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
