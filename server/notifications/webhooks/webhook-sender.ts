import { createHmac } from 'node:crypto';
import type { AlertNotification } from '../../alerts/alert.ts';
import { DeliveryError, isPermanentStatus } from '../delivery-error.ts';
import { templateData } from '../notification-data.ts';
import { BlockedTargetError, type OutboundResponse, safeRequest } from '../safety/safe-http.ts';
import type { TargetPolicy } from '../safety/url-guard.ts';
import { buildPresetRequest, type PresetRequest } from './presets.ts';
import { isJsonTemplate, renderTemplate } from './template.ts';
import type { WebhookConfig } from './webhook-input.ts';

const timeoutMs = 10_000;

/** The request for one notification: the custom template when set, else the preset. */
export function buildWebhookRequest(
  webhook: WebhookConfig,
  notification: AlertNotification,
): PresetRequest {
  const preset = buildPresetRequest(webhook.service, notification, webhook);
  if (!webhook.template) return preset;
  const json = isJsonTemplate(webhook.template);
  return {
    url: webhook.url,
    // ntfy reads its title and priority from headers even with a custom body.
    headers: {
      ...(webhook.service === 'ntfy' ? preset.headers : {}),
      'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
    },
    body: renderTemplate(webhook.template, templateData(notification)),
  };
}

/** `X-Pulse-Signature: v1=<hex hmac_sha256(secret, ts + "." + body)>`, as Pulse signs. */
export function signatureHeaders(secret: string, body: string, nowMs: number) {
  const timestamp = String(Math.floor(nowMs / 1000));
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'X-Pulse-Timestamp': timestamp, 'X-Pulse-Signature': `v1=${digest}` };
}

/** Sends one notification; resolves on 2xx, else throws a DeliveryError with the status. */
export async function sendWebhook(
  webhook: WebhookConfig,
  notification: AlertNotification,
  policy: TargetPolicy,
  nowMs: number,
): Promise<OutboundResponse> {
  const request = buildWebhookRequest(webhook, notification);
  const headers = {
    ...request.headers,
    ...webhook.headers,
    ...(webhook.signingSecret && signatureHeaders(webhook.signingSecret, request.body, nowMs)),
  };
  let response: OutboundResponse;
  try {
    response = await safeRequest(
      { url: request.url, method: webhook.method, headers, body: request.body, timeoutMs },
      policy,
    );
  } catch (error) {
    const blocked = error instanceof BlockedTargetError;
    throw new DeliveryError((error as Error).message, { permanent: blocked });
  }
  if (response.status < 200 || response.status >= 300) {
    const detail = response.body.trim().slice(0, 300);
    throw new DeliveryError(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`, {
      statusCode: response.status,
      permanent: isPermanentStatus(response.status),
    });
  }
  return response;
}
